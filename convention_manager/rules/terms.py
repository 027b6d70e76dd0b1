"""The terms of a convention as plain, immutable data: what the rules compute from."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

FIPD = "FIPD"
ADMIN_FEES = "admin_fees"
POST_KINDS = ("ISG", "ISC", "ISCG")
PARTY_KINDS = (
    "state",
    "department",
    "epci",
    "commune",
    "association",
    "gendarmerie",
    "police",
    "other",
)
CONVENTION_STATUSES = ("draft", "signed", "active", "ended", "terminated")
# The dates a convention, an avenant or a step may carry: every deadline computed from them
# (months after an end, before a start) must still be a calendar date (years 1 to 9999).
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)


@dataclass(frozen=True)
class Tranche:
    """One payment of a custom plan: a percent or an amount, with its condition."""

    percent: Fraction | None = None
    amount: Decimal | None = None
    condition: str = "on_request"
    due: date | None = None


@dataclass(frozen=True)
class FundingLine:
    """A financer's participation in one period, as the convention states it."""

    financer: str
    financer_kind: str
    fund: str | None = None
    share: Fraction | None = None
    amount: Decimal | None = None
    cap: Decimal | None = None
    requested: Decimal | None = None
    voted: Decimal | None = None
    notified: date | None = None
    budget_vote: date | None = None
    tranches: tuple[Tranche, ...] = ()

    @property
    def is_fipd(self):
        """True when the State's FIPD payment rules apply."""
        return (self.fund or "").upper() == FIPD


@dataclass(frozen=True)
class Period:
    """A span of the convention with its own costs and funding (one year, or the whole)."""

    label: str
    start: date
    end: date
    costs: dict[str, Decimal] = field(default_factory=dict)
    funding: tuple[FundingLine, ...] = ()
    spend_attested: date | None = None

    @property
    def total_cost(self):
        """The post's cost over the period, fees included."""
        return sum(self.costs.values(), Decimal("0.00"))


@dataclass(frozen=True)
class Terms:
    """Everything the rules need to know about one convention."""

    reference: str
    start: date
    end: date
    financial_year_end: str
    periods: tuple[Period, ...]
    signed: date | None = None
