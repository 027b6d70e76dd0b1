"""Summaries of conventions for lists: the figures the rules computed at the last change of terms
(kept on the convention by `schedules.summarise`) and the next open deadline."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, type_coerce
from sqlalchemy.orm import selectinload

from convention_manager import freshness
from convention_manager.extensions import db
from convention_manager.models import Convention
from convention_manager.models.types import Money
from convention_manager.rules.money import ZERO
from convention_manager.services import loading
from convention_manager.services.reports import KIND_ORDER

# What a page of conventions needs besides the convention itself: two queries per page.
ROW_OPTIONS = (selectinload(Convention.payments), selectinload(Convention.obligations))


@dataclass(frozen=True)
class ConventionHead:
    """What a list shows of a convention itself: plain values, kept after its session ends."""

    reference: str
    title: str
    territory: str
    start: date
    end: date
    status: str


@dataclass(frozen=True)
class ConventionRow:
    """One line of the conventions list."""

    convention: ConventionHead
    total_cost: Decimal
    funded: Decimal
    gap: Decimal
    next_due: date | None
    next_label: str | None
    late: bool
    warnings: int


def convention_rows(conventions, today):
    """A row per convention (loaded with `ROW_OPTIONS`): its figures and next open deadline."""
    return [_row(c, today) for c in conventions]


def _row(convention, today):
    upcoming = sorted(
        [(o.due, o.kind) for o in convention.obligations if o.status == "pending" and o.due]
        + [(p.due, p.kind) for p in convention.payments if p.status != "paid" and p.due],
        key=lambda item: (item[0], KIND_ORDER.index(item[1])),
    )
    next_due, next_kind = upcoming[0] if upcoming else (None, None)
    return ConventionRow(
        convention=ConventionHead(
            convention.reference,
            convention.title,
            convention.territory,
            convention.start,
            convention.end,
            convention.status,
        ),
        total_cost=convention.total_cost,
        funded=convention.funded,
        gap=convention.gap,
        next_due=next_due,
        next_label=next_kind,
        late=bool(next_due and next_due < today),
        warnings=convention.warning_count,
    )


def totals(organisation_id=None):
    """Count and sums over every convention in scope, in one query (kept until data changes)."""
    return freshness.remembered(("totals", organisation_id), lambda: _totals(organisation_id))


def _totals(organisation_id):
    query = loading.in_scope(
        db.select(
            func.count(Convention.id),
            *(
                type_coerce(func.sum(column), Money())
                for column in (Convention.total_cost, Convention.funded, Convention.gap)
            ),
        ),
        organisation_id,
    )
    count, total_cost, funded, gap = db.session.execute(query).one()
    return {
        "conventions": count,
        "total_cost": total_cost or ZERO,
        "funded": funded or ZERO,
        "gap": gap or ZERO,
    }
