"""When money is paid (rules.payments): the FIPD single payment or acompte + solde around
23 000 €, the département's yearly payment, custom tranches, and the reconciliation of a new
plan with payments already requested, ordered or paid."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from convention_manager.exceptions import FundingError
from convention_manager.rules.payments import (
    PlannedPayment,
    fipd_payments,
    line_payments,
    reconcile,
)
from convention_manager.rules.terms import FundingLine, Period, Tranche

D = Decimal
F = Fraction
NOTIFIED = date(2024, 4, 10)
ATTESTED = date(2024, 9, 15)


def make_period(total_cost, label="2024", spend_attested=None):
    """A 2024 period whose whole cost is one salary line."""
    return Period(
        label,
        date(2024, 1, 1),
        date(2024, 12, 31),
        {"salary": D(total_cost)},
        spend_attested=spend_attested,
    )


def fipd_line(**extra):
    """The State's FIPD line."""
    return FundingLine("etat", "state", fund="FIPD", **extra)


def summary(plan):
    """(kind, amount, condition, due) of each payment, amounts as strings."""
    return [(p.kind, str(p.amount), p.condition, p.due) for p in plan]


# --- FIPD ------------------------------------------------------------------------------------


@pytest.mark.parametrize("notified", [NOTIFIED, None], ids=["notified", "not-notified"])
def test_fipd_up_to_23000_included_is_one_payment_on_notification(notified):
    plan = fipd_payments(make_period(60000), fipd_line(notified=notified), D("23000.00"))
    assert summary(plan) == [("single", "23000.00", "notification", notified)]
    assert plan[0].spend_threshold is None
    assert plan[0].key == ("2024", "etat", "single", 0)


@pytest.mark.parametrize(
    "grant, total_cost, advance, balance, threshold",
    [
        pytest.param("23000.01", "60000", "17250.01", "5750.00", "36000.00", id="23000.01"),
        pytest.param("23000.02", "60000", "17250.02", "5750.00", "36000.00", id="23000.02"),
        pytest.param("75000", "205000", "56250.00", "18750.00", "123000.00", id="bas-rhin"),
        pytest.param("66550", "176550", "49912.50", "16637.50", "105930.00", id="haut-rhin"),
        pytest.param(
            "30000.02", "50000", "22500.02", "7500.00", "30000.00", id="75pc-has-half-a-cent"
        ),
        pytest.param(
            "30000", "100000.01", "22500.00", "7500.00", "60000.01", id="threshold-rounded-half-up"
        ),
    ],
)
def test_fipd_above_23000_is_advance_and_balance(grant, total_cost, advance, balance, threshold):
    period = make_period(total_cost)
    plan = fipd_payments(period, fipd_line(notified=NOTIFIED), D(grant), spend_attested=ATTESTED)
    assert summary(plan) == [
        ("advance", advance, "notification", NOTIFIED),
        ("balance", balance, "spend_attestation", ATTESTED),
    ]
    assert plan[0].amount + plan[1].amount == D(grant)
    # 60 % of the period's total cost (the action's initial budget), not of the grant.
    assert str(plan[1].spend_threshold) == threshold
    assert plan[0].spend_threshold is None
    assert [p.key for p in plan] == [("2024", "etat", "advance", 0), ("2024", "etat", "balance", 0)]


def test_fipd_balance_has_no_due_date_until_the_spend_is_attested():
    plan = fipd_payments(make_period(205000), fipd_line(), D("75000"))
    assert [p.due for p in plan] == [None, None]


def test_line_payments_uses_the_period_spend_attestation_date():
    period = make_period(205000, spend_attested=ATTESTED)
    plan = line_payments(
        period,
        fipd_line(notified=NOTIFIED),
        D("75000.00"),
        first_period=True,
        spend_attested=period.spend_attested,
    )
    assert summary(plan) == [
        ("advance", "56250.00", "notification", NOTIFIED),
        ("balance", "18750.00", "spend_attestation", ATTESTED),
    ]


# --- département and others ------------------------------------------------------------------


@pytest.mark.parametrize(
    "signed, budget_vote, due",
    [
        pytest.param(date(2024, 3, 15), date(2024, 2, 1), date(2024, 3, 15), id="signed-last"),
        pytest.param(date(2024, 1, 10), date(2024, 2, 1), date(2024, 2, 1), id="vote-last"),
        pytest.param(None, date(2024, 2, 1), None, id="not-signed"),
        pytest.param(date(2024, 3, 15), None, None, id="no-vote"),
    ],
)
def test_department_first_payment_after_signature_and_budget_vote(signed, budget_vote, due):
    line = FundingLine("dep", "department", share=F(1, 2), budget_vote=budget_vote)
    plan = line_payments(make_period(40000), line, D("20000.00"), first_period=True, signed=signed)
    assert summary(plan) == [("single", "20000.00", "signature_and_budget_vote", due)]


@pytest.mark.parametrize("budget_vote", [date(2025, 2, 5), None], ids=["voted", "not-voted"])
def test_department_later_payments_after_each_budget_vote(budget_vote):
    line = FundingLine("dep", "department", share=F(1, 2), budget_vote=budget_vote)
    plan = line_payments(
        make_period(40000, label="2025"),
        line,
        D("20000.00"),
        first_period=False,
        signed=date(2024, 3, 15),
    )
    assert summary(plan) == [("single", "20000.00", "budget_vote", budget_vote)]
    assert plan[0].key == ("2025", "dep", "single", 0)


@pytest.mark.parametrize(
    "line, expected",
    [
        pytest.param(
            FundingLine("etat", "state", notified=NOTIFIED),
            [("single", "5000.00", "notification", NOTIFIED)],
            id="state-not-fipd",
        ),
        pytest.param(
            FundingLine("ca2c", "epci"), [("single", "5000.00", "on_request", None)], id="epci"
        ),
        pytest.param(
            FundingLine("caf", "other"),
            [("single", "5000.00", "on_request", None)],
            id="other-body",
        ),
        pytest.param(
            FundingLine("etat", "state", fund="fipd", notified=NOTIFIED),
            [("single", "5000.00", "notification", NOTIFIED)],
            id="fipd-lowercase",
        ),
    ],
)
def test_other_financers_pay_once(line, expected):
    plan = line_payments(make_period(40000), line, D("5000.00"), first_period=True)
    assert summary(plan) == expected


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(fipd_line(), id="fipd"),
        pytest.param(FundingLine("dep", "department"), id="department"),
        pytest.param(FundingLine("caf", "other"), id="other"),
        pytest.param(FundingLine("x", "epci", tranches=(Tranche(percent=F(1)),)), id="tranches"),
    ],
)
def test_zero_amount_means_no_payment(line):
    assert line_payments(make_period(40000), line, D("0.00"), first_period=True) == []


# --- custom tranches -------------------------------------------------------------------------


def tranche_line(*tranches, **extra):
    """An EPCI line with a custom plan."""
    return FundingLine("cc", "epci", tranches=tranches, **extra)


@pytest.mark.parametrize(
    "tranches, amount, expected",
    [
        pytest.param(
            (
                Tranche(percent=F(1, 2), condition="date", due=date(2024, 3, 31)),
                Tranche(percent=F(1, 2), condition="on_request"),
            ),
            "10000.00",
            [
                ("tranche", "5000.00", "date", date(2024, 3, 31)),
                ("tranche", "5000.00", "on_request", None),
            ],
            id="50-50-date-and-request",
        ),
        pytest.param(
            (Tranche(percent=F(1, 2)), Tranche(percent=F(1, 2))),
            "10000.01",
            [
                ("tranche", "5000.01", "on_request", None),
                ("tranche", "5000.00", "on_request", None),
            ],
            id="50-50-odd-cent-to-first",
        ),
        pytest.param(
            (Tranche(percent=F(1, 3)), Tranche(percent=F(1, 3)), Tranche(percent=F(1, 3))),
            "100.00",
            [
                ("tranche", "33.34", "on_request", None),
                ("tranche", "33.33", "on_request", None),
                ("tranche", "33.33", "on_request", None),
            ],
            id="thirds",
        ),
        pytest.param(
            (
                Tranche(amount=D("3000")),
                Tranche(amount=D("7000"), condition="date", due=date(2024, 10, 1)),
            ),
            "10000.00",
            [
                ("tranche", "3000.00", "on_request", None),
                ("tranche", "7000.00", "date", date(2024, 10, 1)),
            ],
            id="amounts",
        ),
        pytest.param(
            (
                Tranche(amount=D("2500"), condition="notification"),
                Tranche(percent=F(3, 4), condition="budget_vote"),
            ),
            "10000.00",
            [
                ("tranche", "2500.00", "notification", NOTIFIED),
                ("tranche", "7500.00", "budget_vote", date(2024, 2, 1)),
            ],
            id="amount-and-percent",
        ),
    ],
)
def test_custom_tranches_add_up_exactly(tranches, amount, expected):
    line = tranche_line(*tranches, notified=NOTIFIED, budget_vote=date(2024, 2, 1))
    plan = line_payments(make_period(40000), line, D(amount), first_period=True)
    assert summary(plan) == expected
    assert [p.tranche for p in plan] == list(range(1, len(tranches) + 1))
    assert sum(p.amount for p in plan) == D(amount)


def test_custom_tranches_replace_the_fipd_rule():
    line = fipd_line(tranches=(Tranche(percent=F(1, 2)), Tranche(percent=F(1, 2))))
    plan = line_payments(make_period(100000), line, D("30000.00"), first_period=True)
    assert [(p.kind, str(p.amount)) for p in plan] == [
        ("tranche", "15000.00"),
        ("tranche", "15000.00"),
    ]


@pytest.mark.parametrize(
    "tranches",
    [
        pytest.param((Tranche(percent=F(1, 2)), Tranche(percent=F(2, 5))), id="90-percent"),
        pytest.param((Tranche(percent=F(3, 5)), Tranche(percent=F(1, 2))), id="110-percent"),
        pytest.param((Tranche(amount=D("3000")), Tranche(amount=D("6000"))), id="amounts-short"),
        pytest.param((Tranche(amount=D("3000")), Tranche(percent=F(3, 4))), id="mix-over"),
    ],
)
def test_tranches_that_do_not_add_up_are_an_error(tranches):
    with pytest.raises(FundingError, match="tranches"):
        line_payments(make_period(40000), tranche_line(*tranches), D("10000.00"), first_period=True)


def test_tranche_on_signature_and_budget_vote_gets_its_due_date():
    line = tranche_line(
        Tranche(percent=F(1, 2), condition="signature_and_budget_vote"),
        Tranche(percent=F(1, 2), condition="on_request"),
        budget_vote=date(2024, 2, 1),
    )
    plan = line_payments(
        make_period(40000), line, D("10000.00"), first_period=True, signed=date(2024, 3, 15)
    )
    assert plan[0].due == date(2024, 3, 15)


def test_tranche_on_spend_attestation_gets_the_attestation_date():
    line = tranche_line(
        Tranche(percent=F(3, 4), condition="notification"),
        Tranche(percent=F(1, 4), condition="spend_attestation"),
        notified=NOTIFIED,
    )
    period = make_period(40000, spend_attested=ATTESTED)
    plan = line_payments(period, line, D("10000.00"), first_period=True, spend_attested=ATTESTED)
    assert summary(plan) == [
        ("tranche", "7500.00", "notification", NOTIFIED),
        ("tranche", "2500.00", "spend_attestation", ATTESTED),
    ]


# --- reconcile -------------------------------------------------------------------------------


def fipd_plan(grant, total_cost="100000"):
    """The default FIPD plan of 2024 for a grant."""
    return line_payments(make_period(total_cost), fipd_line(), D(grant), first_period=True)


ADVANCE = ("2024", "etat", "advance", 0)
BALANCE = ("2024", "etat", "balance", 0)
SINGLE = ("2024", "etat", "single", 0)


def amounts_by_kind(plan):
    """(financer, kind, amount) of each payment, amounts as strings."""
    return [(p.financer, p.kind, str(p.amount)) for p in plan]


def test_reconcile_without_recorded_payments_keeps_the_plan():
    plan = fipd_plan("30000") + line_payments(
        make_period(100000), FundingLine("caf", "other"), D("5000.00"), first_period=True
    )
    assert reconcile(plan, {}) == plan


def test_reconcile_lowered_grant_keeps_the_paid_advance_and_shrinks_the_balance():
    assert amounts_by_kind(fipd_plan("30000")) == [
        ("etat", "advance", "22500.00"),
        ("etat", "balance", "7500.00"),
    ]
    new_plan = fipd_plan("28000")  # advance 21 000 + balance 7 000 if nothing were paid
    result = reconcile(new_plan, {ADVANCE: D("22500.00")})
    assert amounts_by_kind(result) == [
        ("etat", "advance", "22500.00"),
        ("etat", "balance", "5500.00"),
    ]
    assert result[1].condition == "spend_attestation"
    assert str(result[1].spend_threshold) == "60000.00"


def test_reconcile_keeps_a_recorded_amount_that_differs_from_the_plan():
    result = reconcile(fipd_plan("30000"), {ADVANCE: D("22000.00")})
    assert amounts_by_kind(result) == [
        ("etat", "advance", "22000.00"),
        ("etat", "balance", "8000.00"),
    ]


def test_reconcile_grant_lowered_below_what_was_paid_plans_a_refund():
    new_plan = fipd_plan("20000")  # would be one single payment of 20 000
    result = reconcile(new_plan, {ADVANCE: D("22500.00")})
    assert result == [PlannedPayment("2024", "etat", "refund", D("2500.00"), "on_request")]


def test_reconcile_recorded_payment_whose_key_is_gone_counts_but_is_not_returned():
    new_plan = fipd_plan("30000")  # advance + balance; the 20 000 paid was a single payment
    result = reconcile(new_plan, {SINGLE: D("20000.00")})
    assert SINGLE not in [p.key for p in result]
    assert sum(p.amount for p in result) == D("10000.00")
    assert amounts_by_kind(result) == [("etat", "advance", "10000.00")]


def test_reconcile_financer_removed_after_paying_is_refunded():
    plan = fipd_plan("30000")
    result = reconcile(plan, {("2024", "caf", "single", 0): D("5000.00")})
    assert amounts_by_kind(result) == [
        ("etat", "advance", "22500.00"),
        ("etat", "balance", "7500.00"),
        ("caf", "refund", "5000.00"),
    ]


def test_reconcile_groups_are_per_period_and_financer():
    caf = line_payments(
        make_period(100000), FundingLine("caf", "other"), D("5000.00"), first_period=True
    )
    result = reconcile(fipd_plan("30000") + caf, {("2024", "caf", "single", 0): D("5000.00")})
    assert amounts_by_kind(result) == [
        ("etat", "advance", "22500.00"),
        ("etat", "balance", "7500.00"),
        ("caf", "single", "5000.00"),
    ]


def test_reconcile_recorded_refund_counts_as_money_back():
    # 22 500 paid, 2 500 refund already requested: the 20 000 now due are covered.
    result = reconcile(
        fipd_plan("20000"), {ADVANCE: D("22500.00"), ("2024", "etat", "refund", 0): D("2500.00")}
    )
    assert sum(p.amount for p in result if p.kind != "refund") == D("0.00")
    assert [p for p in result if p.kind == "refund"] == []


@pytest.mark.parametrize(
    "grant, recorded, kept",
    [
        pytest.param("22000", {SINGLE: D("20000.00")}, {SINGLE: "20000.00"}, id="single-raised"),
        pytest.param(
            "35000",
            {ADVANCE: D("22500.00"), BALANCE: D("7500.00")},
            {ADVANCE: "22500.00", BALANCE: "7500.00"},
            id="advance-and-balance-raised",
        ),
    ],
)
def test_reconcile_raised_grant_after_everything_was_paid_plans_the_difference(
    grant, recorded, kept
):
    result = reconcile(fipd_plan(grant), recorded)
    assert sum(p.amount for p in result) == D(grant)
    assert {p.key: str(p.amount) for p in result if p.key in recorded} == kept
    (extra,) = [p for p in result if p.key not in recorded]
    assert str(extra.amount) == str(D(grant) - sum(recorded.values()))
    assert len({p.key for p in result}) == len(result)


REFUND = ("2024", "etat", "refund", 0)


def test_reconcile_second_refund_gets_its_own_key():
    result = reconcile(fipd_plan("18000"), {ADVANCE: D("22500.00"), REFUND: D("2500.00")})
    (refund,) = [p for p in result if p.kind == "refund"]
    assert str(refund.amount) == "2000.00"
    assert refund.key != REFUND
