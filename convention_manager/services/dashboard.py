"""The home page: what needs attention now, then the conventions, searched, filtered and paged.

Everything is asked of the database: counts and sums in SQL, and only the lines shown are
loaded (a few of each panel, one page of conventions), so the number of queries and the rows
read do not grow with the number of conventions.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, func

from convention_manager import freshness, labels
from convention_manager.extensions import db
from convention_manager.models import Convention, Obligation, Organisation, Party, Payment
from convention_manager.rules import deadlines
from convention_manager.rules.money import ZERO
from convention_manager.services import loading, overview, payment_queries
from convention_manager.services.reports import OPEN_PAYMENT_STATUSES

PAGE_SIZE = 25
HORIZON_DAYS = 30
SHOWN = 8  # lines per attention panel; the panel gives the count of the others


@dataclass(frozen=True)
class Item:
    """Something due, late or blocked, in one line."""

    reference: str
    what: str
    due: date | None
    days: int | None
    detail: str = ""


@dataclass(frozen=True)
class Panel:
    """The first lines of an attention panel and how many there are in all."""

    items: list = field(default_factory=list)
    total: int = 0

    @property
    def more(self):
        """How many lines are not shown."""
        return self.total - len(self.items)

    def __bool__(self):
        return self.total > 0


@dataclass(frozen=True)
class Attention:
    """The four things people check first."""

    late: Panel
    soon: Panel
    gaps: Panel  # of overview.ConventionRow
    blocked: Panel


def attention(today, organisation_id=None, horizon=HORIZON_DAYS, shown=None):
    """Late items, items due within `horizon` days, conventions with a gap, blocked payments:
    the first `shown` lines of each (default `SHOWN`) and their counts (kept until data
    changes)."""
    shown = SHOWN if shown is None else shown
    return freshness.remembered(
        ("attention", today, organisation_id, horizon, shown),
        lambda: _attention(today, organisation_id, horizon, shown),
    )


def _attention(today, organisation_id, horizon, shown):
    limit = today + timedelta(days=horizon)
    late = _dated_panel(Obligation.due < today, Payment.due < today, today, organisation_id, shown)
    soon = _dated_panel(
        Obligation.due.between(today, limit),
        Payment.due.between(today, limit),
        today,
        organisation_id,
        shown,
    )
    return Attention(
        late=late,
        soon=soon,
        gaps=_gaps(today, organisation_id, shown),
        blocked=_blocked(organisation_id, shown),
    )


def _dated_panel(obligation_due, payment_due, today, organisation_id, shown):
    """Open obligations and unpaid payments whose due date meets the conditions, soonest first."""
    pending = (Obligation.status == "pending", obligation_due)
    unpaid = (Payment.status.in_(OPEN_PAYMENT_STATUSES), Payment.kind != "refund", payment_due)
    obligations = loading.in_scope(
        db.select(Convention.reference, Obligation.kind, Obligation.due)
        .join(Obligation.convention)
        .where(*pending),
        organisation_id,
    )
    # The first lines are chosen on the index and the convention alone; only they are named.
    first = payment_queries.soonest(
        loading.in_scope(db.select(Payment).where(*unpaid), organisation_id, Payment.convention_id),
        shown,
    )
    payments = (
        db.select(
            Convention.reference,
            Payment.kind,
            Payment.due,
            Payment.financer_key,
            Payment.period_label,
            Organisation.name,
        )
        .join(Payment.convention)
        .outerjoin(
            Party,
            and_(Party.convention_id == Payment.convention_id, Party.key == Payment.financer_key),
        )
        .outerjoin(Organisation, Organisation.id == Party.organisation_id)
        .where(Payment.id.in_(first))
    )
    items = [
        Item(reference, labels.KIND[kind], due, deadlines.days_until(due, today))
        for reference, kind, due in db.session.execute(
            obligations.order_by(Obligation.due, Convention.reference, Obligation.id).limit(shown)
        )
    ] + [
        Item(
            reference,
            labels.KIND[kind],
            due,
            deadlines.days_until(due, today),
            f"{name or financer}, {period}",
        )
        for reference, kind, due, financer, period, name in db.session.execute(
            payments.order_by(Payment.due, Convention.reference, Payment.id)
        )
    ]
    items.sort(key=lambda i: (i.due, i.reference))  # stable: obligations first on a tie
    # Counted on the (status, due) indexes alone: no join, the scope on the row's own column.
    counted = _count(
        loading.in_scope(
            db.select(Obligation.id).where(*pending), organisation_id, Obligation.convention_id
        )
    ) + _count(
        loading.in_scope(
            db.select(Payment.id).where(*unpaid), organisation_id, Payment.convention_id
        )
    )
    return Panel(items[:shown], counted)


def _gaps(today, organisation_id, shown):
    query = loading.in_scope(db.select(Convention).where(Convention.gap > ZERO), organisation_id)
    conventions = db.session.scalars(
        query.order_by(Convention.start.desc(), Convention.reference)
        .limit(shown)
        .options(*overview.ROW_OPTIONS)
    ).all()
    return Panel(overview.convention_rows(conventions, today), _count(query))


def _blocked(organisation_id, shown):
    """Planned soldes waiting for a spend attestation the employer has not sent yet."""
    attested = (
        db.select(Obligation.id)
        .where(
            Obligation.convention_id == Payment.convention_id,
            Obligation.kind == "fipd_spend_attestation",
            Obligation.subject == Payment.period_label,
            Obligation.status != "pending",
        )
        .exists()
    )
    waiting = (
        Payment.status == "planned",
        Payment.condition == "spend_attestation",
        ~attested,
    )
    # As for the dated panels: the first soldes are chosen with their convention alone (the
    # waiting index gives the candidates), and only they are named.
    first = loading.in_scope(
        db.select(Payment.id)
        .join(Payment.convention)
        .where(*waiting)
        .order_by(Convention.reference, Payment.period_label, Payment.financer_key)
        .limit(shown),
        organisation_id,
    )
    rows = db.session.execute(
        db.select(
            Convention.reference,
            Payment.kind,
            Payment.financer_key,
            Payment.period_label,
            Organisation.name,
        )
        .join(Payment.convention)
        .outerjoin(
            Party,
            and_(Party.convention_id == Payment.convention_id, Party.key == Payment.financer_key),
        )
        .outerjoin(Organisation, Organisation.id == Party.organisation_id)
        .where(Payment.id.in_(first))
        .order_by(Convention.reference, Payment.period_label, Payment.financer_key)
    )
    items = [
        Item(
            reference,
            labels.KIND[kind],
            None,
            None,
            f"{name or financer}, {period} : attend l'attestation de 60 % des dépenses",
        )
        for reference, kind, financer, period, name in rows
    ]
    counted = loading.in_scope(
        db.select(Payment.id).where(*waiting), organisation_id, Payment.convention_id
    )
    return Panel(items, _count(counted))


def _count(query):
    return db.session.scalar(db.select(func.count()).select_from(query.order_by(None).subquery()))


@dataclass(frozen=True)
class Filters:
    """The list's search and filters, as read from the address."""

    search: str = ""
    status: str = ""
    territory: str = ""
    year: int | None = None
    gap_only: bool = False
    page: int = 1

    @classmethod
    def from_args(cls, args):
        """Read the filters from a query string, ignoring values that make no sense."""
        status = args.get("statut", "")
        return cls(
            search=args.get("q", "").strip()[:100],
            status=status if status in labels.CONVENTION_STATUS else "",
            territory=args.get("territoire", "").strip(),
            year=_int(args.get("annee")),
            gap_only=args.get("ecart") == "1",
            page=max(_int(args.get("page")) or 1, 1),
        )

    def args(self, **changes):
        """The filters as query-string arguments (empty ones left out), `changes` applied."""
        values = {
            "q": self.search,
            "statut": self.status,
            "territoire": self.territory,
            "annee": self.year,
            "ecart": "1" if self.gap_only else None,
            "page": self.page if self.page > 1 else None,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in (None, "")}


@dataclass(frozen=True)
class Listing:
    """One page of the filtered conventions and the filters' choices."""

    rows: list
    total: int
    page: int
    pages: int
    territories: list
    years: list


def listing(filters, today, organisation_id=None, paged=True):
    """The page of conventions the filters ask for (every one of them when not `paged`); a
    page is kept until data changes."""
    if not paged:
        return _listing(filters, today, organisation_id, paged)
    return freshness.remembered(
        ("listing", filters, today, organisation_id),
        lambda: _listing(filters, today, organisation_id, paged),
    )


def _listing(filters, today, organisation_id, paged):
    query = _filtered(filters, organisation_id).order_by(
        Convention.start.desc(), Convention.reference
    )
    if not paged:
        conventions = db.session.scalars(query.options(*overview.ROW_OPTIONS)).all()
        rows = overview.convention_rows(conventions, today)
        return Listing(rows=rows, total=len(rows), page=1, pages=1, territories=[], years=[])
    total = _count(query)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(filters.page, pages)
    conventions = db.session.scalars(
        query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).options(*overview.ROW_OPTIONS)
    ).all()
    return Listing(
        rows=overview.convention_rows(conventions, today),
        total=total,
        page=page,
        pages=pages,
        territories=_territories(organisation_id),
        years=_years(organisation_id),
    )


def _filtered(filters, organisation_id):
    query = loading.in_scope(db.select(Convention), organisation_id)
    if filters.search:
        needle = filters.search.casefold().replace("\\", "\\\\")
        needle = needle.replace("%", "\\%").replace("_", "\\_")
        query = query.where(Convention.search_text.like(f"%{needle}%", escape="\\"))
    if filters.status:
        query = query.where(Convention.status == filters.status)
    if filters.territory:
        query = query.where(Convention.territory == filters.territory)
    if filters.year:
        query = query.where(
            Convention.start <= date(filters.year, 12, 31),
            Convention.end >= date(filters.year, 1, 1),
        )
    if filters.gap_only:
        query = query.where(Convention.gap > ZERO)
    return query


def _territories(organisation_id):
    query = loading.in_scope(
        db.select(Convention.territory).distinct().order_by(Convention.territory),
        organisation_id,
    )
    return list(db.session.scalars(query))


def _years(organisation_id):
    """Every year from the first convention's start to the last one's end, latest first."""
    first, last = db.session.execute(db.select(*loading.span(organisation_id))).one()
    if first is None:
        return []
    return list(range(last.year, first.year - 1, -1))


def _int(text):
    try:
        return int(text) if text else None
    except ValueError:
        return None
