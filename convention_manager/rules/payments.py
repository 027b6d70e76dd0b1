"""When money is paid: FIPD single payment or acompte + solde, the département's yearly payment,
custom tranches, and the reconciliation of a new plan with the payments already under way."""

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from convention_manager.exceptions import FundingError
from convention_manager.rules.money import ZERO, allocate, round_cents, to_fraction

FIPD_SINGLE_PAYMENT_LIMIT = Decimal("23000.00")
FIPD_ADVANCE_RATE = Fraction(75, 100)
FIPD_SPEND_THRESHOLD_RATE = Fraction(60, 100)

KINDS = ("single", "advance", "balance", "tranche", "refund")
CONDITIONS = (
    "notification",
    "signature_and_budget_vote",
    "budget_vote",
    "spend_attestation",
    "date",
    "on_request",
)
STATUSES = ("planned", "requested", "ordered", "paid")


@dataclass(frozen=True)
class PlannedPayment:
    """A payment of the schedule, identified by (period, financer, kind, tranche)."""

    period: str
    financer: str
    kind: str
    amount: Decimal
    condition: str
    due: object = None
    tranche: int = 0
    spend_threshold: Decimal | None = None

    @property
    def key(self):
        """The identity that survives recomputation."""
        return (self.period, self.financer, self.kind, self.tranche)


def fipd_payments(period, line, amount, spend_attested=None):
    """FIPD: one payment up to 23 000 € included; above, a 75 % acompte and the solde."""
    notified = line.notified
    if amount <= FIPD_SINGLE_PAYMENT_LIMIT:
        return [_payment(period, line, "single", amount, "notification", notified)]
    advance = round_cents(to_fraction(amount) * FIPD_ADVANCE_RATE)
    threshold = round_cents(to_fraction(period.total_cost) * FIPD_SPEND_THRESHOLD_RATE)
    return [
        _payment(period, line, "advance", advance, "notification", notified),
        replace(
            _payment(
                period, line, "balance", amount - advance, "spend_attestation", spend_attested
            ),
            spend_threshold=threshold,
        ),
    ]


def department_payment(period, line, amount, first, signed=None):
    """Département: one payment a period, the first after signature and the budget vote."""
    vote = line.budget_vote
    if first:
        due = max(signed, vote) if signed and vote else None
        return [_payment(period, line, "single", amount, "signature_and_budget_vote", due)]
    return [_payment(period, line, "single", amount, "budget_vote", vote)]


def tranche_payments(period, line, amount, signed=None):
    """A custom plan: each tranche a percent of the line or an amount; they must add up."""
    exact = [
        t.percent * to_fraction(amount) if t.percent is not None else to_fraction(t.amount)
        for t in line.tranches
    ]
    if sum(exact, Fraction(0)) != to_fraction(amount):
        raise FundingError(
            f"financeur « {line.financer} », période {period.label} : "
            "les tranches ne totalisent pas le montant de la participation"
        )
    return [
        PlannedPayment(
            period=period.label,
            financer=line.financer,
            kind="tranche",
            tranche=number,
            amount=value,
            condition=tranche.condition,
            due=_due_for(tranche.condition, line, tranche.due, period.spend_attested, signed),
        )
        for number, (tranche, value) in enumerate(
            zip(line.tranches, allocate(exact), strict=True), start=1
        )
    ]


def line_payments(period, line, amount, *, first_period, signed=None, spend_attested=None):
    """The payments of one funding line in one period, by the financer's rule."""
    if amount == 0:
        return []
    if line.tranches:
        return tranche_payments(period, line, amount, signed)
    if line.is_fipd:
        return fipd_payments(period, line, amount, spend_attested)
    if line.financer_kind == "department":
        return department_payment(period, line, amount, first_period, signed)
    if line.financer_kind == "state":
        return [_payment(period, line, "single", amount, "notification", line.notified)]
    return [_payment(period, line, "single", amount, "on_request", None)]


def reconcile(planned, recorded):
    """Fit a new plan around payments already requested, ordered or paid.

    `recorded` maps a payment key to its recorded amount for every payment past "planned".
    Those keep their amount; the planned ones of the same period and financer take what
    remains, the last one absorbing any difference; if more was committed than is now due, a
    refund (reversement) of the excess is planned.
    """
    groups = {}
    for payment in planned:
        groups.setdefault((payment.period, payment.financer), []).append(payment)
    for key in recorded:
        groups.setdefault(key[:2], [])
    result = []
    for (period, financer), payments in groups.items():
        result.extend(_reconcile_group(period, financer, payments, recorded))
    return result


def _reconcile_group(period, financer, payments, recorded):
    due_total = sum((p.amount for p in payments), ZERO)
    locked = {k: v for k, v in recorded.items() if k[:2] == (period, financer)}
    committed = sum((-v if k[2] == "refund" else v for k, v in locked.items()), ZERO)
    remaining = due_total - committed
    free = [p for p in payments if p.key not in locked]
    kept = [replace(p, amount=locked[p.key]) for p in payments if p.key in locked]
    if remaining < 0:
        # A refund already under way keeps its identity; a further one gets the next number.
        under_way = [key[3] for key in locked if key[2] == "refund"]
        number = max(under_way) + 1 if under_way else 0
        refund = PlannedPayment(
            period, financer, "refund", -remaining, "on_request", tranche=number
        )
        return kept + [refund]
    if not free and remaining > 0 and payments:
        # Everything planned is already under way: the increase is a further payment on the
        # same terms as the last one.
        last = payments[-1]
        number = max(key[3] for key in locked) + 1
        return kept + [replace(last, amount=remaining, tranche=number)]
    fitted = []
    for index, payment in enumerate(free):
        amount = remaining if index == len(free) - 1 else min(payment.amount, remaining)
        remaining -= amount
        if amount > 0:
            fitted.append(replace(payment, amount=amount))
    return kept + fitted


def _payment(period, line, kind, amount, condition, due):
    return PlannedPayment(
        period=period.label,
        financer=line.financer,
        kind=kind,
        amount=amount,
        condition=condition,
        due=due,
    )


def _due_for(condition, line, fixed, spend_attested, signed):
    if condition == "date":
        return fixed
    if condition == "signature_and_budget_vote":
        return max(signed, line.budget_vote) if signed and line.budget_vote else None
    if condition == "spend_attestation":
        return spend_attested
    if condition == "notification":
        return line.notified
    if condition == "budget_vote":
        return line.budget_vote
    return None
