"""Dates the parties must keep: reports after each financial year, the pre-assessment, the
avenant answer and the termination delays."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from convention_manager.exceptions import InvalidConvention

REPORT_DELAY = relativedelta(months=6)
PRE_ASSESSMENT_NOTICE = relativedelta(months=3)
AVENANT_ANSWER_DELAY = relativedelta(months=2)
FORMAL_NOTICE_DELAY = relativedelta(months=2)
END_OF_MONTH = relativedelta(day=31)

YEARLY_REPORTS = ("financial_report", "activity_report")
OBLIGATION_KINDS = YEARLY_REPORTS + ("fipd_spend_attestation", "pre_assessment")
OBLIGATION_STATUSES = ("pending", "sent", "received")

_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class PlannedObligation:
    """A document the employer owes, identified by (kind, subject)."""

    kind: str
    subject: str
    due: date | None

    @property
    def key(self):
        """The identity that survives recomputation."""
        return (self.kind, self.subject)


def parse_financial_year_end(text):
    """Check an `MM-DD` closing day; `02-28` and `02-29` both mean the last day of February."""
    match = _MONTH_DAY.match(str(text))
    if not match:
        raise InvalidConvention(f"fin d'exercice invalide « {text} » (attendu MM-JJ, ex. 12-31)")
    month, day = int(match[1]), int(match[2])
    try:
        date(2024, month, day)  # a leap year, so that 02-29 is accepted
    except ValueError:
        raise InvalidConvention(f"fin d'exercice invalide « {text} »") from None
    return month, day


def financial_year_close(year, financial_year_end):
    """The closing day of the financial year that closes in `year`."""
    month, day = parse_financial_year_end(financial_year_end)
    if month == 2 and day >= 28:
        return date(year, 2, 1) + END_OF_MONTH
    return date(year, month, day)


def financial_year_closes(start, end, financial_year_end):
    """Closing days of every financial year that shares at least one day with [start, end]."""
    close = financial_year_close(start.year, financial_year_end)
    if close < start:
        close = financial_year_close(start.year + 1, financial_year_end)
    closes = []
    previous = financial_year_close(close.year - 1, financial_year_end)
    while previous < end:
        closes.append(close)
        previous, close = close, financial_year_close(close.year + 1, financial_year_end)
    return closes


def report_due(close):
    """Last day of the sixth month after a financial year closes."""
    return close + REPORT_DELAY + END_OF_MONTH


def lasts_more_than_a_year(start, end):
    """True when [start, end] is longer than one year."""
    return end >= start + relativedelta(years=1)


def pre_assessment_due(start, end):
    """Three months before the end of a convention longer than a year, else None."""
    return end - PRE_ASSESSMENT_NOTICE if lasts_more_than_a_year(start, end) else None


def avenant_answer_due(requested):
    """The other parties have two months from the request letter to agree."""
    return requested + AVENANT_ANSWER_DELAY


def termination_date(notice, chosen=None):
    """Earliest termination is two months after a formal notice left without effect."""
    earliest = notice + FORMAL_NOTICE_DELAY
    if chosen is not None and chosen < earliest:
        raise InvalidConvention(
            f"la résiliation ne peut prendre effet avant le {earliest.isoformat()} "
            "(deux mois après la mise en demeure)"
        )
    return chosen or earliest


def obligations(terms, attestation_periods=()):
    """Every document due under the convention, with its due date (None when awaited)."""
    result = []
    for close in financial_year_closes(terms.start, terms.end, terms.financial_year_end):
        due = report_due(close)
        result.extend(PlannedObligation(kind, close.isoformat(), due) for kind in YEARLY_REPORTS)
    result.extend(
        PlannedObligation("fipd_spend_attestation", label, None) for label in attestation_periods
    )
    pre_assessment = pre_assessment_due(terms.start, terms.end)
    if pre_assessment is not None:
        result.append(PlannedObligation("pre_assessment", "", pre_assessment))
    return result


def days_until(due, today):
    """Signed number of days from `today` to `due`."""
    return (due - today).days


def lateness(due, today):
    """`late` when due before today, else `upcoming`."""
    return "late" if due < today else "upcoming"


def within(due, today, days):
    """Late items, and those due within `days` days inclusive."""
    return due < today or due <= today + timedelta(days=days)
