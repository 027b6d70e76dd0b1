"""French presentation of money, percentages, dates and amounts in words (locale fr_FR).

Pure helpers: they import neither Flask nor any database code, so templates, DOCX contexts,
forms and the CLI can all share them. Babel supplies the locale's own characters: a narrow
no-break space (U+202F) groups thousands, a no-break space (U+00A0) precedes "€" and "%".

Two Babel habits are corrected here: it rounds half-to-even (money is rounded half-up to the
cent before Babel sees it) and it writes "1 juillet" where French writes "1er juillet".
num2words is used for cardinal numbers only; its `to='currency'` mode is wrong for French, so
"euros", "centimes" and "d'euros" are added here.

Formatters return "" for None, so a missing value never prints as "None".
"""

import functools
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from num2words import num2words

LOCALE = "fr_FR"
CENT = Decimal("0.01")

# CLDR's fr percent pattern is "#,##0\u00a0%": a plain no-break space (U+00A0) before "%",
# not the narrow one used between thousands. Kept identical so Babel-made and home-made
# percentages look alike (a unit test compares this with Babel's pattern).
PERCENT_SPACE = "\u00a0"

# Spaces a French user may type (or paste from Babel output) between groups of thousands.
_GROUP_SPACES = " \u00a0\u202f\u2009"
_AMOUNT_RE = re.compile(
    rf"""
    (?P<sign>[-\u2212])?
    (?P<int>\d{{1,3}}(?:[{_GROUP_SPACES}]\d{{3}})+|\d+)
    (?:[,.](?P<frac>\d+))?
    (?:[{_GROUP_SPACES}]?€)?
    """,
    re.VERBOSE | re.ASCII,  # ASCII: \d must not accept other scripts' digits
)
_FRENCH_DATE_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_LARGE_UNITS = {"million", "millions", "milliard", "milliards", "billion", "billions"}


def money(value) -> str:
    """Euros with two decimals, rounded half-up: "71 724,00 €" (Babel's fr_FR spaces)."""
    if value is None:
        return ""
    return _babel_money(str(_round(value, 2)))


def number(value, places=2) -> str:
    """A French decimal number without currency, rounded half-up: "71 724,50"."""
    if value is None:
        return ""
    return _babel_number(str(_round(value, places)), places)


# Babel takes some 70 µs an amount, and a page of the portfolio or the payments shows hundreds,
# mostly the same from one request to the next: remember the texts, keyed by the exact rounded
# value written out (Decimal("0.00") == Decimal("0") would mix texts of different places).
@functools.lru_cache(maxsize=8192)
def _babel_money(exact: str) -> str:
    return format_currency(Decimal(exact), "EUR", locale=LOCALE)


@functools.lru_cache(maxsize=8192)
def _babel_number(exact: str, places: int) -> str:
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(Decimal(exact), format=pattern, locale=LOCALE)


def percent(value) -> str:
    """A value already in percent, two decimals, half-up: Decimal("40.63") -> "40,63 %"."""
    if value is None:
        return ""
    return f"{number(value, 2)}{PERCENT_SPACE}%"


def long_date(d) -> str:
    """A date in words, with "1er" for the first of the month: "1er juillet 2023"."""
    if d is None:
        return ""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {_babel_date(date(d.year, d.month, 1), 'MMMM y')}"


def short_date(d) -> str:
    """A date as DD/MM/YYYY: "01/07/2023"."""
    if d is None:
        return ""
    return _babel_date(d, "dd/MM/yyyy")


# Dates too: a page of a hundred lines formats the same few dozen dates again and again.
@functools.lru_cache(maxsize=8192)
def _babel_date(d: date, pattern: str) -> str:
    return format_date(d, pattern, locale=LOCALE)


def amount_in_words(value) -> str:
    """Euros and centimes in French words, rounded half-up: "un euro et cinquante centimes"."""
    if value is None:
        return ""
    amount = _round(value, 2)
    if amount < 0:
        raise ValueError(f"Montant négatif impossible à écrire en lettres : « {amount} »")
    euros, cents = divmod(int(amount * 100), 100)
    if cents == 0:
        return _euros_in_words(euros)
    cents_words = _cardinal(cents) + (" centime" if cents == 1 else " centimes")
    if euros == 0:
        return cents_words
    return f"{_euros_in_words(euros)} et {cents_words}"


def parse_decimal(text) -> Decimal:
    """Read an amount typed the French way ("71 724,50", "7 500", "71724.50") as a Decimal."""
    _require_text(text)
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("Montant invalide : aucun nombre saisi")
    match = _AMOUNT_RE.fullmatch(cleaned)
    if match is None:
        raise ValueError(f"Montant invalide : « {cleaned} »")
    digits = re.sub(f"[{_GROUP_SPACES}]", "", match["int"])
    value = Decimal(f"{digits}.{match['frac']}" if match["frac"] else digits)
    return -value if match["sign"] else value


def parse_french_date(text) -> date:
    """Read a date typed as DD/MM/YYYY, D/M/YYYY or ISO YYYY-MM-DD."""
    _require_text(text)
    cleaned = text.strip()
    french = _FRENCH_DATE_RE.fullmatch(cleaned)
    iso = _ISO_DATE_RE.fullmatch(cleaned)
    try:
        if french:
            day, month, year = (int(part) for part in french.groups())
            return date(year, month, day)
        if iso:
            year, month, day = (int(part) for part in iso.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise ValueError(f"Date invalide : « {cleaned} » (format attendu : JJ/MM/AAAA)")


def _require_text(text) -> None:
    """Refuse non-strings plainly rather than with an AttributeError from .strip()."""
    if not isinstance(text, str):
        raise TypeError(f"Texte attendu, reçu {type(text).__name__}")


def _to_decimal(value) -> Decimal:
    """Decimal, int, float or French-typed string as an exact, finite Decimal."""
    if isinstance(value, bool):
        raise TypeError(f"Montant attendu, reçu {value!r}")
    if isinstance(value, str):
        return parse_decimal(value)
    if isinstance(value, float):
        value = str(value)  # shortest repr: 0.8 -> "0.8", not 0.8000000000000000444...
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"Montant invalide : « {value} »")
    return result


def _round(value, places) -> Decimal:
    """Round half-up to `places` decimals, turning -0.00 into 0.00 (Babel would print "-0,00")."""
    rounded = _to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def _cardinal(n: int) -> str:
    """num2words' French cardinal, the only num2words output trusted here."""
    return num2words(n, lang="fr")


def _euros_in_words(euros: int) -> str:
    """Whole euros in words, with "d'euros" after a bare million or milliard."""
    words = _cardinal(euros)
    if words.rsplit(" ", 1)[-1] in _LARGE_UNITS:
        return f"{words} d'euros"
    return f"{words} euro" if euros <= 1 else f"{words} euros"


JINJA_FILTERS = {
    "money": money,
    "number": number,
    "percent": percent,
    "long_date": long_date,
    "short_date": short_date,
    "in_words": amount_in_words,
}
