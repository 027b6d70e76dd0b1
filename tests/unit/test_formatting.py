"""French formatting helpers: Babel's characters, half-up rounding, "1er", amounts in words."""

import ast
import inspect
from datetime import date, datetime
from decimal import Decimal

import pytest
from babel import Locale
from hypothesis import given
from hypothesis import strategies as st

from convention_manager import formatting
from convention_manager.formatting import (
    JINJA_FILTERS,
    amount_in_words,
    long_date,
    money,
    number,
    parse_decimal,
    parse_french_date,
    percent,
    short_date,
)

NNBSP = "\u202f"  # narrow no-break space: Babel's fr_FR thousands separator
NBSP = "\xa0"  # no-break space: before "€" and "%"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("71724"), f"71{NNBSP}724,00{NBSP}€"),
        (71724, f"71{NNBSP}724,00{NBSP}€"),
        ("71724.50", f"71{NNBSP}724,50{NBSP}€"),
        ("71 724,50", f"71{NNBSP}724,50{NBSP}€"),
        (Decimal("176550"), f"176{NNBSP}550,00{NBSP}€"),
        (Decimal("0.125"), f"0,13{NBSP}€"),  # half-up; Babel alone gives 0,12
        (Decimal("0.135"), f"0,14{NBSP}€"),
        (Decimal("2.675"), f"2,68{NBSP}€"),
        (Decimal("0.004"), f"0,00{NBSP}€"),
        (Decimal("-0.001"), f"0,00{NBSP}€"),  # no "-0,00"
        (Decimal("-3276"), f"-3{NNBSP}276,00{NBSP}€"),
        (Decimal("-0.125"), f"-0,13{NBSP}€"),  # half-up rounds away from zero
        (Decimal("1000000000"), f"1{NNBSP}000{NNBSP}000{NNBSP}000,00{NBSP}€"),
        (999, f"999,00{NBSP}€"),
        (0, f"0,00{NBSP}€"),
        (None, ""),
    ],
)
def test_money(value, expected):
    assert money(value) == expected


@pytest.mark.parametrize("bad", ["abc", "NaN", Decimal("NaN"), Decimal("Infinity"), float("inf")])
def test_money_rejects_non_amounts(bad):
    with pytest.raises(ValueError):
        money(bad)


def test_money_rejects_booleans():
    with pytest.raises(TypeError):
        money(True)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("71724.5"), 2, f"71{NNBSP}724,50"),
        (Decimal("71724.505"), 2, f"71{NNBSP}724,51"),
        (Decimal("2.5"), 0, "3"),  # half-up, not half-even
        (Decimal("3.5"), 0, "4"),
        (Decimal("1234.5678"), 3, f"1{NNBSP}234,568"),
        (Decimal("0"), 2, "0,00"),
        (Decimal("-1234.5"), 2, f"-1{NNBSP}234,50"),
        (7500, 2, f"7{NNBSP}500,00"),
        (None, 2, ""),
    ],
)
def test_number(value, places, expected):
    assert number(value, places) == expected


def test_number_defaults_to_two_places():
    assert number(Decimal("12")) == "12,00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("40.63"), f"40,63{NBSP}%"),
        (Decimal("40.625"), f"40,63{NBSP}%"),  # half-up
        (Decimal("33.333333"), f"33,33{NBSP}%"),
        (Decimal("100"), f"100,00{NBSP}%"),
        (Decimal("5"), f"5,00{NBSP}%"),
        (Decimal("0"), f"0,00{NBSP}%"),
        (Decimal("1234.5"), f"1{NNBSP}234,50{NBSP}%"),
        (None, ""),
    ],
)
def test_percent(value, expected):
    assert percent(value) == expected


def test_percent_space_is_babels_own():
    pattern = Locale.parse("fr_FR").percent_formats[None].pattern
    assert pattern.endswith(formatting.PERCENT_SPACE + "%")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2023, 7, 1), "1er juillet 2023"),
        (date(2024, 2, 29), "29 février 2024"),
        (date(2023, 12, 31), "31 décembre 2023"),
        (date(2024, 1, 1), "1er janvier 2024"),
        (date(2024, 8, 15), "15 août 2024"),
        (date(2024, 3, 11), "11 mars 2024"),  # only the 1st takes "er"
        (date(2024, 3, 21), "21 mars 2024"),
        (datetime(2023, 7, 1, 14, 30), "1er juillet 2023"),
        (None, ""),
    ],
)
def test_long_date(value, expected):
    assert long_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2023, 7, 1), "01/07/2023"),
        (date(2024, 2, 29), "29/02/2024"),
        (date(2023, 12, 31), "31/12/2023"),
        (date(999, 1, 5), "05/01/0999"),
        (None, ""),
    ],
)
def test_short_date(value, expected):
    assert short_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (71724, "soixante et onze mille sept cent vingt-quatre euros"),
        (
            Decimal("71724.50"),
            "soixante et onze mille sept cent vingt-quatre euros et cinquante centimes",
        ),
        (71724.50, "soixante et onze mille sept cent vingt-quatre euros et cinquante centimes"),
        (1, "un euro"),
        (Decimal("0.80"), "quatre-vingts centimes"),
        (0.80, "quatre-vingts centimes"),
        (0, "zéro euro"),
        (Decimal("0.01"), "un centime"),
        (Decimal("1.01"), "un euro et un centime"),
        (1000000, "un million d'euros"),
        (2000000, "deux millions d'euros"),
        (Decimal("1000000.01"), "un million d'euros et un centime"),
        (1500000, "un million cinq cent mille euros"),
        (1000000000, "un milliard d'euros"),
        (200000000, "deux cents millions d'euros"),
        (1000001, "un million un euros"),
        (80, "quatre-vingts euros"),
        (81, "quatre-vingt-un euros"),
        (200, "deux cents euros"),
        (201, "deux cent un euros"),
        (21, "vingt et un euros"),
        (71, "soixante et onze euros"),
        (80000, "quatre-vingt mille euros"),
        (200000, "deux cent mille euros"),
        (1000, "mille euros"),
        (7500, "sept mille cinq cents euros"),
        (176550, "cent soixante-seize mille cinq cent cinquante euros"),
        (Decimal("0.125"), "treize centimes"),  # rounded half-up first
        (Decimal("0.994"), "quatre-vingt-dix-neuf centimes"),
        (Decimal("0.995"), "un euro"),
        ("3 276,00", "trois mille deux cent soixante-seize euros"),
        (None, ""),
    ],
)
def test_amount_in_words(value, expected):
    assert amount_in_words(value) == expected


@pytest.mark.parametrize("value", [Decimal("-1"), Decimal("-0.005"), -71724])
def test_amount_in_words_refuses_negative_amounts(value):
    with pytest.raises(ValueError, match="négatif"):
        amount_in_words(value)


def test_amount_in_words_treats_tiny_negative_as_zero():
    assert amount_in_words(Decimal("-0.004")) == "zéro euro"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("71 724,50", Decimal("71724.50")),
        (f"71{NNBSP}724,50", Decimal("71724.50")),
        (f"71{NBSP}724,50", Decimal("71724.50")),
        ("71724.50", Decimal("71724.50")),
        ("71724,50", Decimal("71724.50")),
        ("7 500", Decimal("7500")),
        (" 1 000,5 ", Decimal("1000.5")),
        ("1 000 000", Decimal("1000000")),
        ("0,125", Decimal("0.125")),
        ("0", Decimal("0")),
        ("-3 276,00", Decimal("-3276")),
        ("7 500 €", Decimal("7500")),
        (f"71{NNBSP}724,00{NBSP}€", Decimal("71724")),  # Babel's own output reads back
    ],
)
def test_parse_decimal(text, expected):
    result = parse_decimal(text)
    assert isinstance(result, Decimal)
    assert result == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "12a",
        "1,2,3",
        "1,,2",
        "1.000,50",
        "1,000.50",
        "1e5",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "1 00",  # spaces must separate groups of three digits
        "1  000",
        "12 34",
        ",5",
        "5,",
        "--5",
        "+5",
        "٣",  # a non-ASCII digit
        "€",
    ],
)
def test_parse_decimal_rejects(text):
    with pytest.raises(ValueError, match="^Montant invalide"):
        parse_decimal(text)


def test_parse_decimal_quotes_the_bad_input_in_french():
    with pytest.raises(ValueError) as caught:
        parse_decimal("abc")
    assert str(caught.value) == "Montant invalide : « abc »"


def test_parse_decimal_refuses_non_text():
    with pytest.raises(TypeError):
        parse_decimal(None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/07/2023", date(2023, 7, 1)),
        ("1/7/2023", date(2023, 7, 1)),
        ("2023-07-01", date(2023, 7, 1)),
        (" 29/02/2024 ", date(2024, 2, 29)),
        ("31/12/2023", date(2023, 12, 31)),
    ],
)
def test_parse_french_date(text, expected):
    assert parse_french_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "31/02/2023",
        "29/02/2023",
        "2023-02-31",
        "00/01/2023",
        "01/13/2023",
        "2023-7-1",
        "01/07/23",
        "01-07-2023",
        "1er juillet 2023",
        "2023/07/01",
        "demain",
    ],
)
def test_parse_french_date_rejects(text):
    with pytest.raises(ValueError, match="^Date invalide"):
        parse_french_date(text)


def test_jinja_filters_map_names_to_helpers():
    assert {
        "money": money,
        "number": number,
        "percent": percent,
        "long_date": long_date,
        "short_date": short_date,
        "in_words": amount_in_words,
    } == JINJA_FILTERS


def test_module_stays_pure():
    tree = ast.parse(inspect.getsource(formatting))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    roots = {name.split(".")[0] for name in imported}
    assert roots == {"functools", "re", "datetime", "decimal", "babel", "num2words"}


def test_remembered_texts_keep_their_places_and_match_babel():
    from babel.numbers import format_currency

    assert formatting.number(Decimal("5"), 0) == "5"
    assert formatting.number(Decimal("5"), 2) == "5,00"
    for value in ("0", "-0.001", "7500", "71724.005", "-1234567.89"):
        rounded = Decimal(value).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
        expected = format_currency(rounded if rounded else abs(rounded), "EUR", locale="fr_FR")
        assert formatting.money(Decimal(value)) == formatting.money(value) == expected


cent_amounts = st.decimals(
    min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False
)


@given(cent_amounts)
def test_amount_in_words_is_well_formed(amount):
    words = amount_in_words(amount)
    euros, cents = divmod(int(amount * 100), 100)
    assert "None" not in words
    assert "euros euros" not in words
    assert "zéro euros" not in words
    assert ("centime" in words) == (cents != 0)
    assert ("euro" in words) == (euros != 0 or cents == 0)
    assert "  " not in words and words == words.strip()


@given(cent_amounts)
def test_number_reads_back(amount):
    assert parse_decimal(number(amount)) == amount


@given(cent_amounts)
def test_money_reads_back(amount):
    assert parse_decimal(money(amount)) == amount
