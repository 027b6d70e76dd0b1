"""The administrative-fee bound (cadre de référence 2025, §2.2): 5 % to 10 % of the total cost."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from convention_manager.rules.money import ceil_cents, floor_cents, percent_of, to_fraction

LOWER_RATE = Fraction(5, 100)
UPPER_RATE = Fraction(10, 100)


@dataclass(frozen=True)
class FeeCheck:
    """Admin fees against the bound, with the amounts that would be allowed."""

    fees: Decimal
    total_cost: Decimal
    rate: Decimal
    in_range: bool
    minimum: Decimal
    maximum: Decimal


def check_admin_fees(total_cost, fees):
    """Compare fees / total cost (fees included) exactly with [5 %, 10 %]."""
    other_costs = to_fraction(total_cost) - to_fraction(fees)
    exact_rate = to_fraction(fees) / to_fraction(total_cost) if total_cost else Fraction(0)
    return FeeCheck(
        fees=fees,
        total_cost=total_cost,
        rate=percent_of(fees, total_cost),
        in_range=LOWER_RATE <= exact_rate <= UPPER_RATE,
        # f / (C + f) = r  <=>  f = C * r / (1 - r)
        minimum=ceil_cents(other_costs * LOWER_RATE / (1 - LOWER_RATE)),
        maximum=floor_cents(other_costs * UPPER_RATE / (1 - UPPER_RATE)),
    )
