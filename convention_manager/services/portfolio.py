"""The financers' portfolio: per organisation and year, across territories, what it committed,
paid and still has to pay, and its share of the cost of the conventions it funds.

A period belongs to the year it starts in. Commitments are the shares the rules compute for each
period (`schedules.compute`), summed exactly as Decimals; the conventions are loaded in a fixed
number of queries whatever their number.
"""

from dataclasses import dataclass
from decimal import Decimal

from convention_manager.extensions import db
from convention_manager.models import Convention
from convention_manager.rules.money import ZERO, percent_of
from convention_manager.services import loading, schedules


@dataclass(frozen=True)
class FinancerYear:
    """One financer organisation's figures for one year."""

    organisation_id: int
    name: str
    conventions: int
    committed: Decimal
    paid: Decimal
    cost: Decimal

    @property
    def to_come(self):
        """What is committed and not paid yet."""
        return self.committed - self.paid

    @property
    def share(self):
        """Its commitments as a percentage of the cost of the conventions it funds that year."""
        return percent_of(self.committed, self.cost)


@dataclass(frozen=True)
class Portfolio:
    """The year shown, the years with data, one line per financer and the year's totals."""

    year: int | None
    years: list
    financers: list
    conventions: int
    total_cost: Decimal
    committed: Decimal
    paid: Decimal

    @property
    def to_come(self):
        """What all financers still have to pay for the year."""
        return self.committed - self.paid

    @property
    def share(self):
        """The year's commitments as a percentage of the year's total cost."""
        return percent_of(self.committed, self.total_cost)


def portfolio(year=None):
    """The portfolio of `year`, or of the latest year with data."""
    lines = list(_lines(_conventions()))
    years = sorted({line[0] for line in lines}, reverse=True)
    if year is None or year not in years:
        year = years[0] if years else None
    lines = [line for line in lines if line[0] == year]
    periods = {}
    for _, convention, period, _org, _name, _amount, _paid, cost in lines:
        periods[(convention, period)] = cost
    return Portfolio(
        year=year,
        years=years,
        financers=_per_financer(lines),
        conventions=len({line[1] for line in lines}),
        total_cost=sum(periods.values(), ZERO),
        committed=sum((line[5] for line in lines), ZERO),
        paid=sum((line[6] for line in lines), ZERO),
    )


def _conventions():
    query = (
        db.select(Convention).order_by(Convention.reference).options(*loading.whole_convention())
    )
    return db.session.scalars(query).all()


def _lines(conventions):
    """(year, convention id, period label, organisation id, name, committed, paid, period cost)
    for each share of each period."""
    for convention in conventions:
        computed = schedules.compute(convention)
        paid = {}
        for p in convention.payments:
            if p.status == "paid" and p.kind != "refund":
                key = (p.period_label, p.financer_key)
                paid[key] = paid.get(key, ZERO) + p.amount
        for allocation, stored in zip(computed.periods, convention.periods, strict=True):
            for share in allocation.shares:
                organisation = convention.party(share.financer).organisation
                yield (
                    stored.start.year,
                    convention.id,
                    allocation.label,
                    organisation.id,
                    organisation.name,
                    share.amount,
                    paid.pop((allocation.label, share.financer), ZERO),  # once per financer
                    allocation.total_cost,
                )


def _per_financer(lines):
    grouped = {}
    for _, convention, period, organisation, name, amount, paid, cost in lines:
        entry = grouped.setdefault(
            organisation, {"name": name, "periods": {}, "committed": ZERO, "paid": ZERO}
        )
        entry["periods"][(convention, period)] = cost
        entry["committed"] += amount
        entry["paid"] += paid
    rows = [
        FinancerYear(
            organisation_id=organisation,
            name=entry["name"],
            conventions=len({c for c, _ in entry["periods"]}),
            committed=entry["committed"],
            paid=entry["paid"],
            cost=sum(entry["periods"].values(), ZERO),
        )
        for organisation, entry in grouped.items()
    ]
    return sorted(rows, key=lambda r: (-r.committed, r.name))
