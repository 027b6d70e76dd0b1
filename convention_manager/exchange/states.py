"""The recorded states an export carries besides the clauses: the convention's status and dates,
each payment's and obligation's progress, and the avenants."""

from convention_manager.exceptions import InvalidConvention
from convention_manager.rules import deadlines, payments
from convention_manager.rules.terms import CONVENTION_STATUSES

STATUS_DATES = ("signed", "activated", "ended", "formal_notice", "terminated")
KEYS = ("status", *STATUS_DATES, "payments", "obligations", "avenants")


def without_states(raw):
    """The clauses of a convention mapping, its recorded states left out."""
    return {key: value for key, value in raw.items() if key not in KEYS}


def normalise(raw, where, convention):
    """The optional recorded states of a convention file, checked."""
    from convention_manager.exchange.schema import Fields

    f = Fields(raw, where)
    state = {"status": f.text("status", required=False, choices=CONVENTION_STATUSES) or "draft"}
    for key in STATUS_DATES:
        state[key] = f.date(key, required=False)
    if state["status"] != "draft" and state["signed"] is None:
        f.fail("signed", f"une convention au statut « {state['status']} » a une date de signature")
    parties = {p["key"] for p in convention["parties"]}
    labels = {p["label"] for p in convention["periods"]}
    state["payments"] = [
        _payment(Fields(item, f"{where}.payments[{i + 1}]"), parties, labels)
        for i, item in enumerate(f.items("payments", required=False))
    ]
    state["obligations"] = [
        _obligation(Fields(item, f"{where}.obligations[{i + 1}]"))
        for i, item in enumerate(f.items("obligations", required=False))
    ]
    state["avenants"] = [
        _avenant(Fields(item, f"{where}.avenants[{i + 1}]"))
        for i, item in enumerate(f.items("avenants", required=False))
    ]
    return state


def _payment(p, parties, labels):
    record = {
        "period": p.text("period", choices=sorted(labels)),
        "financer": p.text("financer", choices=sorted(parties)),
        "kind": p.text("kind", choices=payments.KINDS),
        "tranche": p.integer("tranche", 0, minimum=0),
        "amount": p.amount("amount", required=True),
        "status": p.text("status", required=False, choices=payments.STATUSES) or "planned",
        "requested": p.date("requested", required=False),
        "ordered": p.date("ordered", required=False),
        "paid": p.date("paid", required=False),
    }
    _require_dates(p, record, ("requested", "ordered", "paid"), payments.STATUSES)
    return record


def _obligation(o):
    record = {
        "kind": o.text("kind", choices=deadlines.OBLIGATION_KINDS),
        "subject": o.text("subject", required=False, limit=40) or "",
        "status": o.text("status", required=False, choices=deadlines.OBLIGATION_STATUSES)
        or "pending",
        "sent": o.date("sent", required=False),
        "received": o.date("received", required=False),
    }
    _require_dates(o, record, ("sent", "received"), deadlines.OBLIGATION_STATUSES)
    return record


def _require_dates(fields, record, steps, statuses):
    """A recorded state carries its date (paid -> paid date, sent -> sent date...)."""
    status = record["status"]
    if status in steps and record[status] is None:
        fields.fail(status, f"date obligatoire au statut « {status} »")


def _avenant(a):
    record = {
        "number": a.integer("number", None),
        "requested": a.date("requested", required=False),
        "answer_due": a.date("answer_due", required=False),
        "signed": a.date("signed", required=False),
        "summary": a.data.get("summary") or "",
        "changes": a.data.get("changes") or [],
        "before": a.data.get("before"),
        "after": a.data.get("after"),
    }
    if not isinstance(record["before"], dict) or not isinstance(record["after"], dict):
        raise InvalidConvention(f"{a.where} : `before` et `after` attendus")
    if not isinstance(record["changes"], list):
        a.fail("changes", "liste attendue")
    return record
