"""The financers' portfolio: per organisation and year across territories, exact sums, chart,
exports, permission, and a fixed number of queries."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from convention_manager.formatting import money as format_money
from convention_manager.services import demo
from convention_manager.services import portfolio as portfolio_service
from tests.functional.test_home import load_demo
from tests.queries import count_statements

CEA = "Collectivité européenne d'Alsace"


@pytest.fixture
def all_demo(db):
    """The four demo conventions with their recorded history."""
    demo.load()
    db.session.commit()


def test_the_cea_commits_52_87_percent_of_the_alsace_cost_in_2024(app, db, all_demo):
    result = portfolio_service.portfolio(2024)
    (cea,) = [f for f in result.financers if f.name == CEA]

    assert cea.conventions == 2
    assert cea.committed == Decimal("201724.00")  # Bas-Rhin 130 000 + Haut-Rhin 71 724
    assert cea.cost == Decimal("381550.00")
    assert cea.share == Decimal("52.87")
    assert cea.paid == Decimal("201724.00") and cea.to_come == 0
    assert result.financers[0] == cea  # the largest commitment first
    assert result.years == [2027, 2026, 2025, 2024, 2023]


def test_what_is_still_to_come_is_committed_minus_paid(app, db, all_demo):
    result = portfolio_service.portfolio(2024)
    etat_68 = next(f for f in result.financers if f.name == "État, préfecture du Haut-Rhin")

    assert etat_68.committed == Decimal("66550.00")
    assert etat_68.paid == Decimal("49912.50")  # the acompte; the solde awaits the attestation
    assert etat_68.to_come == Decimal("16637.50")
    assert result.total_cost == Decimal("381550.00") and result.conventions == 2


def test_the_page_shows_the_figures_and_the_chart(client, login, all_demo):
    login("finance")
    page = client.get("/portefeuille?annee=2024").get_data(as_text=True)

    assert "Portefeuille des financeurs — 2024" in page
    assert "201\u202f724,00\xa0€" in page and "52,87\xa0%" in page
    assert "381\u202f550,00\xa0€" in page
    assert page.count('class="chart chart-bars"') == 1
    assert "Collectivité européenne d&#39;Alsace" in page


def test_without_a_year_the_latest_year_with_data_is_shown(client, login, all_demo):
    login("drafter")
    page = client.get("/portefeuille").get_data(as_text=True)

    assert "Portefeuille des financeurs — 2027" in page
    assert "Département d&#39;exemple" in page


def test_an_association_may_not_see_the_portfolio(client, login, all_demo):
    login(
        "association",
        "Centre d'information sur les droits des femmes et des familles du Haut-Rhin (CIDFF 68)",
    )

    assert client.get("/portefeuille").status_code == 403


def test_an_empty_database_says_so(client, login):
    login("finance")

    assert "Aucune convention" in client.get("/portefeuille").get_data(as_text=True)


def test_exports(client, login, all_demo):
    login("finance")

    xlsx = client.get("/portefeuille?annee=2024&format=xlsx")
    text = client.get("/portefeuille?annee=2024&format=csv").data.decode("utf-8-sig")

    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet["A2"].value == CEA and sheet["D2"].value == 201724
    assert sheet["D2"].number_format == '#,##0.00 "€"'
    assert "portefeuille-2024.xlsx" in xlsx.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][:4] == [CEA, "2024", "2", "201724,00"] and rows[1][-1] == "52,87"


def test_the_same_number_of_queries_for_one_or_all_conventions(client, db, login):
    login("finance")
    load_demo(db, "nord-ca2c-2023.yaml")
    one = count_statements(db, client, "/portefeuille")
    demo.load()
    db.session.commit()
    every = count_statements(db, client, "/portefeuille")

    assert one == every <= 10


def test_a_year_of_many_financers_pages_the_table_and_groups_the_small_ones_in_the_chart(
    client, login, all_demo, monkeypatch
):
    from convention_manager.views import portfolio as portfolio_view

    monkeypatch.setattr(portfolio_view, "PAGE_SIZE", 2)
    monkeypatch.setattr(portfolio_view, "CHART_BARS", 1)
    login("finance")
    financers = portfolio_service.portfolio(2024).financers
    assert len(financers) >= 4  # CeA, two préfectures, two associations... in 2024

    first = client.get("/portefeuille?annee=2024").get_data(as_text=True)
    last = client.get(f"/portefeuille?annee=2024&page={len(financers)}").get_data(as_text=True)

    table = first.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert table.count('<th scope="row">') == 2
    assert "Collectivité européenne d&#39;Alsace" in table
    assert f"Page 1 sur {-(-len(financers) // 2)}" in first
    assert f"{len(financers) - 1} autres financeurs" in first  # one bar, then the rest in one
    others = sum((f.committed for f in financers[1:]), Decimal("0.00"))
    assert f"{len(financers) - 1} autres financeurs : " in first
    assert format_money(others) in first
    assert f"Page {-(-len(financers) // 2)} sur" in last  # a page past the end shows the last
    assert f"Ensemble des financeurs ({len(financers)})" in first


def test_the_body_is_rendered_once_per_change_year_and_page(client, db, login, all_demo, rendered):
    from convention_manager.models import Commitment

    login("finance")
    first = client.get("/portefeuille?annee=2024").get_data(as_text=True)
    again = client.get("/portefeuille?annee=2024&page=1").get_data(as_text=True)
    past_the_end = client.get("/portefeuille?annee=2024&page=99").get_data(as_text=True)
    other_year = client.get("/portefeuille?annee=2025").get_data(as_text=True)
    kept = rendered.count("portfolio/_body.html")
    db.session.execute(
        db.update(Commitment).where(Commitment.year == 2024).values(amount=Decimal("0.00"))
    )
    db.session.commit()
    changed = client.get("/portefeuille?annee=2024").get_data(as_text=True)

    assert kept == 2  # 2024 once (its only page, whatever the page asked), 2025 once
    assert again == first == past_the_end and other_year != first
    assert rendered.count("portfolio/_body.html") == 3
    assert f"engagé {format_money(Decimal('0.00'))}" in changed
    assert f"engagé {format_money(Decimal('0.00'))}" not in first
