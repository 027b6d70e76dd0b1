"""Who pays what in a period (rules.funding.allocate_period): the real Nord, Bas-Rhin and
Haut-Rhin cases of domain.md, caps, voted/requested amounts, exact cents, gap and refusals."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from convention_manager.exceptions import FundingError
from convention_manager.rules.funding import allocate_period
from convention_manager.rules.terms import FundingLine, Period

D = Decimal
F = Fraction
THIRD = F(1, 3)


def make_period(costs, *lines, label="2024"):
    """A period of 2024 with the given cost lines (a single amount is the salary) and funding."""
    if not isinstance(costs, dict):
        costs = {"salary": D(costs)}
    return Period(label, date(2024, 1, 1), date(2024, 12, 31), costs, tuple(lines))


def amounts(allocation):
    """The allocated amounts as strings, in line order."""
    return [str(s.amount) for s in allocation.shares]


def by_financer(allocation):
    """The shares keyed by financer."""
    return {s.financer: s for s in allocation.shares}


# Illustrative cost lines adding up to the real totals of the seeds.
NORD_COSTS = {
    "salary": D("19000"),
    "travel": D("1500"),
    "training": D("500"),
    "admin_fees": D("1500"),
}
BAS_RHIN_COSTS = {
    "salary": D("180000"),
    "travel": D("5000"),
    "training": D("5000"),
    "admin_fees": D("15000"),
}
HAUT_RHIN_COSTS = {
    "salary": D("150000"),
    "travel": D("6000"),
    "training": D("3000"),
    "admin_fees": D("17550"),
}


def nord_lines():
    """State, Département du Nord and CA2C: one third each, the CA2C's capped at 7 500 €."""
    return (
        FundingLine("etat", "state", fund="FIPD", share=THIRD),
        FundingLine("nord", "department", share=THIRD),
        FundingLine("ca2c", "epci", share=THIRD, cap=D("7500")),
    )


def haut_rhin_lines():
    """CeA voted less than it requested; FIPD, the local bodies and the CAF give amounts."""
    return (
        FundingLine("cea", "department", requested=D("75000"), voted=D("71724")),
        FundingLine("etat", "state", fund="FIPD", amount=D("66550")),
        FundingLine("collectivites", "epci", amount=D("20000")),
        FundingLine("caf", "other", amount=D("15000")),
    )


def test_nord_ca2c_three_thirds_of_22500():
    allocation = allocate_period(make_period(NORD_COSTS, *nord_lines(), label="2023"))
    assert str(allocation.total_cost) == "22500.00"
    assert amounts(allocation) == ["7500.00", "7500.00", "7500.00"]
    assert [s.percent for s in allocation.shares] == [D("33.33")] * 3
    assert [s.basis for s in allocation.shares] == ["share"] * 3
    assert [s.capped for s in allocation.shares] == [False, False, False]  # 7 500 is the cap
    assert allocation.funded == D("22500.00")
    assert allocation.gap == D("0.00")
    assert allocation.fully_funded


def test_nord_ca2c_cap_binds_and_others_do_not_compensate():
    allocation = allocate_period(make_period(24000, *nord_lines(), label="2023"))
    assert amounts(allocation) == ["8000.00", "8000.00", "7500.00"]
    assert [s.capped for s in allocation.shares] == [False, False, True]
    assert [str(s.percent) for s in allocation.shares] == ["33.33", "33.33", "31.25"]
    assert allocation.funded == D("23500.00")
    assert allocation.gap == D("500.00")
    assert not allocation.fully_funded


def test_bas_rhin_205000_fully_funded():
    allocation = allocate_period(
        make_period(
            BAS_RHIN_COSTS,
            FundingLine("cea", "department", amount=D("130000")),
            FundingLine("etat", "state", fund="FIPD", amount=D("75000")),
        )
    )
    assert str(allocation.total_cost) == "205000.00"
    assert amounts(allocation) == ["130000.00", "75000.00"]
    assert [str(s.percent) for s in allocation.shares] == ["63.41", "36.59"]
    assert [s.basis for s in allocation.shares] == ["amount", "amount"]
    assert [s.is_fipd for s in allocation.shares] == [False, True]
    assert allocation.gap == D("0.00")
    assert allocation.fully_funded


def test_haut_rhin_176550_voted_below_requested_leaves_a_gap():
    allocation = allocate_period(make_period(HAUT_RHIN_COSTS, *haut_rhin_lines()))
    shares = by_financer(allocation)
    assert str(allocation.total_cost) == "176550.00"
    assert str(shares["cea"].amount) == "71724.00"
    assert shares["cea"].basis == "voted"
    assert shares["cea"].vote_pending is False
    assert str(shares["cea"].percent) == "40.63"
    assert str(shares["etat"].amount) == "66550.00"
    assert str(shares["etat"].percent) == "37.69"
    assert str(shares["collectivites"].amount) == "20000.00"
    assert str(shares["caf"].amount) == "15000.00"
    assert str(shares["caf"].percent) == "8.50"
    assert str(allocation.funded) == "173274.00"
    assert str(allocation.gap) == "3276.00"
    assert not allocation.fully_funded


def test_requested_only_line_is_planned_with_vote_pending():
    allocation = allocate_period(
        make_period(
            20000,
            FundingLine("dep", "department", requested=D("12000")),
            FundingLine("etat", "state", fund="FIPD", amount=D("8000")),
        )
    )
    dep, etat = allocation.shares
    assert (str(dep.amount), dep.basis, dep.vote_pending) == ("12000.00", "requested", True)
    assert (etat.basis, etat.vote_pending) == ("amount", False)
    assert allocation.gap == D("0.00")


@pytest.mark.parametrize(
    "line, expected_amount, expected_basis",
    [
        pytest.param(
            FundingLine(
                "x", "other", share=F(1, 2), amount=D("9000"), voted=D("8000"), requested=D("9500")
            ),
            "8000.00",
            "voted",
            id="voted-before-all",
        ),
        pytest.param(
            FundingLine("x", "other", share=F(1, 2), amount=D("9000"), requested=D("9500")),
            "9000.00",
            "amount",
            id="amount-before-share",
        ),
        pytest.param(
            FundingLine("x", "other", share=F(1, 2), requested=D("9500")),
            "10000.00",
            "share",
            id="share-before-requested",
        ),
    ],
)
def test_line_value_precedence(line, expected_amount, expected_basis):
    (share,) = allocate_period(make_period(20000, line)).shares
    assert (str(share.amount), share.basis) == (expected_amount, expected_basis)


def test_funding_above_the_cost_is_an_error_not_a_negative_gap():
    period = make_period(
        10000,
        FundingLine("a", "department", amount=D("6000")),
        FundingLine("b", "state", amount=D("5000")),
    )
    with pytest.raises(FundingError, match="dépassent le coût total"):
        allocate_period(period)


def test_shares_adding_above_100_percent_are_an_error():
    period = make_period(
        10000,
        FundingLine("a", "department", share=F(60, 100)),
        FundingLine("b", "state", share=F(50, 100)),
    )
    with pytest.raises(FundingError):
        allocate_period(period)


def test_a_share_above_100_percent_is_an_error():
    with pytest.raises(FundingError, match="100 %"):
        allocate_period(make_period(10000, FundingLine("a", "department", share=F(3, 2))))


def test_a_line_with_nothing_stated_is_an_error():
    with pytest.raises(FundingError):
        allocate_period(make_period(10000, FundingLine("a", "department")))


def test_funding_exactly_the_cost_is_accepted():
    allocation = allocate_period(
        make_period(
            10000,
            FundingLine("a", "department", amount=D("6000")),
            FundingLine("b", "state", amount=D("4000")),
        )
    )
    assert allocation.gap == D("0.00")


@pytest.mark.parametrize(
    "cost, expected",
    [
        pytest.param("100.00", ["33.34", "33.33", "33.33"], id="100-in-thirds"),
        pytest.param("1000.01", ["333.34", "333.34", "333.33"], id="1000.01-in-thirds"),
        pytest.param("22500", ["7500.00", "7500.00", "7500.00"], id="22500-in-thirds"),
    ],
)
def test_three_thirds_add_up_exactly(cost, expected):
    lines = [FundingLine(name, "other", share=THIRD) for name in ("a", "b", "c")]
    allocation = allocate_period(make_period(cost, *lines))
    assert amounts(allocation) == expected
    assert allocation.funded == D(cost)
    assert str(allocation.gap) == "0.00"


@pytest.mark.parametrize(
    "line, expected_amount, expected_capped",
    [
        pytest.param(
            FundingLine("x", "epci", share=F(1, 2), cap=D("10000")),
            "10000.00",
            True,
            id="share-capped",
        ),
        pytest.param(
            FundingLine("x", "epci", share=F(1, 4), cap=D("10000")),
            "7500.00",
            False,
            id="share-under-cap",
        ),
        pytest.param(
            FundingLine("x", "epci", voted=D("12000"), cap=D("10000")),
            "10000.00",
            True,
            id="voted-capped",
        ),
        pytest.param(
            FundingLine("x", "epci", amount=D("9999.99"), cap=D("10000")),
            "9999.99",
            False,
            id="amount-under-cap",
        ),
        pytest.param(
            FundingLine("x", "epci", share=F(1, 3), cap=D("5000.00")),
            "5000.00",
            True,
            id="third-capped",
        ),
    ],
)
def test_share_and_cap(line, expected_amount, expected_capped):
    other = FundingLine("dep", "department", share=F(1, 2))
    allocation = allocate_period(make_period(30000, other, line))
    dep, share = allocation.shares
    assert str(dep.amount) == "15000.00"  # the others never make up for a cap
    assert (str(share.amount), share.capped) == (expected_amount, expected_capped)
    assert allocation.gap == D(30000) - D("15000") - D(expected_amount)


def test_five_financers():
    allocation = allocate_period(
        make_period(
            100000,
            FundingLine("etat", "state", fund="FIPD", share=F(40, 100)),
            FundingLine("ars", "other", amount=D("10000")),
            FundingLine("caf", "other", share=F(15, 100)),
            FundingLine("dep", "department", share=F(25, 100)),
            FundingLine("cc", "epci", share=F(10, 100)),
        )
    )
    assert amounts(allocation) == ["40000.00", "10000.00", "15000.00", "25000.00", "10000.00"]
    assert [str(s.percent) for s in allocation.shares] == [
        "40.00",
        "10.00",
        "15.00",
        "25.00",
        "10.00",
    ]
    assert allocation.gap == D("0.00")


def test_five_small_bodies_sharing_20_percent_each_4_percent():
    bodies = [FundingLine(f"cc{i}", "epci", share=F(4, 100)) for i in range(1, 6)]
    allocation = allocate_period(
        make_period(176550, FundingLine("etat", "state", fund="FIPD", share=F(80, 100)), *bodies)
    )
    assert amounts(allocation) == ["141240.00"] + ["7062.00"] * 5
    assert [str(s.percent) for s in allocation.shares[1:]] == ["4.00"] * 5
    assert allocation.gap == D("0.00")


def test_five_small_bodies_ties_go_to_the_earlier_bodies():
    # 4 % of 100 000,10 € is 4 000,004 €: the two cents missing go to the first two bodies.
    bodies = [FundingLine(f"cc{i}", "epci", share=F(4, 100)) for i in range(1, 6)]
    allocation = allocate_period(
        make_period(
            "100000.10", FundingLine("etat", "state", fund="FIPD", share=F(80, 100)), *bodies
        )
    )
    assert amounts(allocation) == [
        "80000.08",
        "4000.01",
        "4000.01",
        "4000.00",
        "4000.00",
        "4000.00",
    ]
    assert allocation.funded == D("100000.10")
    assert allocation.gap == D("0.00")


def test_one_financer_alone():
    allocation = allocate_period(
        make_period(NORD_COSTS, FundingLine("dep", "department", share=F(1)))
    )
    assert amounts(allocation) == ["22500.00"]
    assert str(allocation.shares[0].percent) == "100.00"
    assert allocation.fully_funded


def test_no_funding_at_all_is_all_gap():
    allocation = allocate_period(make_period(10000))
    assert allocation.shares == ()
    assert str(allocation.funded) == "0.00"
    assert allocation.gap == D("10000")
