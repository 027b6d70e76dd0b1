"""All the rules applied to one convention (rules.schedule.build): a 3-year plan with a
degressive FIPD share, the Haut-Rhin gap, admin fees out of range, votes pending, totals over
the periods, and by property: funded + gap = cost, and payments add up to each share."""

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from convention_manager.rules import schedule
from convention_manager.rules.terms import FundingLine, Period, Terms

D = Decimal
F = Fraction
NNBSP = "\u202f"
NBSP = "\xa0"


def costs(salary, travel, training, admin_fees):
    """A period's cost lines."""
    return {
        "salary": D(salary),
        "travel": D(travel),
        "training": D(training),
        "admin_fees": D(admin_fees),
    }


def year(y, cost_lines, *lines, spend_attested=None):
    """A calendar-year period."""
    return Period(
        str(y),
        date(y, 1, 1),
        date(y, 12, 31),
        cost_lines,
        tuple(lines),
        spend_attested=spend_attested,
    )


def three_year_terms():
    """State FIPD 80 % / 50 % / 30 %, the département paying the rest."""
    etat = dict(financer="etat", financer_kind="state", fund="FIPD")
    dep = dict(financer="dep", financer_kind="department")
    return Terms(
        "DEP-2024-2026",
        date(2024, 1, 1),
        date(2026, 12, 31),
        "12-31",
        (
            year(
                2024,
                costs(52000, 2500, 1000, 4500),  # 60 000
                FundingLine(**etat, share=F(80, 100), notified=date(2024, 4, 10)),
                FundingLine(**dep, share=F(20, 100), budget_vote=date(2024, 2, 1)),
                spend_attested=date(2024, 9, 15),
            ),
            year(
                2025,
                costs(53500, 2500, 1000, 4000),  # 61 000
                FundingLine(**etat, share=F(50, 100)),
                FundingLine(**dep, share=F(50, 100), budget_vote=date(2025, 2, 5)),
            ),
            year(
                2026,
                costs(55000, 2500, 1000, 4500),  # 63 000
                FundingLine(**etat, share=F(30, 100), notified=date(2026, 5, 2)),
                FundingLine(**dep, share=F(70, 100)),
            ),
        ),
        signed=date(2024, 3, 15),
    )


def test_three_year_degressive_fipd_share_amounts_and_totals():
    result = schedule.build(three_year_terms())
    assert [
        (p.label, str(p.total_cost), [str(s.amount) for s in p.shares]) for p in result.periods
    ] == [
        ("2024", "60000.00", ["48000.00", "12000.00"]),
        ("2025", "61000.00", ["30500.00", "30500.00"]),
        ("2026", "63000.00", ["18900.00", "44100.00"]),
    ]
    assert str(result.total_cost) == "184000.00"
    assert str(result.funded) == "184000.00"
    assert str(result.gap) == "0.00"
    assert result.fully_funded
    assert [(s.financer, str(s.amount), str(s.percent)) for s in result.shares] == [
        ("etat", "97400.00", "52.93"),
        ("dep", "86600.00", "47.07"),
    ]
    assert str(result.admin_fees.rate) == "7.07"  # 13 000 of 184 000
    assert result.admin_fees.in_range


def test_three_year_payments():
    result = schedule.build(three_year_terms())
    assert [
        (p.period, p.financer, p.kind, str(p.amount), p.condition, p.due) for p in result.payments
    ] == [
        ("2024", "etat", "advance", "36000.00", "notification", date(2024, 4, 10)),
        ("2024", "etat", "balance", "12000.00", "spend_attestation", date(2024, 9, 15)),
        ("2024", "dep", "single", "12000.00", "signature_and_budget_vote", date(2024, 3, 15)),
        ("2025", "etat", "advance", "22875.00", "notification", None),
        ("2025", "etat", "balance", "7625.00", "spend_attestation", None),
        ("2025", "dep", "single", "30500.00", "budget_vote", date(2025, 2, 5)),
        ("2026", "etat", "single", "18900.00", "notification", date(2026, 5, 2)),
        ("2026", "dep", "single", "44100.00", "budget_vote", None),
    ]
    thresholds = {p.period: str(p.spend_threshold) for p in result.payments if p.kind == "balance"}
    assert thresholds == {"2024": "36000.00", "2025": "36600.00"}  # 60 % of each year's cost


def test_three_year_warnings_and_obligations():
    result = schedule.build(three_year_terms())
    assert [(w.code, w.period) for w in result.warnings] == [("fipd_share_above_half", "2024")]
    assert "80,00" + NBSP + "%" in result.warnings[0].message
    assert [(o.kind, o.subject, o.due) for o in result.obligations] == [
        ("financial_report", "2024-12-31", date(2025, 6, 30)),
        ("activity_report", "2024-12-31", date(2025, 6, 30)),
        ("financial_report", "2025-12-31", date(2026, 6, 30)),
        ("activity_report", "2025-12-31", date(2026, 6, 30)),
        ("financial_report", "2026-12-31", date(2027, 6, 30)),
        ("activity_report", "2026-12-31", date(2027, 6, 30)),
        ("fipd_spend_attestation", "2024", None),
        ("fipd_spend_attestation", "2025", None),
        ("pre_assessment", "", date(2026, 9, 30)),
    ]


def haut_rhin_terms():
    """Haut-Rhin 2024 (seed 001): CeA voted 71 724 € of the 75 000 € it requested."""
    return Terms(
        "HAUT-RHIN-2024",
        date(2024, 1, 1),
        date(2024, 12, 31),
        "12-31",
        (
            year(
                2024,
                costs(150000, 6000, 3000, 17550),  # illustrative lines, 176 550
                FundingLine("cea", "department", requested=D("75000"), voted=D("71724")),
                FundingLine("etat", "state", fund="FIPD", amount=D("66550")),
                FundingLine("collectivites", "epci", amount=D("20000")),
                FundingLine("caf", "other", amount=D("15000")),
            ),
        ),
    )


def test_haut_rhin_financing_gap_warning():
    result = schedule.build(haut_rhin_terms())
    assert (str(result.total_cost), str(result.funded), str(result.gap)) == (
        "176550.00",
        "173274.00",
        "3276.00",
    )
    assert not result.fully_funded
    assert [w.code for w in result.warnings] == ["financing_gap"]
    message = result.warnings[0].message
    assert f"3{NNBSP}276,00{NBSP}€" in message
    assert f"176{NNBSP}550,00{NBSP}€" in message
    assert result.warnings[0].period == "2024"
    assert {s.financer: str(s.percent) for s in result.shares}["cea"] == "40.63"
    assert [(p.financer, p.kind, str(p.amount), p.condition) for p in result.payments] == [
        ("cea", "single", "71724.00", "signature_and_budget_vote"),
        ("etat", "advance", "49912.50", "notification"),
        ("etat", "balance", "16637.50", "spend_attestation"),
        ("collectivites", "single", "20000.00", "on_request"),
        ("caf", "single", "15000.00", "on_request"),
    ]
    assert str(result.payments[2].spend_threshold) == "105930.00"


def nord_terms(admin_fees):
    """Nord / CA2C, July-December 2023, with the given admin fees over 21 000 € of other costs."""
    return Terms(
        "NORD-CA2C-2023",
        date(2023, 7, 1),
        date(2023, 12, 31),
        "12-31",
        (
            Period(
                "2023",
                date(2023, 7, 1),
                date(2023, 12, 31),
                costs(19000, 1500, 500, admin_fees),
                (
                    FundingLine("etat", "state", fund="FIPD", share=F(1, 3)),
                    FundingLine("nord", "department", share=F(1, 3)),
                    FundingLine("ca2c", "epci", share=F(1, 3), cap=D("7500")),
                ),
            ),
        ),
    )


def test_nord_ca2c_schedule_has_no_warning():
    result = schedule.build(nord_terms(1500))
    assert result.warnings == ()
    assert str(result.admin_fees.rate) == "6.67"
    assert [(p.financer, p.kind, str(p.amount), p.condition) for p in result.payments] == [
        ("etat", "single", "7500.00", "notification"),
        ("nord", "single", "7500.00", "signature_and_budget_vote"),
        ("ca2c", "single", "7500.00", "on_request"),
    ]
    assert [(o.kind, o.due) for o in result.obligations] == [
        ("financial_report", date(2024, 6, 30)),
        ("activity_report", date(2024, 6, 30)),
    ]


def test_admin_fees_out_of_range_names_the_allowed_amounts():
    result = schedule.build(nord_terms(3000))  # 3 000 of 24 000 = 12,50 %
    codes = [w.code for w in result.warnings]
    assert "admin_fees_out_of_range" in codes
    message = result.warnings[codes.index("admin_fees_out_of_range")].message
    assert f"12,50{NBSP}%" in message
    assert f"1{NNBSP}105,27{NBSP}€" in message
    assert f"2{NNBSP}333,33{NBSP}€" in message
    # 24 000 € with the CA2C capped: a 500 € gap as well.
    assert "financing_gap" in codes


def test_vote_pending_warning():
    terms = Terms(
        "PENDING-2024",
        date(2024, 1, 1),
        date(2024, 12, 31),
        "12-31",
        (
            year(
                2024,
                costs(18000, 1000, 0, 1000),
                FundingLine("dep", "department", requested=D("12000")),
                FundingLine("etat", "state", fund="FIPD", amount=D("8000")),
            ),
        ),
    )
    result = schedule.build(terms)
    assert [(w.code, w.period) for w in result.warnings] == [("vote_pending", "2024")]
    assert "dep" in result.warnings[0].message
    assert f"12{NNBSP}000,00{NBSP}€" in result.warnings[0].message


def test_fipd_share_of_exactly_half_is_not_warned():
    terms = Terms(
        "HALF-2024",
        date(2024, 1, 1),
        date(2024, 12, 31),
        "12-31",
        (
            year(
                2024,
                costs(18000, 1000, 0, 1000),
                FundingLine("etat", "state", fund="FIPD", share=F(1, 2)),
                FundingLine("dep", "department", share=F(1, 2)),
            ),
        ),
    )
    assert schedule.build(terms).warnings == ()


def test_department_first_real_payment_waits_for_signature_and_vote():
    terms = Terms(
        "STATE-FIRST-2024",
        date(2024, 1, 1),
        date(2025, 12, 31),
        "12-31",
        (
            year(
                2024,
                costs(18000, 1000, 0, 1000),
                FundingLine("etat", "state", fund="FIPD", share=F(1)),
                FundingLine("dep", "department", amount=D("0")),
            ),
            year(
                2025,
                costs(18000, 1000, 0, 1000),
                FundingLine("etat", "state", fund="FIPD", share=F(1, 2)),
                FundingLine("dep", "department", share=F(1, 2)),
            ),
        ),
        signed=date(2024, 3, 15),
    )
    (dep_payment,) = [p for p in schedule.build(terms).payments if p.financer == "dep"]
    assert dep_payment.condition == "signature_and_budget_vote"


# --- property: totals and payments against an exact computation ------------------------------

KINDS = [("state", "FIPD"), ("department", None), ("epci", None), ("other", None), ("state", None)]


def half_up(value):
    """A non-negative Fraction rounded half-up to the cent."""
    return F(math.floor(value * 100 + F(1, 2)), 100)


# Strategies built once: building them inside the composites costs more than the test.
KIND = st.sampled_from(KINDS)
HOW = st.sampled_from(["share", "amount", "voted", "requested"])
CAP = st.none() | st.integers(0, 10**8).map(lambda n: D(n) / 100)
COST_LINE = st.integers(0, 10**8).map(lambda n: D(n) / 100)
NAMES = st.lists(
    st.sampled_from(["etat", "dep", "cc", "caf", "ars", "commune"]), max_size=6, unique=True
)
WEIGHT = st.integers(1, 1000)
SLACK = st.just(0) | st.integers(0, 1000)  # 0: the shares may reach 100 % of the cost


@st.composite
def funding_line(draw, name, cost, weight):
    """A line worth at most `weight` of the cost, stated one of four ways, maybe capped."""
    kind, fund = draw(KIND)
    ceiling = cost * weight
    how = draw(HOW)
    cap = draw(CAP)
    if how == "share":
        stated, exact = {"share": weight}, ceiling
    else:
        euros = D(math.floor(ceiling * 100)) / 100  # an amount in cents, never above the share
        stated, exact = {how: euros}, F(euros)
    line = FundingLine(name, kind, fund=fund, cap=cap, **stated)
    if cap is not None:
        exact = min(exact, F(cap))
    return line, exact


@st.composite
def period_case(draw, y):
    """A calendar-year period and the exact value of each of its lines."""
    cost_lines = {name: draw(COST_LINE) for name in ("salary", "travel", "training", "admin_fees")}
    cost = sum((F(v) for v in cost_lines.values()), F(0))
    names = draw(NAMES)
    raw = [draw(WEIGHT) for _ in names]
    denominator = max(1, sum(raw) + draw(SLACK))
    drawn = [
        draw(funding_line(n, cost, F(w, denominator))) for n, w in zip(names, raw, strict=True)
    ]
    period = Period(
        str(y), date(y, 1, 1), date(y, 12, 31), cost_lines, tuple(line for line, _ in drawn)
    )
    return period, [exact for _, exact in drawn]


@st.composite
def terms_case(draw):
    """Terms of 1 to 3 yearly periods, with the exact line values of each period."""
    count = draw(st.integers(1, 3))
    cases = [draw(period_case(2024 + i)) for i in range(count)]
    terms = Terms(
        "PROP",
        date(2024, 1, 1),
        date(2024 + count - 1, 12, 31),
        "12-31",
        tuple(p for p, _ in cases),
        signed=date(2024, 3, 1),
    )
    return terms, [exact for _, exact in cases]


@settings(max_examples=200, deadline=None)
@given(terms_case())
def test_property_funded_plus_gap_is_cost_and_payments_add_up(case):
    terms, exact_values = case
    result = schedule.build(terms)
    total_cost = sum((sum(p.costs.values(), D(0)) for p in terms.periods), D(0))
    assert result.total_cost == total_cost
    assert result.funded + result.gap == total_cost
    assert result.gap >= 0
    expected_funded = sum((half_up(sum(values, F(0))) for values in exact_values), F(0))
    assert F(result.funded) == expected_funded
    for period, allocation, values in zip(terms.periods, result.periods, exact_values, strict=True):
        assert F(allocation.funded) == half_up(sum(values, F(0)))
        for share, exact in zip(allocation.shares, values, strict=True):
            assert abs(F(share.amount) - exact) < F(1, 100)
            paid = [
                p
                for p in result.payments
                if (p.period, p.financer) == (period.label, share.financer)
            ]
            assert sum((p.amount for p in paid), D(0)) == share.amount
            if share.is_fipd and share.amount > 23000:
                assert [p.kind for p in paid] == ["advance", "balance"]
                assert F(paid[0].amount) == half_up(F(share.amount) * F(3, 4))
            elif share.amount > 0:
                assert [p.kind for p in paid] == ["single"]
            else:
                assert paid == []
    totals = {}
    for allocation in result.periods:
        for share in allocation.shares:
            totals[share.financer] = totals.get(share.financer, D(0)) + share.amount
    assert {s.financer: s.amount for s in result.shares} == totals
