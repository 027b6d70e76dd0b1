"""Dates the parties must keep (rules.deadlines): reports six months after each financial year
closes, the pre-assessment, the avenant answer, the termination delay and lateness."""

from datetime import date

import pytest

from convention_manager.exceptions import InvalidConvention
from convention_manager.rules.deadlines import (
    avenant_answer_due,
    days_until,
    financial_year_close,
    financial_year_closes,
    lasts_more_than_a_year,
    lateness,
    obligations,
    parse_financial_year_end,
    pre_assessment_due,
    report_due,
    termination_date,
    within,
)
from convention_manager.rules.terms import Terms


@pytest.mark.parametrize(
    "close, due",
    [
        pytest.param(date(2024, 12, 31), date(2025, 6, 30), id="31-dec-2024"),
        pytest.param(date(2023, 12, 31), date(2024, 6, 30), id="ca2c-31-dec-2023"),
        pytest.param(date(2023, 8, 31), date(2024, 2, 29), id="31-aug-2023-leap-february"),
        pytest.param(date(2022, 8, 31), date(2023, 2, 28), id="31-aug-2022-common-february"),
        pytest.param(date(2024, 2, 29), date(2024, 8, 31), id="29-feb-2024"),
        pytest.param(date(2023, 2, 28), date(2023, 8, 31), id="28-feb-2023"),
        pytest.param(date(2024, 6, 30), date(2024, 12, 31), id="30-jun"),
        pytest.param(date(2024, 3, 31), date(2024, 9, 30), id="31-mar-to-30-sep"),
        pytest.param(date(2024, 6, 15), date(2024, 12, 31), id="mid-month-close"),
    ],
)
def test_report_due_last_day_of_sixth_month(close, due):
    assert report_due(close) == due


@pytest.mark.parametrize(
    "year, year_end, close",
    [
        pytest.param(2024, "12-31", date(2024, 12, 31), id="12-31"),
        pytest.param(2024, "02-28", date(2024, 2, 29), id="02-28-leap-means-29"),
        pytest.param(2023, "02-28", date(2023, 2, 28), id="02-28-common"),
        pytest.param(2023, "02-29", date(2023, 2, 28), id="02-29-common"),
        pytest.param(2024, "02-29", date(2024, 2, 29), id="02-29-leap"),
        pytest.param(2023, "08-31", date(2023, 8, 31), id="08-31"),
    ],
)
def test_financial_year_close(year, year_end, close):
    assert financial_year_close(year, year_end) == close


def test_02_28_close_in_a_leap_year_reports_by_31_august():
    assert report_due(financial_year_close(2024, "02-28")) == date(2024, 8, 31)


@pytest.mark.parametrize(
    "start, end, year_end, closes",
    [
        pytest.param(
            date(2023, 7, 1),
            date(2023, 12, 31),
            "12-31",
            [date(2023, 12, 31)],
            id="ca2c-six-months",
        ),
        pytest.param(
            date(2024, 1, 1),
            date(2024, 12, 31),
            "08-31",
            [date(2024, 8, 31), date(2025, 8, 31)],
            id="calendar-2024-august-year",
        ),
        pytest.param(
            date(2024, 1, 1),
            date(2026, 12, 31),
            "12-31",
            [date(2024, 12, 31), date(2025, 12, 31), date(2026, 12, 31)],
            id="three-years",
        ),
        pytest.param(
            date(2023, 9, 1),
            date(2024, 8, 31),
            "08-31",
            [date(2024, 8, 31)],
            id="aligned-on-the-year",
        ),
        pytest.param(
            date(2023, 8, 31),
            date(2024, 8, 31),
            "08-31",
            [date(2023, 8, 31), date(2024, 8, 31)],
            id="one-day-in-previous-year",
        ),
        pytest.param(
            date(2023, 9, 1),
            date(2024, 9, 1),
            "08-31",
            [date(2024, 8, 31), date(2025, 8, 31)],
            id="one-day-in-next-year",
        ),
        pytest.param(
            date(2023, 6, 1),
            date(2024, 5, 31),
            "02-28",
            [date(2024, 2, 29), date(2025, 2, 28)],
            id="end-of-february",
        ),
    ],
)
def test_financial_year_closes(start, end, year_end, closes):
    assert financial_year_closes(start, end, year_end) == closes


@pytest.mark.parametrize(
    "text", ["13-01", "02-30", "1231", "00-10", "12-32", "", "12/31", "2-28", "04-31"]
)
def test_invalid_financial_year_end(text):
    with pytest.raises(InvalidConvention):
        parse_financial_year_end(text)
    with pytest.raises(InvalidConvention):
        financial_year_closes(date(2024, 1, 1), date(2024, 12, 31), text)


@pytest.mark.parametrize(
    "text, month_day",
    [("12-31", (12, 31)), ("02-28", (2, 28)), ("02-29", (2, 29)), ("08-31", (8, 31))],
)
def test_valid_financial_year_end(text, month_day):
    assert parse_financial_year_end(text) == month_day


@pytest.mark.parametrize(
    "start, end, due",
    [
        pytest.param(date(2024, 1, 1), date(2026, 12, 31), date(2026, 9, 30), id="three-years"),
        pytest.param(date(2024, 1, 1), date(2024, 12, 31), None, id="exactly-one-year"),
        pytest.param(date(2023, 7, 1), date(2024, 6, 30), None, id="one-year-mid-year"),
        pytest.param(
            date(2024, 1, 1), date(2025, 1, 1), date(2024, 10, 1), id="one-year-and-a-day"
        ),
        pytest.param(
            date(2023, 7, 1), date(2024, 7, 1), date(2024, 4, 1), id="one-year-and-a-day-mid-year"
        ),
        pytest.param(date(2023, 7, 1), date(2023, 12, 31), None, id="ca2c-six-months"),
        pytest.param(
            date(2024, 1, 1),
            date(2025, 5, 31),
            date(2025, 2, 28),
            id="end-of-may-to-end-of-february",
        ),
    ],
)
def test_pre_assessment_three_months_before_the_end(start, end, due):
    assert pre_assessment_due(start, end) == due
    assert lasts_more_than_a_year(start, end) is (due is not None)


@pytest.mark.parametrize(
    "requested, due",
    [
        pytest.param(date(2024, 3, 15), date(2024, 5, 15), id="mid-month"),
        pytest.param(date(2023, 12, 31), date(2024, 2, 29), id="31-dec-leap"),
        pytest.param(date(2022, 12, 31), date(2023, 2, 28), id="31-dec-common"),
        pytest.param(date(2024, 8, 31), date(2024, 10, 31), id="31-aug"),
        pytest.param(date(2024, 12, 30), date(2025, 2, 28), id="30-dec"),
    ],
)
def test_avenant_answer_due_two_months_later(requested, due):
    assert avenant_answer_due(requested) == due


@pytest.mark.parametrize(
    "notice, chosen, effective",
    [
        pytest.param(date(2024, 3, 15), None, date(2024, 5, 15), id="earliest"),
        pytest.param(date(2023, 12, 31), None, date(2024, 2, 29), id="earliest-end-of-february"),
        pytest.param(date(2024, 3, 15), date(2024, 5, 15), date(2024, 5, 15), id="chosen-earliest"),
        pytest.param(date(2024, 3, 15), date(2024, 9, 30), date(2024, 9, 30), id="chosen-later"),
    ],
)
def test_termination_date(notice, chosen, effective):
    assert termination_date(notice, chosen) == effective


@pytest.mark.parametrize(
    "notice, chosen",
    [
        pytest.param(date(2024, 3, 15), date(2024, 5, 14), id="one-day-early"),
        pytest.param(date(2024, 3, 15), date(2024, 3, 15), id="on-the-notice"),
    ],
)
def test_termination_before_the_two_months_is_refused(notice, chosen):
    with pytest.raises(InvalidConvention, match="2024-05-15"):
        termination_date(notice, chosen)


@pytest.mark.parametrize(
    "due, today, status, days",
    [
        pytest.param(date(2024, 6, 30), date(2025, 7, 1), "late", -366, id="interface-example"),
        pytest.param(date(2024, 6, 30), date(2024, 7, 1), "late", -1, id="one-day-late"),
        pytest.param(date(2024, 6, 30), date(2024, 6, 30), "upcoming", 0, id="due-today"),
        pytest.param(date(2024, 7, 1), date(2024, 6, 30), "upcoming", 1, id="due-tomorrow"),
    ],
)
def test_lateness_and_days_until(due, today, status, days):
    assert lateness(due, today) == status
    assert days_until(due, today) == days


@pytest.mark.parametrize(
    "due, days, expected",
    [
        pytest.param(date(2024, 5, 1), 30, True, id="late-always-kept"),
        pytest.param(date(2024, 6, 1), 0, True, id="today-within-0"),
        pytest.param(date(2024, 7, 1), 30, True, id="last-day-inclusive"),
        pytest.param(date(2024, 7, 2), 30, False, id="one-day-beyond"),
        pytest.param(date(2024, 6, 2), 0, False, id="tomorrow-not-within-0"),
    ],
)
def test_within(due, days, expected):
    assert within(due, date(2024, 6, 1), days) is expected


def make_terms(start, end, year_end="12-31"):
    """Terms with dates only: obligations do not depend on the money."""
    return Terms("REF", start, end, year_end, periods=())


def as_tuples(found):
    """(kind, subject, due) of each obligation."""
    return [(o.kind, o.subject, o.due) for o in found]


def test_obligations_ca2c():
    found = obligations(make_terms(date(2023, 7, 1), date(2023, 12, 31)))
    assert as_tuples(found) == [
        ("financial_report", "2023-12-31", date(2024, 6, 30)),
        ("activity_report", "2023-12-31", date(2024, 6, 30)),
    ]
    assert found[0].key == ("financial_report", "2023-12-31")


def test_obligations_three_years_with_fipd_attestations():
    found = obligations(
        make_terms(date(2024, 1, 1), date(2026, 12, 31)), attestation_periods=["2024", "2025"]
    )
    assert as_tuples(found) == [
        ("financial_report", "2024-12-31", date(2025, 6, 30)),
        ("activity_report", "2024-12-31", date(2025, 6, 30)),
        ("financial_report", "2025-12-31", date(2026, 6, 30)),
        ("activity_report", "2025-12-31", date(2026, 6, 30)),
        ("financial_report", "2026-12-31", date(2027, 6, 30)),
        ("activity_report", "2026-12-31", date(2027, 6, 30)),
        ("fipd_spend_attestation", "2024", None),
        ("fipd_spend_attestation", "2025", None),
        ("pre_assessment", "", date(2026, 9, 30)),
    ]


def test_obligations_august_year_end():
    found = obligations(make_terms(date(2024, 1, 1), date(2024, 12, 31), "08-31"))
    assert [(o.subject, o.due) for o in found if o.kind == "financial_report"] == [
        ("2024-08-31", date(2025, 2, 28)),
        ("2025-08-31", date(2026, 2, 28)),
    ]
    assert "pre_assessment" not in [o.kind for o in found]
