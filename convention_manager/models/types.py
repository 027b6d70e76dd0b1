"""Column types that keep money exact on every database."""

from decimal import Decimal

from sqlalchemy import BigInteger
from sqlalchemy.types import TypeDecorator

from convention_manager.rules.money import CENT


class Hundredths(TypeDecorator):
    """A Decimal with two places stored as an integer number of hundredths (cents for money).

    SQLite has no exact decimal type; integers are exact everywhere, so both databases store the
    same thing and no float ever touches an amount.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        """Decimal euros -> integer cents."""
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"Hundredths column needs a Decimal, got {type(value).__name__}")
        cents = value * 100
        if cents != cents.to_integral_value():
            raise ValueError(f"{value} has more than two decimal places")
        return int(cents)

    def process_result_value(self, value, dialect):
        """Integer cents -> Decimal euros."""
        if value is None:
            return None
        return (Decimal(value) / 100).quantize(CENT)


# Money columns: euros with two places, stored as integer cents.
Money = Hundredths
