"""Exact money: Decimal euros with two places, fractions for shares, largest-remainder splits."""

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("1000000000000")  # a thousand billion euros: beyond is a typing error


def to_fraction(value):
    """Exact rational value of a Decimal, int or Fraction (never a float)."""
    if isinstance(value, float):
        raise TypeError("money never goes through float")
    if isinstance(value, Decimal):
        return Fraction(value)
    return Fraction(value)


def _to_decimal_cents(value, rounding):
    exact = to_fraction(value)
    cents = exact * 100
    if rounding is ROUND_FLOOR:
        whole = cents.numerator // cents.denominator
    elif rounding is ROUND_CEILING:
        whole = -((-cents.numerator) // cents.denominator)
    else:
        whole = _round_half_up(cents)
    return (Decimal(whole) / 100).quantize(CENT)


def _round_half_up(value):
    """Nearest integer to a Fraction, halves away from zero."""
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    return sign * int((magnitude + Fraction(1, 2)).__floor__())


def round_cents(value):
    """Round an exact value to the cent, half-up (away from zero)."""
    return _to_decimal_cents(value, ROUND_HALF_UP)


def floor_cents(value):
    """Round an exact value down to the cent."""
    return _to_decimal_cents(value, ROUND_FLOOR)


def ceil_cents(value):
    """Round an exact value up to the cent."""
    return _to_decimal_cents(value, ROUND_CEILING)


def parse_amount(value, *, field="montant"):
    """Read an amount in euros from a str, int or Decimal; at most two decimals, not negative."""
    if value is None or isinstance(value, bool):
        raise ValueError(f"{field} : montant manquant")
    if isinstance(value, float):
        # The file loaders read numbers as Decimal; a float from elsewhere is read by its repr.
        value = repr(value)
    text = str(value).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    text = text.replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{field} : montant invalide « {value} »") from None
    if not amount.is_finite():
        raise ValueError(f"{field} : montant invalide « {value} »")
    if amount < 0:
        raise ValueError(f"{field} : montant négatif « {value} »")
    if amount > MAX_AMOUNT:
        raise ValueError(f"{field} : montant trop élevé « {value} »")
    if amount != amount.quantize(CENT):
        raise ValueError(f"{field} : plus de deux décimales « {value} »")
    return abs(amount).quantize(CENT)  # abs: "-0" reads as plain 0.00


def parse_share(text):
    """Read a share of the total cost: "1/3", "41%", "33,5 %" -> Fraction of 1."""
    raw = (
        str(text)
        .strip()
        .replace(",", ".")
        .replace(" ", "")
        .replace("\u202f", "")
        .replace("\xa0", "")
    )
    try:
        if raw.endswith("%"):
            value = Fraction(Decimal(raw[:-1])) / 100
        elif "/" in raw:
            numerator, denominator = raw.split("/")
            value = Fraction(int(numerator), int(denominator))
        else:
            raise ValueError
    except (ValueError, InvalidOperation, ZeroDivisionError, OverflowError):
        raise ValueError(f"part invalide « {text} » (attendu : « 1/3 » ou « 41 % »)") from None
    if value <= 0:
        raise ValueError(f"part invalide « {text} » : elle doit être positive")
    if value > 1:
        raise ValueError(f"part supérieure à 100 % « {text} »")
    return value


def allocate(exact_values):
    """Round exact non-negative values to cents so they add up to their exact sum rounded half-up.

    Each value gets its floor; the missing cents go one by one to the largest remainders, the
    earlier value first on a tie.
    """
    exact = [to_fraction(v) for v in exact_values]
    if any(v < 0 for v in exact):
        raise ValueError("montant négatif")
    floors = [floor_cents(v) for v in exact]
    target = round_cents(sum(exact, Fraction(0)))
    missing = int((target - sum(floors, ZERO)) / CENT)
    remainders = [v - to_fraction(f) for v, f in zip(exact, floors, strict=True)]
    order = sorted(range(len(exact)), key=lambda i: (-remainders[i], i))
    result = list(floors)
    for index in order[:missing]:
        result[index] += CENT
    return result


def split(total, weights):
    """Split an amount exactly in proportion to weights (largest remainder)."""
    weights = [to_fraction(w) for w in weights]
    whole = sum(weights, Fraction(0))
    if whole == 0:
        raise ValueError("aucune pondération")
    total = to_fraction(total)
    return allocate([total * w / whole for w in weights])


def percent_of(part, whole):
    """part / whole as a percentage with two decimals, half-up; 0 when whole is 0."""
    if to_fraction(whole) == 0:
        return ZERO
    return round_cents(to_fraction(part) * 100 / to_fraction(whole))


def total(amounts):
    """Sum of amounts as a Decimal with two places."""
    return sum(amounts, ZERO).quantize(CENT)
