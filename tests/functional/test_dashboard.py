"""The home page as a dashboard: what needs attention, then the conventions searched and paged."""

from datetime import date
from decimal import Decimal

import pytest

from convention_manager.services import dashboard, demo


@pytest.fixture
def demo_data(db):
    demo.load()
    demo.load_accounts()
    db.session.commit()


def test_attention_lists_late_items_gaps_and_blocked_payments(app, demo_data):
    with app.app_context():
        attention = dashboard.attention(date(2025, 7, 1))

    assert [(i.reference, i.what, i.days) for i in attention.late.items] == [
        ("HAUT-RHIN-ISG-2024", "rapport d'activité", -1),
    ]
    assert attention.late.total == 1
    assert [row.convention.reference for row in attention.gaps.items] == ["HAUT-RHIN-ISG-2024"]
    assert attention.gaps.items[0].gap == Decimal("3276.00")
    # Soldes waiting for the 60 % spend attestation: Haut-Rhin 2024 and the example's 2026.
    assert [(i.reference, i.what) for i in attention.blocked.items] == [
        ("EXEMPLE-ISC-2025-2027", "solde"),
        ("HAUT-RHIN-ISG-2024", "solde"),
    ]
    assert all("attestation" in item.detail for item in attention.blocked.items)


def test_items_due_within_thirty_days_inclusive_are_upcoming(app, demo_data):
    with app.app_context():
        soon = dashboard.attention(date(2025, 5, 31)).soon

    # The financial report due the same day was already sent: only the activity report is open.
    assert [(i.reference, i.what, i.days) for i in soon.items] == [
        ("HAUT-RHIN-ISG-2024", "rapport d'activité", 30),
    ]


def test_home_shows_the_four_panels_and_the_list(client, login, demo_data):
    login("drafter")

    page = client.get("/").get_data(as_text=True)

    for heading in (
        "En retard",
        "Dans les 30 jours",
        "Financement incomplet",
        "Versements bloqués",
    ):
        assert heading in page
    assert "il manque" in page and "3\u202f276,00\xa0€" in page
    assert "attend l&#39;attestation de 60 % des dépenses" in page
    assert page.count('<th scope="row" class="ref">') == 4


@pytest.mark.parametrize(
    "query, expected",
    [
        ("q=rhin", {"BAS-RHIN-ISG-2024", "HAUT-RHIN-ISG-2024"}),
        ("q=CAUDR", {"NORD-CA2C-2023"}),
        ("statut=active", {"EXEMPLE-ISC-2025-2027"}),
        ("territoire=Nord", {"NORD-CA2C-2023"}),
        ("annee=2026", {"EXEMPLE-ISC-2025-2027"}),
        ("ecart=1", {"HAUT-RHIN-ISG-2024"}),
        ("q=rhin&ecart=1", {"HAUT-RHIN-ISG-2024"}),
        ("q=nothing-like-this", set()),
    ],
)
def test_search_and_filters(client, login, demo_data, query, expected):
    login("drafter")

    page = client.get(f"/?{query}").get_data(as_text=True)

    listed = {
        r
        for r in (
            "NORD-CA2C-2023",
            "BAS-RHIN-ISG-2024",
            "HAUT-RHIN-ISG-2024",
            "EXEMPLE-ISC-2025-2027",
        )
        if f">{r}</a></th>" in page
    }
    assert listed == expected
    if not expected:
        assert "Aucune convention ne correspond" in page


def test_pagination_splits_the_list(client, login, demo_data, monkeypatch):
    monkeypatch.setattr(dashboard, "PAGE_SIZE", 3)
    login("drafter")

    first = client.get("/").get_data(as_text=True)
    second = client.get("/?page=2").get_data(as_text=True)

    assert first.count('<th scope="row" class="ref">') == 3 and "Page 1 sur 2" in first
    assert second.count('<th scope="row" class="ref">') == 1 and "Page 2 sur 2" in second


def test_an_association_dashboard_holds_only_its_conventions(client, login, demo_data):
    login(
        "association",
        "Centre d'information sur les droits des femmes et des familles du Haut-Rhin (CIDFF 68)",
    )

    page = client.get("/").get_data(as_text=True)

    assert "HAUT-RHIN-ISG-2024" in page
    assert "NORD-CA2C-2023" not in page and "EXEMPLE-ISC-2025-2027" not in page


def test_the_filtered_conventions_export_as_xlsx_and_csv(client, login, demo_data):
    import csv
    import io
    from decimal import Decimal

    import openpyxl

    login("drafter")

    xlsx = client.get("/?q=rhin&format=xlsx")
    text = client.get("/?q=rhin&format=csv").data.decode("utf-8-sig")

    assert "attachment" in xlsx.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Référence" and len(rows) == 3
    haut_rhin = next(r for r in rows if r[0] == "HAUT-RHIN-ISG-2024")
    assert Decimal(str(haut_rhin[8])) == Decimal("3276")
    assert sheet.cell(row=2, column=7).number_format == '#,##0.00 "€"'
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert {line[0] for line in lines[1:]} == {"BAS-RHIN-ISG-2024", "HAUT-RHIN-ISG-2024"}
    assert "3276,00" in text


def test_panels_show_their_first_lines_and_count_the_others(client, login, demo_data, monkeypatch):
    monkeypatch.setattr(dashboard, "SHOWN", 1)
    login("drafter")

    page = client.get("/").get_data(as_text=True)
    blocked = page.split("Versements bloqués", 1)[1].split("</div>", 1)[0]

    # Two soldes wait for their attestation: one is shown, the other counted.
    assert '<span class="count">2</span>' in blocked
    assert blocked.count("<li>") == 1 and "… et 1 autre." in blocked


def test_a_search_for_sql_wildcards_matches_them_literally(client, login, demo_data):
    login("drafter")

    for needle in ("%25", "_", "%25rhin"):
        page = client.get(f"/?q={needle}").get_data(as_text=True)
        assert "Aucune convention ne correspond" in page, needle


def test_the_search_ignores_case_and_accents_stay_exact(client, login, demo_data):
    login("drafter")

    upper = client.get("/?q=CAUDRÉSIS").get_data(as_text=True)
    lower = client.get("/?q=caudrésis").get_data(as_text=True)

    assert ">NORD-CA2C-2023</a></th>" in upper and ">NORD-CA2C-2023</a></th>" in lower


def test_the_late_panel_shows_the_soonest_unpaid_payments_whatever_their_step(app, db, demo_data):
    # Each open step (planned, requested, ordered) is read apart on its index, then merged.
    from convention_manager.models import Obligation, Payment

    today = date(2031, 1, 1)
    dated = db.session.scalars(
        db.select(Payment).where(Payment.due.is_not(None), Payment.kind != "refund")
    ).all()
    for number, payment in enumerate(dated):
        step = ("requested", "planned", "ordered")[number % 3]
        payment.status = step  # the steps mixed along the due dates
    db.session.commit()
    pending = db.session.scalars(
        db.select(Obligation).where(Obligation.status == "pending", Obligation.due < today)
    ).all()
    soonest = sorted(  # obligations first on a tie
        [(o.due, o.convention.reference, False) for o in pending]
        + [(p.due, p.convention.reference, True) for p in dated]
    )

    with app.app_context():
        late = dashboard.attention(today, shown=6).late

    # A payment's line names its financer, an obligation's does not.
    assert [(i.due, i.reference, bool(i.detail)) for i in late.items] == soonest[:6]
    assert late.total == len(pending) + len(dated)
    assert {p.status for p in dated} == {"planned", "requested", "ordered"}


def test_the_body_is_rendered_once_per_change_of_data_scope_and_filters(
    db, client, login, demo_data, rendered
):
    from convention_manager.services import conventions

    login("drafter")
    first = client.get("/").get_data(as_text=True)
    again = client.get("/").get_data(as_text=True)
    searched = client.get("/?q=nord").get_data(as_text=True)
    once = rendered.count("home/_body.html")
    conventions.get("NORD-CA2C-2023").title = "Intervenant social, Nord (titre changé)"
    db.session.commit()
    changed = client.get("/").get_data(as_text=True)

    assert once == 2  # "/" once, kept for the second visit; the search has its own
    assert rendered.count("home/_body.html") == 3 and rendered.count("home/index.html") == 4
    assert again == first and "EXEMPLE-ISC-2025-2027" in first
    listed = searched.split('id="conventions"')[1]  # the panels do not depend on the search
    assert "EXEMPLE-ISC-2025-2027" not in listed and "NORD-CA2C-2023" in listed
    assert "titre changé" in changed and "titre changé" not in first


def test_an_association_never_gets_the_body_kept_for_another_scope(client, login, demo_data):
    login("drafter")
    everything = client.get("/").get_data(as_text=True)
    client.post("/deconnexion")
    login(
        "association",
        "Centre d'information sur les droits des femmes et des familles du Haut-Rhin (CIDFF 68)",
    )

    own = client.get("/").get_data(as_text=True)

    assert "NORD-CA2C-2023" in everything and "Votre organisation" not in everything
    assert "NORD-CA2C-2023" not in own and "HAUT-RHIN-ISG-2024" in own
    assert "Votre organisation : <strong>Centre d&#39;information" in own
