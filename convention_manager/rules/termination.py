"""Résiliation: what each financer may reclaim, pro rata of the action time not performed."""

from fractions import Fraction

from convention_manager.rules.money import ZERO, round_cents, to_fraction


def days_not_performed(period_start, period_end, terminated):
    """Calendar days of the period after the termination date (performed up to it, included)."""
    if terminated >= period_end:
        return 0
    first_unperformed = max(period_start.toordinal(), terminated.toordinal() + 1)
    return period_end.toordinal() - first_unperformed + 1


def prorata_refund(paid, period_start, period_end, terminated):
    """paid x days not performed / days in the period, rounded half-up to the cent."""
    total_days = (period_end - period_start).days + 1
    missing = days_not_performed(period_start, period_end, terminated)
    if missing == 0 or paid == 0:
        return ZERO
    return round_cents(to_fraction(paid) * Fraction(missing, total_days))


def refunds(periods, paid, terminated):
    """Refunds owed after a termination, per (period label, financer).

    `periods` is a sequence of (label, start, end); `paid` maps (label, financer) to what that
    financer has paid (or committed) for that period.
    """
    bounds = {label: (start, end) for label, start, end in periods}
    result = {}
    for (label, financer), amount in paid.items():
        start, end = bounds[label]
        refund = prorata_refund(amount, start, end, terminated)
        if refund > 0:
            result[(label, financer)] = refund
    return result
