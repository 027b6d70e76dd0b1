"""Every payment across the conventions a user may see, with the finance officer's filters,
and one payment's next step.

The database does the work (`payment_queries`): filters, counts per section, order and page are
SQL, and only the page's rows are loaded, so a page costs a fixed number of queries whatever the
number of conventions.

A payment's situation is what the finance officer acts on: paid, ordered (mandaté), requested,
waiting for a document (a FIPD solde whose spend attestation is not received yet) or upcoming.
"Due now" cuts across them: an unpaid payment whose due date is known and falls within
`DUE_WINDOW` days.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from convention_manager import formatting, freshness, labels
from convention_manager.exceptions import NotFound
from convention_manager.extensions import db
from convention_manager.models import Convention, Payment
from convention_manager.services import lifecycle, payment_queries
from convention_manager.services.payment_queries import DUE_WINDOW

PAGE_SIZE = 50
# A national list has a thousand financers: past this many, the financer filter first asks for
# a territory (a control of a thousand options is no help, and weighs more than the page).
FINANCER_CHOICES = 80
STEPS = payment_queries.STATUSES
# Filter value in the address -> French label; "due" is the "due now" section.
SITUATIONS = {
    "due": "à échoir sous 30 jours",
    "upcoming": "à venir",
    "waiting": "en attente d'un justificatif",
    "requested": "demandé",
    "ordered": "mandaté",
    "paid": "payé",
}
# Filters reached by links from other pages (the justificatifs page's "N de plus"), not sections.
OTHER_SITUATIONS = {"open": "à verser (hors reversements)"}
SITUATION_LABELS = SITUATIONS | OTHER_SITUATIONS


@dataclass(frozen=True)
class Filters:
    """The list's filters as read from the address; empty values filter nothing."""

    situation: str = ""
    financer: int | None = None
    territory: str = ""
    year: int | None = None
    search: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args):
        """Read the filters from a query string, ignoring values that make no sense."""
        situation = args.get("etat", "")
        return cls(
            situation=situation if situation in SITUATION_LABELS else "",
            financer=_int(args.get("financeur")),
            territory=args.get("territoire", "").strip(),
            year=_int(args.get("annee")),
            search=args.get("reference", "").strip(),
            page=max(_int(args.get("page")) or 1, 1),
        )

    def args(self, **changes):
        """The filters as query-string arguments (empty ones left out), with `changes` applied."""
        values = {
            "etat": self.situation,
            "financeur": self.financer,
            "territoire": self.territory,
            "annee": self.year,
            "reference": self.search,
            "page": self.page if self.page > 1 else None,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in (None, "")}


@dataclass(frozen=True)
class PaymentRow:
    """One payment as the list shows and exports it."""

    payment: Payment
    convention: Convention
    financer_id: int
    financer_name: str
    year: int
    situation: str
    due_now: bool
    status_date: date | None
    next_steps: tuple = ()


@dataclass
class PaymentList:
    """One page of the filtered payments, the counts per section and the filters' choices."""

    rows: list
    total: int
    page: int
    pages: int
    counts: dict
    financers: list = field(default_factory=list)
    financers_need_territory: bool = False
    territories: list = field(default_factory=list)
    years: list = field(default_factory=list)


def all_rows(today, organisation_id=None, filters=None):
    """Every payment the scope and filters keep, sorted by due date (unknown dates last)."""
    query = payment_queries.ordered(today, filters or Filters(), organisation_id)
    return _rows(query, today)


def listing(today, filters, organisation_id=None):
    """The page of payments the filters ask for, with counts per section and the filters'
    choices (these kept until data changes: they read every payment in scope)."""
    counts = freshness.remembered(
        ("payment counts", today, replace(filters, page=1), organisation_id),
        lambda: payment_queries.counts(today, filters, organisation_id),
    )
    total = counts[filters.situation or "all"]
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(filters.page, pages)
    query = payment_queries.ordered(today, filters, organisation_id)
    return PaymentList(
        rows=_rows(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE), today),
        total=total,
        page=page,
        pages=pages,
        counts={key: counts[key] for key in SITUATIONS},
        **freshness.remembered(
            ("payment choices", organisation_id, filters.territory, filters.financer),
            lambda: _choices(organisation_id, filters),
        ),
    )


def _choices(organisation_id, filters):
    financers = payment_queries.financers(
        organisation_id, filters.territory, at_most=FINANCER_CHOICES
    )
    too_many = financers is None
    if too_many:  # only the chosen financer stays offered, still selected
        financers = (
            payment_queries.financers(organisation_id, filters.territory, only=filters.financer)
            if filters.financer
            else []
        )
    return {
        "financers": financers,
        "financers_need_territory": too_many,
        "territories": payment_queries.territories(organisation_id),
        "years": payment_queries.years(organisation_id),
    }


def record_step(payment_id, status, on, organisation_id=None):
    """Move a payment to `status` on `on` through the lifecycle rules; returns the payment."""
    payment = db.session.get(Payment, payment_id)
    if payment is None or (
        organisation_id is not None
        and all(p.organisation_id != organisation_id for p in payment.convention.parties)
    ):
        raise NotFound(f"aucun versement n°{payment_id}")
    return lifecycle.record_payment(payment.convention, payment.key, status, on)


def describe(payment):
    """A payment named for a message: "acompte de État, … (EXEMPLE-…, 2026, 1 000,00 €)"."""
    party = payment.convention.party(payment.financer_key)
    name = party.organisation.name if party else payment.financer_key
    return (
        f"« {labels.KIND[payment.kind]} » de {name} ({payment.convention.reference}, "
        f"{payment.period_label}, {formatting.money(payment.amount)})"
    )


def amount_total(rows):
    """Sum of the rows' amounts."""
    return sum((r.payment.amount for r in rows), Decimal("0.00"))


def _rows(query, today):
    return [
        _row(payment, financer_id, financer_name, start, bool(waiting), today)
        for payment, financer_id, financer_name, start, waiting in db.session.execute(query)
    ]


def _row(payment, financer_id, financer_name, start, waiting, today):
    status = payment.status
    return PaymentRow(
        payment=payment,
        convention=payment.convention,
        financer_id=financer_id,
        financer_name=financer_name,
        year=start.year,
        situation="waiting" if waiting else ("upcoming" if status == "planned" else status),
        due_now=status != "paid" and payment.due is not None and payment.due <= today + DUE_WINDOW,
        status_date={
            "requested": payment.requested_on,
            "ordered": payment.ordered_on,
            "paid": payment.paid_on,
        }.get(status),
        next_steps=STEPS[STEPS.index(status) + 1 :] if status in STEPS else (),
    )


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
