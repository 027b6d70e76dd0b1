"""The schedule of one convention and the deadlines across all, as the mappings of interface.md."""

from sqlalchemy.orm import joinedload

from convention_manager.extensions import db
from convention_manager.models import Convention, Obligation, Payment
from convention_manager.rules import deadlines as deadline_rules
from convention_manager.rules import payments as payment_rules
from convention_manager.services import schedules

OPEN_PAYMENT_STATUSES = ("planned", "requested", "ordered")
KIND_ORDER = deadline_rules.OBLIGATION_KINDS + payment_rules.KINDS


def schedule(convention):
    """Financing summary, payments, obligations and warnings of one convention."""
    computed = schedules.compute(convention)
    return {
        "reference": convention.reference,
        "status": convention.status,
        "total_cost": _money(computed.total_cost),
        "funded": _money(computed.funded),
        "gap": _money(computed.gap),
        "fully_funded": computed.fully_funded,
        "admin_fee_rate": _money(computed.admin_fees.rate),
        "admin_fees": {
            "amount": _money(computed.admin_fees.fees),
            "minimum": _money(computed.admin_fees.minimum),
            "maximum": _money(computed.admin_fees.maximum),
            "in_range": computed.admin_fees.in_range,
        },
        "shares": [_share(s) for s in computed.shares],
        "periods": [_period(convention, p) for p in computed.periods],
        "payments": [
            _payment(p)
            for p in sorted(convention.payments, key=schedules.payment_order(convention))
        ],
        "obligations": [
            _obligation(o) for o in sorted(convention.obligations, key=schedules.obligation_order)
        ],
        "warnings": [
            {"code": w.code, "message": w.message, "period": w.period} for w in computed.warnings
        ],
    }


def _money(value):
    return f"{value:.2f}"


def _date(value):
    return value.isoformat() if value else None


def _share(share):
    return {
        "financer": share.financer,
        "amount": _money(share.amount),
        "percent": _money(share.percent),
    }


def _period(convention, allocation):
    stored = next(p for p in convention.periods if p.label == allocation.label)
    return {
        "label": allocation.label,
        "start": _date(stored.start),
        "end": _date(stored.end),
        "total_cost": _money(allocation.total_cost),
        "funded": _money(allocation.funded),
        "gap": _money(allocation.gap),
        "shares": [
            dict(_share(s), basis=s.basis, capped=s.capped, vote_pending=s.vote_pending)
            for s in allocation.shares
        ],
    }


def _payment(payment):
    data = {
        "period": payment.period_label,
        "financer": payment.financer_key,
        "kind": payment.kind,
        "tranche": payment.tranche,
        "amount": _money(payment.amount),
        "condition": payment.condition,
        "due": _date(payment.due),
        "status": payment.status,
        "requested": _date(payment.requested_on),
        "ordered": _date(payment.ordered_on),
        "paid": _date(payment.paid_on),
    }
    if payment.spend_threshold is not None:
        data["spend_threshold"] = _money(payment.spend_threshold)
    return data


def _obligation(obligation):
    return {
        "kind": obligation.kind,
        "subject": obligation.subject,
        "due": _date(obligation.due),
        "status": obligation.status,
        "sent": _date(obligation.sent_on),
        "received": _date(obligation.received_on),
    }


def deadlines(as_of, within=None):
    """Open obligations and unpaid payments with a known due date, soonest first."""
    items = [_obligation_item(o, as_of) for o in _open_obligations()]
    items += [_payment_item(p, as_of) for p in _open_payments()]
    if within is not None:
        items = [i for i in items if deadline_rules.within(i["_due"], as_of, within)]
    items.sort(key=lambda i: (i["_due"], i["reference"], i["type"], KIND_ORDER.index(i["kind"])))
    for item in items:
        del item["_due"]
    return items


def _open_obligations():
    query = (
        db.select(Obligation)
        .join(Obligation.convention)
        .options(joinedload(Obligation.convention))
        .where(Obligation.status == "pending", Obligation.due.is_not(None))
    )
    return db.session.scalars(query)


def _open_payments():
    query = (
        db.select(Payment)
        .join(Payment.convention)
        .options(joinedload(Payment.convention))
        .where(
            Payment.status.in_(OPEN_PAYMENT_STATUSES),
            Payment.due.is_not(None),
            Payment.kind != "refund",
        )
    )
    return db.session.scalars(query)


def _item(convention, type_, kind, due, as_of):
    return {
        "reference": convention.reference,
        "type": type_,
        "kind": kind,
        "due": due.isoformat(),
        "status": deadline_rules.lateness(due, as_of),
        "days": deadline_rules.days_until(due, as_of),
        "_due": due,
    }


def _obligation_item(obligation, as_of):
    item = _item(obligation.convention, "obligation", obligation.kind, obligation.due, as_of)
    item["subject"] = obligation.subject
    return item


def _payment_item(payment, as_of):
    item = _item(payment.convention, "payment", payment.kind, payment.due, as_of)
    item.update(
        financer=payment.financer_key,
        amount=_money(payment.amount),
        period=payment.period_label,
        payment_status=payment.status,
    )
    return item


__all__ = ["Convention", "deadlines", "schedule"]
