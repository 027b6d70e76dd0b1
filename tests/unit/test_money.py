"""Exact money (rules.money): half-up rounding to the cent, reading amounts and shares, and the
largest-remainder allocation, checked on the figures of domain.md and, by property, against an
exact computation written here with `fractions.Fraction` only."""

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convention_manager.rules.money import (
    allocate,
    ceil_cents,
    floor_cents,
    parse_amount,
    parse_share,
    percent_of,
    round_cents,
    split,
    total,
)

D = Decimal
F = Fraction


def strs(values):
    """Decimals as their exact strings, so that "7500.00" and "7500.0" are told apart."""
    return [str(v) for v in values]


# --- rounding to the cent ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(D("0.005"), "0.01", id="half-cent-up"),
        pytest.param(D("0.004"), "0.00", id="under-half-down"),
        pytest.param(D("0.0049999"), "0.00", id="just-under-half"),
        pytest.param(D("-0.005"), "-0.01", id="negative-half-away-from-zero"),
        pytest.param(D("-0.004"), "0.00", id="negative-under-half"),
        pytest.param(D("2.675"), "2.68", id="2.675-half-up-not-float"),
        pytest.param(D("1.015"), "1.02", id="1.015"),
        pytest.param(D("0.125"), "0.13", id="half-up-not-half-even"),
        pytest.param(F(1, 3), "0.33", id="one-third"),
        pytest.param(F(2, 3), "0.67", id="two-thirds"),
        pytest.param(F(-2, 3), "-0.67", id="minus-two-thirds"),
        pytest.param(7500, "7500.00", id="int"),
        pytest.param(D("17250.0075"), "17250.01", id="fipd-advance-23000.01"),
        pytest.param(D("22500.015"), "22500.02", id="fipd-advance-30000.02"),
        pytest.param(D("-22500.015"), "-22500.02", id="negative-22500.015"),
        pytest.param(F(22500, 3), "7500.00", id="third-of-22500"),
    ],
)
def test_round_cents_half_up(value, expected):
    assert str(round_cents(value)) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(D("0.009"), "0.00", id="0.009"),
        pytest.param(D("0.01"), "0.01", id="exact-cent"),
        pytest.param(D("-0.001"), "-0.01", id="negative-goes-down"),
        pytest.param(F(1, 3), "0.33", id="one-third"),
        pytest.param(F(2, 3), "0.66", id="two-thirds"),
        pytest.param(F(-1, 3), "-0.34", id="minus-one-third"),
        pytest.param(F(21000, 9), "2333.33", id="fee-max-21000"),
        pytest.param(5, "5.00", id="int"),
    ],
)
def test_floor_cents(value, expected):
    assert str(floor_cents(value)) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(D("0.001"), "0.01", id="0.001"),
        pytest.param(D("0.01"), "0.01", id="exact-cent"),
        pytest.param(D("-0.009"), "0.00", id="negative-goes-up"),
        pytest.param(D("-0.005"), "0.00", id="negative-half"),
        pytest.param(F(2, 3), "0.67", id="two-thirds"),
        pytest.param(F(-2, 3), "-0.66", id="minus-two-thirds"),
        pytest.param(F(21000 * 5, 95), "1105.27", id="fee-min-21000"),
        pytest.param(5, "5.00", id="int"),
    ],
)
def test_ceil_cents(value, expected):
    assert str(ceil_cents(value)) == expected


@pytest.mark.parametrize("helper", [round_cents, floor_cents, ceil_cents], ids=lambda f: f.__name__)
def test_rounding_refuses_float(helper):
    with pytest.raises(TypeError):
        helper(0.1)


# --- reading amounts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param("7500", "7500.00", id="str"),
        pytest.param(7500, "7500.00", id="int"),
        pytest.param(D("7500.00"), "7500.00", id="decimal"),
        pytest.param("7 500,50", "7500.50", id="french-space-comma"),
        pytest.param("7\u202f500,50", "7500.50", id="narrow-nbsp"),
        pytest.param("7\xa0500", "7500.00", id="nbsp"),
        pytest.param(" 71724 ", "71724.00", id="surrounding-spaces"),
        pytest.param("0,5", "0.50", id="one-decimal"),
        pytest.param("0", "0.00", id="zero"),
        pytest.param("1105.27", "1105.27", id="two-decimals"),
        pytest.param(7500.5, "7500.50", id="float-read-by-repr"),
    ],
)
def test_parse_amount_accepts(raw, expected):
    assert str(parse_amount(raw)) == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("-1", id="negative-str"),
        pytest.param(-1, id="negative-int"),
        pytest.param(D("-0.01"), id="negative-cent"),
        pytest.param("1.005", id="three-decimals"),
        pytest.param("7 500,125", id="three-decimals-french"),
        pytest.param("NaN", id="nan"),
        pytest.param(D("NaN"), id="decimal-nan"),
        pytest.param("Infinity", id="infinity"),
        pytest.param("abc", id="text"),
        pytest.param("", id="empty"),
        pytest.param("1,2,3", id="two-commas"),
        pytest.param(None, id="none"),
        pytest.param(True, id="true"),
        pytest.param(False, id="false"),
    ],
)
def test_parse_amount_refuses(raw):
    with pytest.raises(ValueError):
        parse_amount(raw)


def test_parse_amount_error_names_the_field():
    with pytest.raises(ValueError, match="plafond"):
        parse_amount("abc", field="plafond")


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param("1000000000000", "1000000000000.00", id="a-thousand-billion-accepted"),
        pytest.param("-0", "0.00", id="minus-zero-is-plain-zero"),
        pytest.param(D("-0.00"), "0.00", id="decimal-minus-zero"),
    ],
)
def test_parse_amount_edges_accepted(raw, expected):
    assert str(parse_amount(raw)) == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("1000000000000.01", id="over-a-thousand-billion"),
        pytest.param("1e26", id="beyond-decimal-precision"),
        pytest.param("1e30", id="1e30"),
    ],
)
def test_parse_amount_refuses_absurd_amounts_with_a_value_error(raw):
    with pytest.raises(ValueError, match="trop élevé"):
        parse_amount(raw)


# --- reading shares --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param("1/3", F(1, 3), id="third"),
        pytest.param(" 2/3 ", F(2, 3), id="spaces"),
        pytest.param("1 / 3", F(1, 3), id="inner-spaces"),
        pytest.param("41%", F(41, 100), id="percent"),
        pytest.param("33,5 %", F(67, 200), id="french-percent"),
        pytest.param("33,5\xa0%", F(67, 200), id="nbsp-percent"),
        pytest.param("12.5%", F(1, 8), id="decimal-percent"),
        pytest.param("100%", F(1), id="all"),
        pytest.param("1/1", F(1), id="one-over-one"),
        pytest.param("4%", F(1, 25), id="small-body-4pc"),
    ],
)
def test_parse_share_accepts(raw, expected):
    assert parse_share(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("0", id="bare-zero"),
        pytest.param("0%", id="zero-percent"),
        pytest.param("3/2", id="above-one"),
        pytest.param("150%", id="above-100pc"),
        pytest.param("1/0", id="division-by-zero"),
        pytest.param("abc", id="text"),
        pytest.param("-1/3", id="negative"),
        pytest.param("1/3/4", id="two-slashes"),
        pytest.param("%", id="bare-percent"),
        pytest.param("NaN%", id="nan-percent"),
        pytest.param("", id="empty"),
        pytest.param("41", id="no-unit"),
    ],
)
def test_parse_share_refuses(raw):
    with pytest.raises(ValueError):
        parse_share(raw)


@pytest.mark.parametrize("raw", ["inf%", "Infinity%", "-inf%"])
def test_parse_share_refuses_infinity_with_a_value_error(raw):
    with pytest.raises(ValueError):
        parse_share(raw)


# --- allocate, split, percent_of -------------------------------------------------------------


@pytest.mark.parametrize(
    "values, expected",
    [
        pytest.param([F(22500, 3)] * 3, ["7500.00"] * 3, id="three-thirds-of-22500"),
        pytest.param([F(100, 3)] * 3, ["33.34", "33.33", "33.33"], id="100-in-three-earlier-first"),
        pytest.param([F(10, 3), F(20, 3)], ["3.33", "6.67"], id="larger-remainder-wins"),
        pytest.param(
            [D("1.001"), D("1.009"), D("1.005")], ["1.00", "1.01", "1.01"], id="remainders-order"
        ),
        pytest.param(
            [D("1.009"), D("1.001"), D("1.005")], ["1.01", "1.00", "1.01"], id="remainders-order-2"
        ),
        pytest.param([D("0.004")] * 3, ["0.01", "0.00", "0.00"], id="0.012-rounds-to-one-cent"),
        pytest.param([D("0.0025")] * 2, ["0.01", "0.00"], id="sum-half-cent-rounds-up"),
        pytest.param([D("0.002")] * 2, ["0.00", "0.00"], id="sum-under-half-cent"),
        pytest.param([D("130000"), D("75000")], ["130000.00", "75000.00"], id="whole-amounts"),
        pytest.param([F(20000, 3)] * 3, ["6666.67", "6666.67", "6666.66"], id="20000-in-three"),
        pytest.param([], [], id="nothing"),
    ],
)
def test_allocate(values, expected):
    assert strs(allocate(values)) == expected


def test_allocate_refuses_negative_values():
    with pytest.raises(ValueError):
        allocate([F(1), F(-1, 100)])


def test_allocate_refuses_floats():
    with pytest.raises(TypeError):
        allocate([0.1, 0.2])


@pytest.mark.parametrize(
    "amount, weights, expected",
    [
        pytest.param(22500, [1, 1, 1], ["7500.00"] * 3, id="22500-in-thirds"),
        pytest.param(100, [1, 1, 1], ["33.34", "33.33", "33.33"], id="100-in-three"),
        pytest.param(
            D("100.00"), [F(1, 3)] * 3, ["33.34", "33.33", "33.33"], id="fraction-weights"
        ),
        pytest.param(10, [1, 2], ["3.33", "6.67"], id="one-to-two"),
        pytest.param(D("0.05"), [1, 1], ["0.03", "0.02"], id="odd-cents"),
        pytest.param(D("205000"), [130000, 75000], ["130000.00", "75000.00"], id="bas-rhin"),
        pytest.param(20000, [1, 1, 1], ["6666.67", "6666.67", "6666.66"], id="three-local-bodies"),
        pytest.param(100, [1, 0], ["100.00", "0.00"], id="zero-weight"),
        pytest.param(D("100.01"), [2, 1, 1], ["50.01", "25.00", "25.00"], id="largest-remainder"),
    ],
)
def test_split(amount, weights, expected):
    parts = split(amount, weights)
    assert strs(parts) == expected


def test_split_refuses_all_zero_weights():
    with pytest.raises(ValueError):
        split(100, [0, 0])


@pytest.mark.parametrize(
    "part, whole, expected",
    [
        pytest.param(71724, 176550, "40.63", id="cea-haut-rhin"),
        pytest.param(130000, 205000, "63.41", id="cea-bas-rhin"),
        pytest.param(201724, 381550, "52.87", id="cea-alsace"),
        pytest.param(75000, 205000, "36.59", id="fipd-bas-rhin"),
        pytest.param(66550, 176550, "37.69", id="fipd-haut-rhin"),
        pytest.param(15000, 176550, "8.50", id="caf-haut-rhin"),
        pytest.param(7500, 22500, "33.33", id="ca2c-third"),
        pytest.param(1500, 22500, "6.67", id="ca2c-fees"),
        pytest.param(1, 800, "0.13", id="half-up-0.125"),
        pytest.param(0, 100, "0.00", id="nothing"),
        pytest.param(5, 0, "0.00", id="zero-whole"),
    ],
)
def test_percent_of(part, whole, expected):
    assert str(percent_of(D(part), D(whole))) == expected


def test_total_keeps_two_places():
    assert str(total([D("0.10"), D("7500"), D("2.5")])) == "7502.60"
    assert str(total([])) == "0.00"


# --- properties against an exact computation ------------------------------------------------


def exact_floor(value):
    """value rounded down to the cent, as a Fraction."""
    return F(math.floor(value * 100), 100)


def exact_half_up(value):
    """A non-negative value rounded half-up to the cent, as a Fraction."""
    return F(math.floor(value * 100 + F(1, 2)), 100)


def check_largest_remainder(exact, parts):
    """The checks of domain.md step 3 on one allocation, computed with Fraction only."""
    got = [F(p) for p in parts]
    assert all(p.as_tuple().exponent == -2 for p in parts)
    assert sum(got, F(0)) == exact_half_up(sum(exact, F(0)))
    for value, part in zip(exact, got, strict=True):
        assert part >= 0
        assert abs(part - value) < F(1, 100)
        assert part - exact_floor(value) in (0, F(1, 100))
    remainders = [v - exact_floor(v) for v in exact]
    extra = [g - exact_floor(v) == F(1, 100) for v, g in zip(exact, got, strict=True)]
    for i, got_cent in enumerate(extra):
        for j, other_got_cent in enumerate(extra):
            if got_cent and not other_got_cent:
                assert remainders[i] >= remainders[j]
                if remainders[i] == remainders[j]:
                    assert i < j, "ties go to the earlier line"


EUROS = 10**9
exact_values = st.fractions(min_value=0, max_value=EUROS, max_denominator=10_000)
# Values that share remainders often, so that the tie rule is exercised.
tie_prone = st.integers(0, 300).map(lambda n: F(n, 300))
cents = st.integers(0, EUROS * 100).map(lambda n: D(n) / 100)
weights = st.builds(F, st.integers(0, 10**6), st.integers(1, 1000))
positive_weight = st.builds(F, st.integers(1, 10**6), st.integers(1, 1000))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(exact_values, tie_prone), min_size=1, max_size=12))
def test_allocate_matches_exact_largest_remainder(values):
    check_largest_remainder(values, allocate(values))


@settings(max_examples=200, deadline=None)
@given(cents, positive_weight, st.lists(weights, max_size=11), st.randoms(use_true_random=False))
def test_split_matches_exact_largest_remainder(amount, first, others, rnd):
    ws = [first, *others]
    rnd.shuffle(ws)
    parts = split(amount, ws)
    whole = sum(ws, F(0))
    exact = [F(amount) * w / whole for w in ws]
    check_largest_remainder(exact, parts)
    assert sum(parts, D("0.00")) == amount


@settings(max_examples=200, deadline=None)
@given(st.fractions(min_value=-EUROS, max_value=EUROS, max_denominator=10_000))
def test_round_cents_matches_exact_half_up_away_from_zero(value):
    expected = exact_half_up(abs(value)) * (1 if value >= 0 else -1)
    assert F(round_cents(value)) == expected
    assert F(floor_cents(value)) == exact_floor(value)
    assert F(ceil_cents(value)) == -exact_floor(-value)
