"""Recorded states (status dates, payments, obligations, avenants): read from a file, written to
an export."""

from convention_manager.exchange import files
from convention_manager.models import Avenant, Obligation, Payment
from convention_manager.rules import deadlines, payments

STATUS_COLUMNS = {
    "signed": "signed_on",
    "activated": "activated_on",
    "ended": "ended_on",
    "formal_notice": "formal_notice_on",
    "terminated": "terminated_on",
}
PAYMENT_DATES = {"requested": "requested_on", "ordered": "ordered_on", "paid": "paid_on"}
OBLIGATION_DATES = {"sent": "sent_on", "received": "received_on"}


def apply_states(convention, state):
    """Set the status, its dates and the recorded payments, obligations and avenants."""
    convention.status = state["status"]
    for key, column in STATUS_COLUMNS.items():
        setattr(convention, column, state[key])
    for record in state["payments"]:
        if record["status"] != "planned":
            convention.payments.append(_payment(record))
    for record in state["obligations"]:
        if record["status"] != "pending":
            convention.obligations.append(_obligation(record))
    for record in state["avenants"]:
        convention.avenants.append(_avenant(record))


def _payment(record):
    payment = Payment(
        period_label=record["period"],
        financer_key=record["financer"],
        kind=record["kind"],
        tranche=record["tranche"],
        amount=record["amount"],
        condition="on_request",
        status=record["status"],
    )
    for key, column in PAYMENT_DATES.items():
        setattr(payment, column, record[key])
    return payment


def _obligation(record):
    obligation = Obligation(kind=record["kind"], subject=record["subject"], status=record["status"])
    for key, column in OBLIGATION_DATES.items():
        setattr(obligation, column, record[key])
    return obligation


def _avenant(record):
    return Avenant(
        number=record["number"],
        requested_on=record["requested"],
        answer_due=record["answer_due"],
        signed_on=record["signed"],
        summary=record["summary"],
        changes=files.jsonable(record["changes"]),
        before=files.jsonable(record["before"]),
        after=files.jsonable(record["after"]),
    )


def export_states(convention):
    """The recorded states of a convention, in the file format."""
    data = {"status": convention.status}
    for key, column in STATUS_COLUMNS.items():
        if getattr(convention, column):
            data[key] = getattr(convention, column)
    data["payments"] = [_export_payment(p) for p in _in_file_order(convention)]
    data["obligations"] = [
        _export_obligation(o)
        for o in sorted(
            convention.obligations,
            key=lambda o: (_rank(deadlines.OBLIGATION_KINDS, o.kind), o.subject),
        )
    ]
    if convention.avenants:
        data["avenants"] = [_export_avenant(a) for a in convention.avenants]
    return data


def _in_file_order(convention):
    """Payments in the order of the clauses, so that an export does not depend on the order in
    which the rows were created (import recreates recorded payments before the planned ones)."""
    periods = {p.label: i for i, p in enumerate(convention.periods)}
    parties = {p.key: i for i, p in enumerate(convention.parties)}
    return sorted(
        convention.payments,
        key=lambda p: (
            periods.get(p.period_label, len(periods)),
            parties.get(p.financer_key, len(parties)),
            _rank(payments.KINDS, p.kind),
            p.tranche,
        ),
    )


def _rank(names, name):
    return names.index(name) if name in names else len(names)


def _export_payment(payment):
    data = {
        "period": payment.period_label,
        "financer": payment.financer_key,
        "kind": payment.kind,
        "tranche": payment.tranche,
        "amount": payment.amount,
        "condition": payment.condition,
        "due": payment.due,
        "status": payment.status,
    }
    data.update({k: getattr(payment, c) for k, c in PAYMENT_DATES.items() if getattr(payment, c)})
    return data


def _export_obligation(obligation):
    data = {
        "kind": obligation.kind,
        "subject": obligation.subject,
        "due": obligation.due,
        "status": obligation.status,
    }
    data.update(
        {k: getattr(obligation, c) for k, c in OBLIGATION_DATES.items() if getattr(obligation, c)}
    )
    return data


def _export_avenant(avenant):
    data = {"number": avenant.number}
    for key, value in (
        ("requested", avenant.requested_on),
        ("answer_due", avenant.answer_due),
        ("signed", avenant.signed_on),
    ):
        if value:
            data[key] = value
    data.update(
        summary=avenant.summary, changes=avenant.changes, before=avenant.before, after=avenant.after
    )
    return data
