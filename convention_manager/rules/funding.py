"""Who pays what in a period: each line's amount, caps, exact cents, funded amount and gap."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from convention_manager.exceptions import FundingError
from convention_manager.formatting import money
from convention_manager.rules.money import ZERO, allocate, percent_of, to_fraction


@dataclass(frozen=True)
class Share:
    """One funding line's allocated amount in a period."""

    financer: str
    amount: Decimal
    percent: Decimal
    basis: str
    capped: bool
    vote_pending: bool
    is_fipd: bool


@dataclass(frozen=True)
class PeriodFunding:
    """A period's financing: its cost, the shares, what is funded and the gap."""

    label: str
    total_cost: Decimal
    shares: tuple[Share, ...]

    @property
    def funded(self):
        """Sum of the shares."""
        return sum((s.amount for s in self.shares), ZERO)

    @property
    def gap(self):
        """Cost not covered by any financer (never negative: over-funding is refused)."""
        return self.total_cost - self.funded

    @property
    def fully_funded(self):
        """Bouclage financier: the period is 100 % financed."""
        return self.gap == 0


def line_value(line, total_cost):
    """Exact amount a line asks for before cents are allocated, and what it is based on."""
    if line.voted is not None:
        value, basis = to_fraction(line.voted), "voted"
    elif line.amount is not None:
        value, basis = to_fraction(line.amount), "amount"
    elif line.share is not None:
        value, basis = line.share * to_fraction(total_cost), "share"
    elif line.requested is not None:
        value, basis = to_fraction(line.requested), "requested"
    else:
        raise FundingError(f"financeur « {line.financer} » : ni part, ni montant, ni demande")
    if line.cap is not None and value > to_fraction(line.cap):
        return to_fraction(line.cap), basis, True
    return value, basis, False


def allocate_period(period):
    """Allocate every funding line of a period to the cent (largest remainder)."""
    total_cost = period.total_cost
    for line in period.funding:
        if line.share is not None and line.share > 1:
            raise FundingError(f"financeur « {line.financer} » : part supérieure à 100 %")
    values = [line_value(line, total_cost) for line in period.funding]
    exact_sum = sum((value for value, _, _ in values), Fraction(0))
    if exact_sum > to_fraction(total_cost):
        raise FundingError(
            f"période {period.label} : les financements ({money(allocate([exact_sum])[0])}) "
            f"dépassent le coût total ({money(total_cost)})"
        )
    amounts = allocate([value for value, _, _ in values])
    shares = tuple(
        Share(
            financer=line.financer,
            amount=amount,
            percent=percent_of(amount, total_cost),
            basis=basis,
            capped=capped,
            vote_pending=line.requested is not None and line.voted is None,
            is_fipd=line.is_fipd,
        )
        for line, amount, (_, basis, capped) in zip(period.funding, amounts, values, strict=True)
    )
    return PeriodFunding(label=period.label, total_cost=total_cost, shares=shares)
