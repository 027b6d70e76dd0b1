"""The home page lists the conventions with their figures in French formatting."""

from datetime import date

from convention_manager.exchange import files
from convention_manager.services import conventions


def load_demo(db, *names):
    from tests.conftest import DEMO

    for name in names:
        conventions.import_all(files.read(DEMO / name))
    db.session.commit()


def test_home_lists_each_convention_with_cost_funding_gap_and_next_deadline(client, db, login):
    login("drafter")
    load_demo(db, "haut-rhin-2024.yaml", "nord-ca2c-2023.yaml")

    page = client.get("/").get_data(as_text=True)

    assert "HAUT-RHIN-ISG-2024" in page and "NORD-CA2C-2023" in page
    assert "176\u202f550,00\xa0€" in page  # Haut-Rhin total cost
    assert "173\u202f274,00\xa0€" in page  # funded
    assert "3\u202f276,00\xa0€" in page  # the gap, shown
    assert "22\u202f500,00\xa0€" in page  # Nord CA2C
    assert "30 juin 2024" in page  # CA2C's first report, due after the 2023 year
    assert "en retard" in page  # that date is past


def test_home_without_conventions_says_how_to_load_some(client, db, login):
    login("admin")
    page = client.get("/").get_data(as_text=True)

    assert "Aucune convention" in page
    assert "convention-manager demo" in page


def test_home_marks_nothing_late_before_the_due_date(app, db):
    from convention_manager.services import dashboard

    load_demo(db, "nord-ca2c-2023.yaml")

    rows = dashboard.listing(dashboard.Filters(), today=date(2024, 1, 15)).rows

    assert rows[0].next_due == date(2024, 6, 30)
    assert rows[0].late is False
    assert dashboard.listing(dashboard.Filters(), today=date(2024, 7, 1)).rows[0].late is True
