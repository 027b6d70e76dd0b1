"""A convention's life after drafting: status changes, payment steps, documents sent and
received, event dates that make due dates known, termination with its refunds."""

from convention_manager import formatting, labels
from convention_manager.exceptions import InvalidConvention, NotFound, StateError
from convention_manager.rules import deadlines
from convention_manager.services import schedules

TRANSITIONS = {
    "signed": (("draft",), "signed_on"),
    "active": (("signed",), "activated_on"),
    "ended": (("signed", "active"), "ended_on"),
}
PAYMENT_STEPS = {"requested": "requested_on", "ordered": "ordered_on", "paid": "paid_on"}
OBLIGATION_STEPS = {"sent": "sent_on", "received": "received_on"}


def change_status(convention, status, on):
    """Move a convention to signed, active or ended, with the date it happened."""
    if status not in TRANSITIONS:
        raise InvalidConvention(f"statut inconnu « {status} »")
    allowed, column = TRANSITIONS[status]
    if convention.status not in allowed:
        raise StateError(
            f"{convention.reference} : passage impossible de « {convention.status} » à « {status} »"
        )
    previous = [d for d in (convention.signed_on, convention.activated_on) if d]
    if previous and on < max(previous):
        raise InvalidConvention(f"la date {on.isoformat()} précède l'étape précédente")
    convention.status = status
    setattr(convention, column, on)
    return schedules.refresh(convention)


def terminate(convention, formal_notice, on=None):
    """Terminate after a formal notice: cancels what is unpaid and plans the pro-rata refunds."""
    if convention.status not in ("signed", "active"):
        raise StateError(f"{convention.reference} : seule une convention signée peut être résiliée")
    convention.formal_notice_on = formal_notice
    convention.terminated_on = deadlines.termination_date(formal_notice, on)
    convention.status = "terminated"
    return schedules.refresh(convention)


def record_payment(convention, key, status, on):
    """Record a payment's step (requested, ordered, paid) with its date."""
    payment = next((p for p in convention.payments if p.key == key), None)
    if payment is None:
        raise NotFound(f"{convention.reference} : aucun versement {'/'.join(map(str, key))}")
    _step(payment, status, on, ("planned", *PAYMENT_STEPS), PAYMENT_STEPS)
    return payment


def record_obligation(convention, kind, subject, status, on):
    """Record that a document was sent (by the employer) or received (by the financer)."""
    obligation = next(
        (o for o in convention.obligations if o.kind == kind and o.subject == (subject or "")),
        None,
    )
    if obligation is None:
        raise NotFound(
            f"{convention.reference} : aucun justificatif {kind} {subject or ''}".strip()
        )
    _step(obligation, status, on, ("pending", *OBLIGATION_STEPS), OBLIGATION_STEPS)
    if kind == "fipd_spend_attestation":
        schedules.refresh(convention)  # the attestation dates the FIPD solde
    return obligation


def record_event(convention, financer, period=None, notified=None, budget_vote=None):
    """Enter the date an attributive act was notified or a budget voted; dates the payments."""
    lines = [
        line
        for p in convention.periods
        if period is None or p.label == period
        for line in p.funding
        if line.financer.key == financer
    ]
    if not lines:
        raise NotFound(
            f"{convention.reference} : aucun financement de « {financer} »"
            + (f" en {period}" if period else "")
        )
    for line in lines:
        if notified is not None:
            line.notified = notified
        if budget_vote is not None:
            line.budget_vote = budget_vote
    return schedules.refresh(convention)


def _step(record, status, on, order, columns):
    if status not in columns:
        raise InvalidConvention(f"état inconnu « {status} » (attendu : {', '.join(columns)})")
    if order.index(status) <= order.index(record.status):
        raise StateError(f"déjà à l'état « {labels.STATUS[record.status]} »")
    earlier = [
        getattr(record, c)
        for s, c in columns.items()
        if order.index(s) < order.index(status) and getattr(record, c)
    ]
    if earlier and on < max(earlier):
        raise InvalidConvention(
            f"la date du {formatting.short_date(on)} précède l'étape précédente "
            f"(le {formatting.short_date(max(earlier))})"
        )
    record.status = status
    setattr(record, columns[status], on)
