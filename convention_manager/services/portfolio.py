"""The financers' portfolio: per organisation and year, across territories, what it committed,
paid and still has to pay, and its share of the cost of the conventions it funds.

A period belongs to the year it starts in. Commitments are the shares the rules computed for each
period, kept as rows by `schedules.summarise` and summed in SQL as integer cents (exact).
"""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, func, type_coerce

from convention_manager import freshness
from convention_manager.extensions import db
from convention_manager.models import Commitment, Organisation, Payment
from convention_manager.models.types import Money
from convention_manager.rules.money import ZERO, percent_of


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
    """The portfolio of `year`, or of the latest year with data.

    Sums in SQL over the commitments `schedules.summarise` keeps (one per share of each period)
    and the paid payments: a handful of queries whatever the number of conventions, kept until
    data changes.
    """
    return freshness.remembered(("portfolio", year), lambda: _portfolio(year))


def _portfolio(year):
    years = list(
        db.session.scalars(db.select(Commitment.year).distinct().order_by(Commitment.year.desc()))
    )
    if year is None or year not in years:
        year = years[0] if years else None
    committed = _committed(year)
    costs = _costs(year)
    paid = _paid(year)
    financers = sorted(
        (
            FinancerYear(
                organisation_id=organisation,
                name=name,
                conventions=costs[organisation][0],
                committed=amount,
                paid=paid.get(organisation, ZERO),
                cost=costs[organisation][1],
            )
            for organisation, name, amount in committed
        ),
        key=lambda r: (-r.committed, r.name),
    )
    conventions, total_cost = _year_totals(year)
    return Portfolio(
        year=year,
        years=years,
        financers=financers,
        conventions=conventions,
        total_cost=total_cost,
        committed=sum((f.committed for f in financers), ZERO),
        paid=sum((f.paid for f in financers), ZERO),
    )


def _money_sum(column):
    return type_coerce(func.sum(column), Money())


def _committed(year):
    """(organisation id, name, committed) of every financer with a share in `year`."""
    return db.session.execute(
        db.select(Organisation.id, Organisation.name, _money_sum(Commitment.amount))
        .join(Commitment, Commitment.organisation_id == Organisation.id)
        .where(Commitment.year == year)
        .group_by(Organisation.id, Organisation.name)
    ).all()


def _periods(year):
    """Each (organisation, convention, period) of the year once, with the period's cost: an
    organisation with two lines in a period counts the period's cost once."""
    return (
        db.select(
            Commitment.organisation_id,
            Commitment.convention_id,
            Commitment.period_label,
            Commitment.financer_key,
            Commitment.period_cost,
        )
        .where(Commitment.year == year)
        .distinct()
        .subquery()
    )


def _costs(year):
    """{organisation id: (conventions it funds, cost of the periods it funds)} for `year`."""
    periods = (
        db.select(
            Commitment.organisation_id,
            Commitment.convention_id,
            Commitment.period_label,
            Commitment.period_cost,
        )
        .where(Commitment.year == year)
        .distinct()
        .subquery()
    )
    rows = db.session.execute(
        db.select(
            periods.c.organisation_id,
            func.count(periods.c.convention_id.distinct()),
            _money_sum(periods.c.period_cost),
        ).group_by(periods.c.organisation_id)
    )
    return {organisation: (count, cost) for organisation, count, cost in rows}


def _paid(year):
    """{organisation id: what it paid} on the shares of `year` (refunds are not payments)."""
    shares = _periods(year)
    rows = db.session.execute(
        db.select(shares.c.organisation_id, _money_sum(Payment.amount))
        .join(
            shares,
            and_(
                Payment.convention_id == shares.c.convention_id,
                Payment.period_label == shares.c.period_label,
                Payment.financer_key == shares.c.financer_key,
            ),
        )
        .where(Payment.status == "paid", Payment.kind != "refund")
        .group_by(shares.c.organisation_id)
    )
    return dict(rows.all())


def _year_totals(year):
    """(conventions, total cost of their periods) for `year`."""
    periods = (
        db.select(Commitment.convention_id, Commitment.period_label, Commitment.period_cost)
        .where(Commitment.year == year)
        .distinct()
        .subquery()
    )
    count, cost = db.session.execute(
        db.select(func.count(periods.c.convention_id.distinct()), _money_sum(periods.c.period_cost))
    ).one()
    return count, cost or ZERO
