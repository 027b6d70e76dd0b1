"""Résiliation (rules.termination): each financer may reclaim what it paid pro rata of the
calendar days not performed, the termination day itself counting as performed."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from convention_manager.rules.termination import days_not_performed, prorata_refund, refunds

D = Decimal
Y2024 = (date(2024, 1, 1), date(2024, 12, 31))  # 366 days
Y2023 = (date(2023, 1, 1), date(2023, 12, 31))  # 365 days
CA2C = (date(2023, 7, 1), date(2023, 12, 31))  # 184 days


@pytest.mark.parametrize(
    "period, terminated, days",
    [
        pytest.param(Y2024, date(2024, 12, 31), 0, id="last-day"),
        pytest.param(Y2024, date(2025, 3, 1), 0, id="after-the-period"),
        pytest.param(Y2024, date(2023, 12, 31), 366, id="day-before-the-period"),
        pytest.param(Y2024, date(2023, 6, 30), 366, id="well-before"),
        pytest.param(Y2024, date(2024, 1, 1), 365, id="first-day-performed"),
        pytest.param(Y2024, date(2024, 6, 30), 184, id="mid-2024"),
        pytest.param(Y2024, date(2024, 2, 29), 306, id="29-february"),
        pytest.param(Y2023, date(2023, 2, 28), 306, id="28-february-common"),
        pytest.param(CA2C, date(2023, 9, 30), 92, id="ca2c-end-september"),
    ],
)
def test_days_not_performed(period, terminated, days):
    assert days_not_performed(*period, terminated) == days


@pytest.mark.parametrize(
    "paid, period, terminated, refund",
    [
        pytest.param("12000", Y2024, date(2024, 12, 31), "0.00", id="on-the-last-day"),
        pytest.param("12000", Y2024, date(2025, 1, 15), "0.00", id="after-the-period"),
        pytest.param("12000", Y2024, date(2023, 12, 31), "12000.00", id="before-the-period"),
        # 12 000 x 184 / 366 = 6 032,786... -> 6 032,79
        pytest.param("12000", Y2024, date(2024, 6, 30), "6032.79", id="mid-leap-year"),
        # 12 000 x 365 / 366 = 11 967,213... -> 11 967,21
        pytest.param("12000", Y2024, date(2024, 1, 1), "11967.21", id="first-day-only"),
        # 12 000 x 306 / 366 = 10 032,786... -> 10 032,79
        pytest.param("12000", Y2024, date(2024, 2, 29), "10032.79", id="leap-day"),
        # 12 000 x 184 / 365 = 6 049,315... -> 6 049,32
        pytest.param("12000", Y2023, date(2023, 6, 30), "6049.32", id="mid-common-year"),
        # 12 000 x 306 / 365 = 10 060,273... -> 10 060,27
        pytest.param("12000", Y2023, date(2023, 2, 28), "10060.27", id="end-february-common"),
        pytest.param("7500", CA2C, date(2023, 9, 30), "3750.00", id="ca2c-half"),
        # 100,01 x 1 / 2 = 50,005 -> 50,01 (half-up)
        pytest.param(
            "100.01",
            (date(2024, 1, 1), date(2024, 1, 2)),
            date(2024, 1, 1),
            "50.01",
            id="half-cent-up",
        ),
        pytest.param(
            "0.01",
            (date(2024, 1, 1), date(2024, 1, 2)),
            date(2024, 1, 1),
            "0.01",
            id="half-of-a-cent",
        ),
        pytest.param("0", Y2024, date(2024, 6, 30), "0.00", id="nothing-paid"),
    ],
)
def test_prorata_refund(paid, period, terminated, refund):
    assert str(prorata_refund(D(paid), *period, terminated)) == refund


def test_the_written_figures_match_an_exact_computation():
    """The hand-computed mid-2024 figure, checked once more with Fraction and half-up."""
    exact = Fraction(12000) * 184 / 366
    assert Fraction(6032785, 1000) < exact < Fraction(6032790, 1000)
    assert str(prorata_refund(D("12000"), *Y2024, date(2024, 6, 30))) == "6032.79"


def test_refunds_per_period_and_financer():
    """A 3-year plan terminated on 30 June 2025: nothing back for 2024, 184/365 of 2025, all of
    2026; financers owed nothing are left out."""
    periods = [
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ]
    paid = {
        ("2024", "etat"): D("48000.00"),
        ("2024", "dep"): D("12000.00"),
        ("2025", "etat"): D("22875.00"),  # x 184 / 365 = 11 531,5068... -> 11 531,51
        ("2025", "dep"): D("30500.00"),  # x 184 / 365 = 15 375,3424... -> 15 375,34
        ("2026", "dep"): D("44100.00"),  # the whole period after the termination
        ("2026", "etat"): D("0.00"),
    }
    assert refunds(periods, paid, date(2025, 6, 30)) == {
        ("2025", "etat"): D("11531.51"),
        ("2025", "dep"): D("15375.34"),
        ("2026", "dep"): D("44100.00"),
    }
