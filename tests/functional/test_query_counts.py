"""The list pages ask the database a fixed number of questions, whatever the number of rows:
the same page over eight times the data runs exactly as many SQL statements."""

import pytest
from sqlalchemy import event

from convention_manager.services import demo
from tests.queries import count_statements

HAUT_RHIN_ASSOCIATION = (
    "Centre d'information sur les droits des femmes et des familles du Haut-Rhin (CIDFF 68)"
)
PAGES = (
    "/",
    "/?page=2",
    "/?q=rhin&ecart=1",
    "/?statut=active&annee=2026",
    "/versements",
    "/versements?page=2",
    "/versements?etat=due",
    "/versements?etat=waiting&annee=2024",
    "/justificatifs",
    "/justificatifs?page=2",
    "/justificatifs?etat=late",
    "/portefeuille",
    "/portefeuille?annee=2024",
)


def load_copies(db, copies):
    """The demo conventions and their life, `copies` times over (4 conventions each)."""
    for n in range(copies):
        demo.load(suffix=f"-{n}" if n else "")
    demo.load_accounts()
    db.session.commit()


def counts(db, client, role):
    return {url: count_statements(db, client, url) for url in PAGES if _allowed(role, url)}


def _allowed(role, url):
    return role == "admin" or not url.startswith("/portefeuille")


@pytest.mark.parametrize("role", ["admin", "association"])
def test_list_pages_run_as_many_queries_over_eight_times_the_conventions(
    app, db, client, login, role
):
    load_copies(db, 1)
    login(role, HAUT_RHIN_ASSOCIATION if role == "association" else None)
    small = counts(db, client, role)
    load_copies(db, 8)  # 32 conventions: more than a page of each list
    large = counts(db, client, role)

    assert large == small
    assert all(0 < n <= 40 for n in large.values()), large


def test_the_larger_data_really_spans_several_pages(app, db, client, login):
    load_copies(db, 8)
    login("admin")

    assert "Page 1 sur 2" in client.get("/").get_data(as_text=True)
    assert "Page 1 sur" in client.get("/versements").get_data(as_text=True)


def test_a_convention_loads_in_as_many_queries_whatever_its_periods_and_lines(app, db):
    from convention_manager.services import conventions, reports

    load_copies(db, 1)
    counted = {}
    for reference in ("NORD-CA2C-2023", "EXEMPLE-ISC-2025-2027"):  # one period, three periods
        db.session.remove()
        count = 0

        def one(*_):
            nonlocal count
            count += 1

        event.listen(db.engine, "before_cursor_execute", one)
        try:
            reports.schedule(conventions.get(reference))
        finally:
            event.remove(db.engine, "before_cursor_execute", one)
        counted[reference] = count

    assert counted["NORD-CA2C-2023"] == counted["EXEMPLE-ISC-2025-2027"] <= 12, counted
