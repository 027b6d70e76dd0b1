"""Payments and obligations kept in step with a convention's terms, and the schedule report."""

from convention_manager.extensions import db
from convention_manager.models import Commitment, Convention, Obligation, Payment
from convention_manager.rules import payments as payment_rules
from convention_manager.rules import schedule as schedule_rules
from convention_manager.rules import termination
from convention_manager.rules.deadlines import OBLIGATION_KINDS
from convention_manager.rules.money import parse_share
from convention_manager.rules.terms import FundingLine, Period, Terms, Tranche

LOCKED = ("requested", "ordered", "paid")


def terms_of(convention):
    """The plain terms the rules work on, read from the stored convention."""
    attested = {
        o.subject: o.received_on or o.sent_on
        for o in convention.obligations
        if o.kind == "fipd_spend_attestation"
    }
    return Terms(
        reference=convention.reference,
        start=convention.start,
        end=convention.end,
        financial_year_end=convention.financial_year_end,
        signed=convention.signed_on,
        periods=tuple(
            Period(
                label=p.label,
                start=p.start,
                end=p.end,
                costs={c.kind: c.amount for c in p.costs},
                funding=tuple(_line(line) for line in p.funding),
                spend_attested=attested.get(p.label),
            )
            for p in convention.periods
        ),
    )


def _line(line):
    return FundingLine(
        financer=line.financer.key,
        financer_kind=line.financer.organisation.kind,
        fund=line.fund,
        share=parse_share(line.share) if line.share else None,
        amount=line.amount,
        cap=line.cap,
        requested=line.requested,
        voted=line.voted,
        notified=line.notified,
        budget_vote=line.budget_vote,
        tranches=tuple(
            Tranche(
                percent=parse_share(t.percent) if t.percent else None,
                amount=t.amount,
                condition=t.condition,
                due=t.due,
            )
            for t in line.tranches
        ),
    )


def compute(convention):
    """The rules applied to the stored convention (raises the rules' domain errors)."""
    return schedule_rules.build(terms_of(convention))


def refresh(convention):
    """Recompute payments, obligations and the kept figures, keeping every state recorded."""
    schedule = compute(convention)
    _sync_payments(convention, schedule.payments)
    _sync_obligations(convention, schedule.obligations)
    summarise(convention, schedule)
    db.session.flush()
    return schedule


def summarise(convention, schedule):
    """Keep what the lists and the portfolio read: the totals, the search text and one
    commitment per share of each period (rewritten only when they changed)."""
    for column, value in _figures(convention, schedule).items():
        setattr(convention, column, value)
    wanted = _commitments(convention, schedule)
    kept = [_commitment_key(c) for c in convention.commitments]
    if kept != [_commitment_key(c) for c in wanted]:
        convention.commitments = wanted


def _figures(convention, schedule):
    return {
        "total_cost": schedule.total_cost,
        "funded": schedule.funded,
        "gap": schedule.gap,
        "warning_count": len(schedule.warnings),
        "search_text": search_text(convention),
    }


def _commitments(convention, schedule):
    parties = {p.key: p for p in convention.parties}
    return [
        Commitment(
            period_label=allocation.label,
            year=stored.start.year,
            financer_key=share.financer,
            organisation=parties[share.financer].organisation,
            amount=share.amount,
            period_cost=allocation.total_cost,
        )
        for allocation, stored in zip(schedule.periods, convention.periods, strict=True)
        for share in allocation.shares
    ]


def _commitment_key(commitment):
    return (
        commitment.period_label,
        commitment.year,
        commitment.financer_key,
        commitment.amount,
        commitment.period_cost,
    )


def search_text(convention):
    """What the conventions list searches in, casefolded once here rather than at each search
    (SQLite's lower() knows no accents)."""
    return "\n".join((convention.reference, convention.title, convention.territory)).casefold()


def fill_missing_summaries(batch=200):
    """Compute the kept figures of conventions stored before they existed; returns their count.

    Bookkeeping only: written with plain UPDATEs and INSERTs, so the conventions' versions, dates
    of change and history stay as they were, and payments and obligations are not touched.
    """
    done = 0
    while True:
        missing = db.session.scalars(
            db.select(Convention)
            .where(Convention.total_cost.is_(None))
            .order_by(Convention.id)
            .limit(batch)
        ).all()
        if not missing:
            return done
        for convention in missing:
            schedule = compute(convention)
            db.session.execute(
                db.update(Convention)
                .where(Convention.id == convention.id)
                .values(**_figures(convention, schedule), updated_at=Convention.updated_at)
                .execution_options(synchronize_session=False)
            )
            for commitment in _commitments(convention, schedule):
                commitment.convention_id = convention.id
                db.session.add(commitment)
        db.session.flush()
        db.session.expire_all()
        done += len(missing)


def _sync_payments(convention, planned):
    existing = {p.key: p for p in convention.payments}
    recorded = {key: p.amount for key, p in existing.items() if p.status in LOCKED}
    wanted = payment_rules.reconcile(planned, recorded)
    if convention.terminated_on:
        wanted = _after_termination(convention, wanted, existing)
    for item in wanted:
        payment = existing.get(item.key)
        if payment is None:
            payment = Payment(
                period_label=item.period,
                financer_key=item.financer,
                kind=item.kind,
                tranche=item.tranche,
                status="planned",
            )
            convention.payments.append(payment)
        if payment.status not in LOCKED:
            payment.amount = item.amount
        payment.condition, payment.due = item.condition, item.due
        payment.spend_threshold = item.spend_threshold
    keys = {item.key for item in wanted}
    for payment in list(convention.payments):
        if payment.key not in keys and payment.status not in LOCKED:
            convention.payments.remove(payment)


def _after_termination(convention, wanted, existing):
    """Once terminated nothing more is planned; what was paid is refunded pro rata."""
    paid = {}
    for payment in existing.values():
        if payment.status == "paid" and payment.kind != "refund":
            key = (payment.period_label, payment.financer_key)
            paid[key] = paid.get(key, 0) + payment.amount
    refunds = termination.refunds(
        [(p.label, p.start, p.end) for p in convention.periods], paid, convention.terminated_on
    )
    kept = [p for p in wanted if p.key in existing and existing[p.key].status in LOCKED]
    return kept + [
        payment_rules.PlannedPayment(period, financer, "refund", amount, "on_request")
        for (period, financer), amount in refunds.items()
    ]


def payment_order(convention):
    """Sort key: period order, party order, kind, tranche."""
    periods = {p.label: i for i, p in enumerate(convention.periods)}
    parties = {p.key: i for i, p in enumerate(convention.parties)}
    kinds = {k: i for i, k in enumerate(payment_rules.KINDS)}
    return lambda p: (
        periods.get(p.period_label, len(periods)),
        parties.get(p.financer_key, 0),
        kinds[p.kind],
        p.tranche,
    )


def _sync_obligations(convention, planned):
    existing = {o.key: o for o in convention.obligations}
    for item in planned:
        obligation = existing.get(item.key)
        if obligation is None:
            obligation = Obligation(kind=item.kind, subject=item.subject, status="pending")
            convention.obligations.append(obligation)
        obligation.due = item.due
    keys = {item.key for item in planned}
    for obligation in list(convention.obligations):
        if obligation.key not in keys and obligation.status == "pending":
            convention.obligations.remove(obligation)


def obligation_order(obligation):
    """Sort key: dated ones first, soonest first, then by kind."""
    return (
        obligation.due is None,
        obligation.due or obligation.convention.start,
        OBLIGATION_KINDS.index(obligation.kind),
        obligation.subject,
    )
