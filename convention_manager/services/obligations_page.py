"""The justificatifs page: every document owed with its state, late ones first, and the payments
the employer still awaits; filtered, paginated, and loaded in a fixed number of queries.

An association sees the conventions where its organisation is a party; the other roles see all,
and may narrow them to one employer organisation.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, case, func, literal, or_, union_all
from sqlalchemy.orm import contains_eager, selectinload

from convention_manager import formatting, freshness, labels
from convention_manager.extensions import db
from convention_manager.models import Convention, Obligation, Organisation, Party, Payment
from convention_manager.rules import deadlines
from convention_manager.services import loading, payment_queries
from convention_manager.services.convention_page import obligation_subject
from convention_manager.services.reports import OPEN_PAYMENT_STATUSES

PAGE_SIZE = 50
OWED_SHOWN = 20  # the soonest awaited payments shown; the payments page lists them all
REFERENCE_CHOICES = 200  # suggested references, when the scope has no more than that
STATES = ("late", "upcoming", "sent", "received")
STATE_FILTER_LABELS = {
    "late": "en retard",
    "upcoming": "à envoyer",
    "sent": "envoyés, en attente de réception",
    "received": "reçus",
}
AWAITED = {
    "notification": "en attente de la notification de l'acte attributif",
    "signature_and_budget_vote": "en attente de la signature et du vote du budget",
    "budget_vote": "en attente du vote du budget",
    "on_request": "sur demande de l'employeur",
}


@dataclass(frozen=True)
class Filters:
    """What the page is narrowed to; None means everything."""

    state: str | None = None
    reference: str | None = None
    year: int | None = None
    organisation_id: int | None = None
    page: int = 1


@dataclass(frozen=True)
class Employer:
    """An employer organisation, as the page's filter offers it."""

    id: int
    name: str


@dataclass(frozen=True)
class ObligationRow:
    """One document owed, as the page shows it."""

    obligation: Obligation
    subject: str
    employer: str
    state: str  # late, upcoming, awaited (no calendar deadline), sent, received
    days: int | None  # days late, or days left


@dataclass(frozen=True)
class PaymentRow:
    """One payment the employer still awaits."""

    payment: Payment
    financer: str
    employer: str
    waiting_for: str | None  # the condition, when the due date is not known yet


@dataclass(frozen=True)
class ObligationsPage:
    """Everything the page shows."""

    rows: list
    total: int
    page: int
    pages: int
    payments: list  # the OWED_SHOWN soonest
    owed_count: int
    owed_total: Decimal
    references: list
    years: list
    organisations: list = field(default_factory=list)

    @property
    def more_payments(self):
        """How many awaited payments the page does not show."""
        return self.owed_count - len(self.payments)


@dataclass(frozen=True)
class _Figures:
    """What the page computes over every row in scope: counts, sums, choices, and which rows
    its page shows (their ids, in order), kept until data changes."""

    total: int
    page: int
    pages: int
    obligation_ids: tuple
    owed_count: int
    owed_total: Decimal
    payment_ids: tuple
    references: list
    years: list
    organisations: list


def page(filters, today, scope=None):
    """The page for a user whose scope is `scope` (an organisation id, or None for all)."""
    figures = freshness.remembered(
        ("justificatifs", filters, today, scope), lambda: _figures(filters, today, scope)
    )
    obligations = _by_id(
        Obligation,
        figures.obligation_ids,
        contains_eager(Obligation.convention).selectinload(Convention.parties),
        selectinload(Obligation.files),
    )
    payments = _by_id(
        Payment,
        figures.payment_ids,
        contains_eager(Payment.convention).selectinload(Convention.parties),
    )
    return ObligationsPage(
        rows=[_row(o, today) for o in obligations],
        total=figures.total,
        page=figures.page,
        pages=figures.pages,
        payments=[_payment_row(p, scope) for p in payments],
        owed_count=figures.owed_count,
        owed_total=figures.owed_total,
        references=figures.references,
        years=figures.years,
        organisations=figures.organisations,
    )


def _figures(filters, today, scope):
    query = _obligations(filters, today, scope)
    groups = _group_counts(query, today)
    total = sum(groups)
    pages = max(1, -(-total // PAGE_SIZE))
    current = min(max(filters.page, 1), pages)
    owed = _owed(filters, scope)
    owed_count, owed_dated, owed_total = db.session.execute(
        owed.with_only_columns(func.count(), func.count(Payment.due), func.sum(Payment.amount))
    ).one()
    return _Figures(
        total=total,
        page=current,
        pages=pages,
        obligation_ids=_page_ids(query, today, groups, (current - 1) * PAGE_SIZE),
        owed_count=owed_count,
        owed_total=owed_total or Decimal("0.00"),
        payment_ids=tuple(
            db.session.scalars(
                payment_queries.soonest(owed, OWED_SHOWN, undated=owed_dated < OWED_SHOWN)
            )
        ),
        references=_references(scope),
        years=_years(scope),
        organisations=[] if scope is not None else _employers(),
    )


def _groups(today):
    """The page's order puts late documents first, then those due, those with no date yet,
    the sent, the received: each group as a condition on the (status, due) index."""
    pending = Obligation.status == "pending"
    return (
        and_(pending, Obligation.due < today),
        and_(pending, Obligation.due >= today),
        and_(pending, Obligation.due.is_(None)),
        Obligation.status == "sent",
        Obligation.status.not_in(("pending", "sent")),
    )


def _group_counts(query, today):
    """How many obligations the query keeps in each group, in one statement; counted on the
    index, not joined to their convention (the filters are sets of convention ids)."""
    parts = [
        query.with_only_columns(literal(number), func.count()).where(condition)
        for number, condition in enumerate(_groups(today))
    ]
    found = dict(db.session.execute(union_all(*parts)).tuples().all())
    return [found.get(number, 0) for number in range(len(parts))]


def _page_ids(query, today, groups, offset):
    """The ids of the PAGE_SIZE obligations from `offset` in the page's order, in one statement:
    each group the page reaches is read in its own order on its own index range (one ORDER BY
    over every obligation sorted them all), and only those few rows are merged."""
    parts, start = [], 0
    for number, (condition, size) in enumerate(zip(_groups(today), groups, strict=True)):
        skip, end = max(offset - start, 0), offset + PAGE_SIZE - start
        if size and skip < size and end > 0:
            part = (
                query.with_only_columns(
                    Obligation.id,
                    literal(number).label("grp"),
                    Obligation.due,
                    Convention.reference,
                    _kind_rank().label("kind_rank"),
                    Obligation.subject,
                )
                .join(Obligation.convention)
                .where(condition)
                .order_by(*_order_within())
                .limit(min(end, size) - skip)
                .offset(skip)
            )
            parts.append(db.select(part.subquery()))
        start += size
    if not parts:
        return ()
    merged = union_all(*parts).subquery()
    rows = db.select(merged.c.id).order_by(
        merged.c.grp,
        merged.c.due.asc().nulls_last(),
        merged.c.reference,
        merged.c.kind_rank,
        merged.c.subject,
    )
    return tuple(db.session.scalars(rows))


def _by_id(model, ids, *options):
    """The rows of `model` with these ids, in their order, with their convention joined."""
    if not ids:
        return []
    rows = db.session.scalars(
        db.select(model).join(model.convention).where(model.id.in_(ids)).options(*options)
    ).all()
    found = {row.id: row for row in rows}
    return [found[i] for i in ids if i in found]


def all_rows(filters, today, scope=None):
    """Every obligation the filters keep (no pages), in the page's order: for exports."""
    loaded = db.session.scalars(
        _obligations(filters, today, scope)
        .join(Obligation.convention)
        .order_by(*_order(today))
        .options(contains_eager(Obligation.convention).selectinload(Convention.parties))
    ).all()
    return [_row(o, today) for o in loaded]


def _obligations(filters, today, scope):
    """The obligations the scope and filters keep, not joined to their convention."""
    query = db.select(Obligation)
    query = query.where(*_convention_filters(filters, scope, Obligation.convention_id))
    if filters.year is not None:
        year = filters.year
        query = query.where(
            or_(
                Obligation.due.between(date(year, 1, 1), date(year, 12, 31)),
                and_(Obligation.due.is_(None), Obligation.subject == str(year)),
            )
        )
    if filters.state == "late":
        query = query.where(Obligation.status == "pending", Obligation.due < today)
    elif filters.state == "upcoming":
        query = query.where(
            Obligation.status == "pending", or_(Obligation.due.is_(None), Obligation.due >= today)
        )
    elif filters.state in ("sent", "received"):
        query = query.where(Obligation.status == filters.state)
    return query


def _convention_filters(filters, scope, convention_id):
    """The scope and the filters on conventions, as conditions on the column `convention_id`
    (sets of convention ids: a count needs no join to the convention)."""
    conditions = []
    if scope is not None:
        conditions.append(loading.party_to(scope, convention_id=convention_id))
    if filters.organisation_id is not None:
        conditions.append(
            loading.party_to(filters.organisation_id, employer=True, convention_id=convention_id)
        )
    if filters.reference:
        # Part of a reference, in any case, as on the payments page.
        matching = db.select(Convention.id).where(
            Convention.reference.icontains(filters.reference, autoescape=True)
        )
        conditions.append(convention_id.in_(matching))
    return conditions


def _order(today):
    """The page's order in SQL: the groups, then the order within each (see `_groups`)."""
    group = case(*((condition, number) for number, condition in enumerate(_groups(today))))
    return (group, *_order_within())


def _kind_rank():
    return case(
        {k: i for i, k in enumerate(deadlines.OBLIGATION_KINDS)}, value=Obligation.kind, else_=9
    )


def _order_within():
    """Within a group: the soonest due first (none last), then by convention, kind, subject."""
    return (
        Obligation.due.asc().nulls_last(),
        Convention.reference,
        _kind_rank(),
        Obligation.subject,
    )


def _row(obligation, today):
    convention = obligation.convention
    state, days = obligation.status, None
    if state == "pending":
        if obligation.due is None:
            state = "awaited"
        else:
            days = deadlines.days_until(obligation.due, today)
            state = deadlines.lateness(obligation.due, today)
            days = -days if state == "late" else days
    return ObligationRow(
        obligation=obligation,
        subject=obligation_subject(obligation),
        employer=_employer_name(convention),
        state=state,
        days=days,
    )


def _employer_name(convention):
    employer = next((p for p in convention.parties if p.employer), None)
    return employer.organisation.name if employer else ""


def _owed(filters, scope):
    """The payments the employers still await (refunds aside), unordered, without joins."""
    query = db.select(Payment).where(
        Payment.status.in_(OPEN_PAYMENT_STATUSES),
        Payment.kind != "refund",
        *_convention_filters(filters, None, Payment.convention_id),
    )
    if scope is not None:
        # What is owed to the association: the conventions where it is the employer.
        query = query.where(
            loading.party_to(scope, employer=True, convention_id=Payment.convention_id)
        )
    return query


def _payment_row(payment, scope):
    convention = payment.convention
    financer = convention.party(payment.financer_key)
    return PaymentRow(
        payment=payment,
        financer=financer.organisation.name if financer else payment.financer_key,
        employer=_employer_name(convention),
        waiting_for=None if payment.due else waiting_for(payment, own=scope is not None),
    )


def waiting_for(payment, own=False):
    """What an undated payment waits for, in French ("en attente de votre attestation...")."""
    if payment.condition == "spend_attestation":
        text = (
            "en attente de votre attestation de dépenses"
            if own
            else "en attente de l'attestation de dépenses de l'employeur"
        )
        if payment.spend_threshold is not None:
            text += f" (seuil {formatting.money(payment.spend_threshold)})"
        return text
    return AWAITED.get(payment.condition, labels.CONDITION.get(payment.condition, ""))


def _references(scope):
    """The references to suggest in the filter: all of them, or none if there are too many."""
    query = db.select(Convention.reference).order_by(Convention.reference)
    if scope is not None:
        query = query.where(loading.party_to(scope))
    references = list(db.session.scalars(query.limit(REFERENCE_CHOICES + 1)))
    return references if len(references) <= REFERENCE_CHOICES else []


def _years(scope):
    """Every year from the first convention's start to the last due date, latest first."""
    last_due = db.select(func.max(Obligation.due))
    if scope is not None:
        last_due = last_due.where(loading.party_to(scope, convention_id=Obligation.convention_id))
    first, last_end, last_due = db.session.execute(
        db.select(*loading.span(scope), last_due.scalar_subquery())
    ).one()
    if first is None:
        return []
    last = max(d for d in (last_due, last_end) if d is not None)
    return list(range(last.year, first.year - 1, -1))


def _employers():
    """(id, name) of every employer organisation, by name."""
    # One step on the party (organisation, employer) index per organisation.
    employs = db.select(Party.id).where(Party.organisation_id == Organisation.id, Party.employer)
    query = (
        db.select(Organisation.id, Organisation.name)
        .where(employs.exists())
        .order_by(Organisation.name)
    )
    return [Employer(*row) for row in db.session.execute(query)]
