"""The SQL behind the payments list: the filters, the sections' conditions and counts, the
list's order and the filters' choices.

The financer of a payment is the party of its convention holding its key, its period the one
with its label; both are unique, so the outer joins that bring them never multiply rows.
"""

from datetime import timedelta

from sqlalchemy import (
    Integer,
    String,
    and_,
    cast,
    exists,
    extract,
    false,
    func,
    literal,
    not_,
    union_all,
)
from sqlalchemy.orm import aliased, contains_eager

from convention_manager.extensions import db
from convention_manager.models import (
    Convention,
    FundingLine,
    Obligation,
    Organisation,
    Party,
    Payment,
    Period,
)
from convention_manager.services import loading
from convention_manager.services.reports import OPEN_PAYMENT_STATUSES

DUE_WINDOW = timedelta(days=30)
STATUSES = (*OPEN_PAYMENT_STATUSES, "paid")  # a payment's steps, in order
LARGEST_ID = 2**31 - 1  # larger numbers in the address find nothing instead of a database error

_financer = aliased(Party, name="financer")
_financer_organisation = aliased(Organisation, name="financer_organisation")
_attestation = aliased(Obligation, name="attestation")
_financer_id = func.coalesce(_financer.organisation_id, 0)
_financer_name = func.coalesce(_financer_organisation.name, Payment.financer_key)
_period_start = func.coalesce(Period.start, Convention.start)


def _joined(query, convention=True, financer=True, period=True):
    """The payments with the parts a query needs: their convention, financer, period."""
    query = query.select_from(Payment)
    if convention or period:
        query = query.join(Payment.convention)
    if financer:
        query = query.outerjoin(
            _financer,
            and_(
                _financer.convention_id == Payment.convention_id,
                _financer.key == Payment.financer_key,
            ),
        ).outerjoin(_financer_organisation, _financer_organisation.id == _financer.organisation_id)
    if period:
        query = query.outerjoin(
            Period,
            and_(
                Period.convention_id == Payment.convention_id, Period.label == Payment.period_label
            ),
        )
    return query


def _waiting():
    """A FIPD solde waits until its period's spend attestation is received.

    The solde is the only payment on the "spend_attestation" condition (a custom tranche may
    not take it), so the (condition, status) index finds the few candidates; a top-level
    NOT EXISTS is an anti-join on PostgreSQL as on SQLite.
    """
    received = exists().where(
        _attestation.convention_id == Payment.convention_id,
        _attestation.kind == "fipd_spend_attestation",
        _attestation.subject == Payment.period_label,
        _attestation.status == "received",
    )
    return and_(Payment.status == "planned", Payment.condition == "spend_attestation", ~received)


def _situations(today):
    """Each section's condition, and the "open" filter's."""
    waiting = _waiting()
    return {
        "due": and_(Payment.status.in_(OPEN_PAYMENT_STATUSES), Payment.due <= today + DUE_WINDOW),
        "upcoming": and_(Payment.status == "planned", not_(waiting)),
        "waiting": waiting,
        "requested": Payment.status == "requested",
        "ordered": Payment.status == "ordered",
        "paid": Payment.status == "paid",
        "open": and_(Payment.status.in_(OPEN_PAYMENT_STATUSES), Payment.kind != "refund"),
    }


def _conditions(filters, organisation_id):
    """Every filter but the situation, as SQL conditions."""
    conditions = []
    conventions = _kept_conventions(organisation_id, filters.territory, filters.search)
    if conventions is not None:
        conditions.append(Payment.convention_id.in_(conventions))
    if filters.financer is not None:
        conditions.append(_financed_by(filters.financer))
    if filters.year is not None:
        conditions.append(
            cast(extract("year", _period_start), Integer) == filters.year
            if 1 <= filters.year <= 9999
            else false()
        )
    return conditions


def _kept_conventions(organisation_id, territory="", search=""):
    """The ids of the conventions the scope, territory and reference keep; None for all.

    A set of ids rather than a join: the databases can start from those conventions' payments.
    """
    kept = None
    if organisation_id is not None:
        member = aliased(Party, name="member")
        kept = db.select(member.convention_id).where(member.organisation_id == organisation_id)
    if territory or search:
        conventions = db.select(Convention.id)
        if kept is not None:
            conventions = conventions.where(Convention.id.in_(kept))
        if territory:
            conventions = conventions.where(Convention.territory == territory)
        if search:
            # ILIKE on PostgreSQL, lower() on both sides elsewhere (SQLite lowers ASCII only).
            conventions = conventions.where(Convention.reference.icontains(search, autoescape=True))
        kept = conventions
    return kept


def _financed_by(organisation_id):
    """The payment's financer is that organisation (0: a key no party holds any more)."""
    if not -LARGEST_ID <= organisation_id <= LARGEST_ID:
        return false()
    if organisation_id == 0:
        return _financer_id == 0
    return and_(
        Payment.convention_id.in_(
            db.select(Party.convention_id).where(Party.organisation_id == organisation_id)
        ),
        _financer_id == organisation_id,
    )


def counts(today, filters, organisation_id):
    """{situation: count, "all": count} for the filters but their situation, in one statement.

    Each part counts on an index rather than in one pass testing every condition on every
    payment: the open steps, the due and the open ones on their ranges of (status, due, kind),
    the waiting soldes on (condition, status); the paid are the rest of all (a plain count, the
    quickest). At 10 000 conventions on SQLite, 28 ms -> 6 ms.
    """
    conditions = _conditions(filters, organisation_id)

    def counted(*columns):
        return _joined(
            db.select(*columns, func.count()),
            convention=False,
            financer=filters.financer is not None,
            period=filters.year is not None,
        ).where(*conditions)

    situations = _situations(today)
    for status in OPEN_PAYMENT_STATUSES:
        situations[status] = Payment.status == status
    parts = [counted(literal("all", String))] + [
        counted(literal(key, String)).where(situations[key])
        for key in ("due", "waiting", "open", *OPEN_PAYMENT_STATUSES)
    ]
    found = dict(db.session.execute(union_all(*parts)).tuples().all())
    found["paid"] = found["all"] - sum(found[status] for status in OPEN_PAYMENT_STATUSES)
    found["upcoming"] = found["planned"] - found["waiting"]
    return found


def soonest(payments, limit, undated=False):
    """A SELECT of the ids of the `limit` unpaid payments of `payments` (a SELECT of Payment
    and its conditions, not joined) due soonest, then by convention and id; with `undated`,
    those with no due date yet come last.

    Each open status is read along its own (status, due) range and only its first `limit` kept:
    one ORDER BY over IN (the three statuses) sorts every one of them first.
    """
    dated = (Payment.due.is_not(None),) + ((Payment.due.is_(None),) if undated else ())
    parts = [
        db.select(
            payments.with_only_columns(Payment.id, Payment.due, Convention.reference)
            .select_from(Payment)
            .join(Payment.convention)
            .where(Payment.status == status, known)
            .order_by(Payment.due, Convention.reference, Payment.id)
            .limit(limit)
            .subquery()
        )
        for status in OPEN_PAYMENT_STATUSES
        for known in dated
    ]
    merged = union_all(*parts).subquery()
    return (
        db.select(merged.c.id)
        .order_by(merged.c.due.asc().nulls_last(), merged.c.reference, merged.c.id)
        .limit(limit)
    )


def ordered(today, filters, organisation_id):
    """(payment, financer id, financer name, period start, waiting) of the kept payments, in
    the list's order."""
    situations = _situations(today)
    query = _joined(
        db.select(
            Payment,
            _financer_id,
            _financer_name,
            _period_start,
            _waiting().label("waiting"),
        )
    ).where(*_conditions(filters, organisation_id))
    if filters.situation:
        query = query.where(situations[filters.situation])
    # Text ties are broken in the database's collation: code-point order, as Python sorted them
    # before, on SQLite and on PostgreSQL in the C.UTF-8 locale.
    return query.options(contains_eager(Payment.convention)).order_by(
        Payment.due.asc().nulls_last(),
        Convention.reference,
        Payment.period_label,
        _financer_name,
        Payment.kind,
        Payment.tranche,
        Payment.id,
    )


def financers(organisation_id, territory="", at_most=None, only=None):
    """(name, organisation id) of the organisations funding a period of a convention in scope
    (and in `territory`, when given), by name; None when there are more than `at_most` (the
    database stops at the first `at_most` + 1 it finds). `only`: that organisation, if it is
    one of them."""
    if only is not None and not 0 < only <= LARGEST_ID:
        return []
    # The parties with a funding line, the financers of the convention's terms, are those its
    # payments name; asking the payments would read them all. Not listed: a key left on a
    # payment under way by an avenant that removed its party (`financeur=0` still finds it).
    funds = db.select(FundingLine.id).where(FundingLine.financer_id == Party.id)
    parties = db.select(Party.id).where(Party.organisation_id == Organisation.id, funds.exists())
    conventions = _kept_conventions(organisation_id, territory)
    if conventions is not None:
        parties = parties.where(Party.convention_id.in_(conventions))
    query = db.select(Organisation.name, Organisation.id).where(parties.exists())
    if only is not None:
        query = query.where(Organisation.id == only)
    if at_most is None:
        return sorted(db.session.execute(query).tuples())
    found = db.session.execute(query.limit(at_most + 1)).tuples().all()
    if len(found) <= at_most:
        return sorted(found)
    return None


def territories(organisation_id):
    """The territories of the conventions in scope."""
    # Every convention in scope, payments or not: a draft with no payment yet may add a choice
    # that lists nothing, where asking which conventions have payments would read them all.
    query = db.select(Convention.territory).distinct()
    conventions = _kept_conventions(organisation_id)
    if conventions is not None:
        query = query.where(Convention.id.in_(conventions))
    return sorted(db.session.scalars(query))


def years(organisation_id):
    """From the last year a period of a convention in scope starts in to the first, each year
    (a national list has one in every year between)."""
    # The first and last starts, one step each along the period start index; DISTINCT over the
    # years read every period. A payment whose period an avenant removed (kept because it was
    # under way) has its convention's start year, which its other periods span.
    span = loading.span(organisation_id, Period.start, Period.start, Period.convention_id)
    first, last = db.session.execute(db.select(*span)).one()
    return [] if first is None else list(range(last.year, first.year - 1, -1))
