"""Summaries of many conventions at once, loaded in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from convention_manager.extensions import db
from convention_manager.models import Convention
from convention_manager.rules.money import ZERO
from convention_manager.services import loading, schedules
from convention_manager.services.reports import KIND_ORDER


@dataclass(frozen=True)
class ConventionRow:
    """One line of the conventions list."""

    convention: Convention
    total_cost: Decimal
    funded: Decimal
    gap: Decimal
    next_due: date | None
    next_label: str | None
    late: bool
    warnings: int


def convention_rows(today, organisation_id=None):
    """Every convention (or those where the organisation is a party) with its computed financing
    and next open deadline."""
    query = (
        db.select(Convention)
        .order_by(Convention.start.desc(), Convention.reference)
        .options(*loading.whole_convention())
    )
    query = loading.in_scope(query, organisation_id)
    return [_row(c, today) for c in db.session.scalars(query)]


def _row(convention, today):
    computed = schedules.compute(convention)
    upcoming = sorted(
        [(o.due, o.kind) for o in convention.obligations if o.status == "pending" and o.due]
        + [(p.due, p.kind) for p in convention.payments if p.status != "paid" and p.due],
        key=lambda item: (item[0], KIND_ORDER.index(item[1])),
    )
    next_due, next_kind = upcoming[0] if upcoming else (None, None)
    return ConventionRow(
        convention=convention,
        total_cost=computed.total_cost,
        funded=computed.funded,
        gap=computed.gap,
        next_due=next_due,
        next_label=next_kind,
        late=bool(next_due and next_due < today),
        warnings=len(computed.warnings),
    )


def totals(rows):
    """Sums over the listed conventions."""
    return {
        "total_cost": sum((r.total_cost for r in rows), ZERO),
        "funded": sum((r.funded for r in rows), ZERO),
        "gap": sum((r.gap for r in rows), ZERO),
    }
