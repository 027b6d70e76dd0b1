"""The home page: what needs attention now, then the conventions, searched, filtered and paged.

Everything is computed from the rows `overview.convention_rows` loads in a fixed number of
queries, whatever the number of conventions.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from convention_manager import labels
from convention_manager.rules import deadlines

PAGE_SIZE = 25
HORIZON_DAYS = 30


@dataclass(frozen=True)
class Item:
    """Something due, late or blocked, in one line."""

    reference: str
    what: str
    due: date | None
    days: int | None
    detail: str = ""


@dataclass(frozen=True)
class Attention:
    """The four things people check first."""

    late: list
    soon: list
    gaps: list
    blocked: list


def attention(rows, today, horizon=HORIZON_DAYS):
    """Late items, items due within `horizon` days, conventions with a gap, blocked payments."""
    late, soon, blocked = [], [], []
    limit = today + timedelta(days=horizon)
    for row in rows:
        for item in _open_items(row.convention, today):
            if item.due is None:
                continue
            if item.due < today:
                late.append(item)
            elif item.due <= limit:
                soon.append(item)
        blocked.extend(_blocked_payments(row.convention))
    late.sort(key=lambda i: (i.due, i.reference))
    soon.sort(key=lambda i: (i.due, i.reference))
    blocked.sort(key=lambda i: (i.reference, i.detail))
    gaps = [row for row in rows if row.gap > 0]
    return Attention(late=late, soon=soon, gaps=gaps, blocked=blocked)


def _open_items(convention, today):
    names = {p.key: p.organisation.name for p in convention.parties}
    for obligation in convention.obligations:
        if obligation.status == "pending":
            yield Item(
                convention.reference,
                labels.KIND[obligation.kind],
                obligation.due,
                _days(obligation.due, today),
            )
    for payment in convention.payments:
        if payment.status != "paid" and payment.kind != "refund":
            detail = (
                f"{names.get(payment.financer_key, payment.financer_key)}, {payment.period_label}"
            )
            yield Item(
                convention.reference,
                labels.KIND[payment.kind],
                payment.due,
                _days(payment.due, today),
                detail,
            )


def _blocked_payments(convention):
    attested = {
        o.subject
        for o in convention.obligations
        if o.kind == "fipd_spend_attestation" and o.status != "pending"
    }
    names = {p.key: p.organisation.name for p in convention.parties}
    for payment in convention.payments:
        waiting = payment.condition == "spend_attestation" and payment.period_label not in attested
        if waiting and payment.status == "planned":
            yield Item(
                convention.reference,
                labels.KIND[payment.kind],
                None,
                None,
                f"{names.get(payment.financer_key, payment.financer_key)}, "
                f"{payment.period_label} : attend l'attestation de 60 % des dépenses",
            )


def _days(due, today):
    return deadlines.days_until(due, today) if due else None


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


def listing(rows, filters, paged=True):
    """The page of conventions the filters ask for (every one of them when not `paged`)."""
    kept = [row for row in rows if _kept(row.convention, row.gap, filters)]
    if not paged:
        return Listing(rows=kept, total=len(kept), page=1, pages=1, territories=[], years=[])
    pages = max(1, -(-len(kept) // PAGE_SIZE))
    page = min(filters.page, pages)
    years = sorted(
        {y for row in rows for y in range(row.convention.start.year, row.convention.end.year + 1)},
        reverse=True,
    )
    return Listing(
        rows=kept[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=len(kept),
        page=page,
        pages=pages,
        territories=sorted({row.convention.territory for row in rows}),
        years=years,
    )


def _kept(convention, gap, filters):
    needle = filters.search.casefold()
    return (
        (
            not needle
            or any(
                needle in text.casefold()
                for text in (convention.reference, convention.title, convention.territory)
            )
        )
        and (not filters.status or convention.status == filters.status)
        and (not filters.territory or convention.territory == filters.territory)
        and (not filters.year or convention.start.year <= filters.year <= convention.end.year)
        and (not filters.gap_only or gap > 0)
    )


def _int(text):
    try:
        return int(text) if text else None
    except ValueError:
        return None
