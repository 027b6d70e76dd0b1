"""Every payment across the conventions a user may see, with the finance officer's filters,
loaded in a fixed number of queries whatever the number of rows; and one payment's next step.

A payment's situation is what the finance officer acts on: paid, ordered (mandaté), requested,
waiting for a document (a FIPD solde whose spend attestation is not received yet) or upcoming.
"Due now" cuts across them: an unpaid payment whose due date is known and falls within
`DUE_WINDOW` days.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import selectinload

from convention_manager import formatting, labels
from convention_manager.exceptions import NotFound
from convention_manager.extensions import db
from convention_manager.models import Convention, Party, Payment
from convention_manager.services import lifecycle

PAGE_SIZE = 50
DUE_WINDOW = timedelta(days=30)
STEPS = ("planned", "requested", "ordered", "paid")
# Filter value in the address -> French label; "due" is the "due now" section.
SITUATIONS = {
    "due": "à échoir sous 30 jours",
    "upcoming": "à venir",
    "waiting": "en attente d'un justificatif",
    "requested": "demandé",
    "ordered": "mandaté",
    "paid": "payé",
}


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
            situation=situation if situation in SITUATIONS else "",
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
    territories: list = field(default_factory=list)
    years: list = field(default_factory=list)


def all_rows(today, organisation_id=None):
    """Every payment the scope allows, sorted by due date (unknown dates last)."""
    rows = [
        _row(payment, convention, today)
        for convention in _conventions(organisation_id)
        for payment in convention.payments
    ]
    rows.sort(
        key=lambda r: (
            r.payment.due is None,
            r.payment.due or date.max,
            r.convention.reference,
            r.payment.period_label,
            r.financer_name,
            r.payment.kind,
            r.payment.tranche,
        )
    )
    return rows


def select(rows, filters):
    """The rows kept by every filter."""
    return [r for r in rows if _kept(r, filters)]


def listing(today, filters, organisation_id=None):
    """The page of payments the filters ask for, with counts per section."""
    rows = all_rows(today, organisation_id)
    kept = select(rows, filters)
    others = select(rows, Filters(**{**filters.__dict__, "situation": ""}))
    pages = max(1, -(-len(kept) // PAGE_SIZE))
    page = min(filters.page, pages)
    return PaymentList(
        rows=kept[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=len(kept),
        page=page,
        pages=pages,
        counts={key: sum(1 for r in others if _in_situation(r, key)) for key in SITUATIONS},
        financers=sorted({(r.financer_name, r.financer_id) for r in rows}),
        territories=sorted({r.convention.territory for r in rows}),
        years=sorted({r.year for r in rows}, reverse=True),
    )


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


def _conventions(organisation_id):
    query = db.select(Convention).options(
        selectinload(Convention.parties).joinedload(Party.organisation),
        selectinload(Convention.periods),
        selectinload(Convention.payments),
        selectinload(Convention.obligations),
    )
    if organisation_id is not None:
        query = query.where(Convention.parties.any(Party.organisation_id == organisation_id))
    return db.session.scalars(query).all()


def _row(payment, convention, today):
    party = convention.party(payment.financer_key)
    period = next((p for p in convention.periods if p.label == payment.period_label), None)
    status = payment.status
    return PaymentRow(
        payment=payment,
        convention=convention,
        financer_id=party.organisation_id if party else 0,
        financer_name=party.organisation.name if party else payment.financer_key,
        year=(period.start if period else convention.start).year,
        situation=_situation(payment, convention),
        due_now=status != "paid" and payment.due is not None and payment.due <= today + DUE_WINDOW,
        status_date={
            "requested": payment.requested_on,
            "ordered": payment.ordered_on,
            "paid": payment.paid_on,
        }.get(status),
        next_steps=STEPS[STEPS.index(status) + 1 :] if status in STEPS else (),
    )


def _situation(payment, convention):
    if payment.status != "planned":
        return payment.status
    if payment.spend_threshold is not None and not _attestation_received(payment, convention):
        return "waiting"
    return "upcoming"


def _attestation_received(payment, convention):
    return any(
        o.kind == "fipd_spend_attestation"
        and o.subject == payment.period_label
        and o.status == "received"
        for o in convention.obligations
    )


def _in_situation(row, situation):
    return row.due_now if situation == "due" else row.situation == situation


def _kept(row, filters):
    return (
        (not filters.situation or _in_situation(row, filters.situation))
        and (filters.financer is None or row.financer_id == filters.financer)
        and (not filters.territory or row.convention.territory == filters.territory)
        and (filters.year is None or row.year == filters.year)
        and (not filters.search or filters.search.casefold() in row.convention.reference.casefold())
    )


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def amount_total(rows):
    """Sum of the rows' amounts."""
    return sum((r.payment.amount for r in rows), Decimal("0.00"))
