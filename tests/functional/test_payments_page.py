"""The payments page: every payment across conventions, filters, sections, pages, the finance
officer's one-step recording, scopes and exports, in a fixed number of queries."""

import csv
import io
import json
import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from convention_manager.exchange import files
from convention_manager.models import Convention, Organisation, Payment
from convention_manager.services import conventions, demo
from tests.functional.test_home import load_demo
from tests.queries import count_statements

CIDFF = "Centre d'information sur les droits des femmes et des familles du Haut-Rhin (CIDFF 68)"
HAUT_RHIN = "HAUT-RHIN-ISG-2024"


@pytest.fixture
def all_demo(db):
    """The four demo conventions with their recorded history."""
    demo.load()
    db.session.commit()


def _payment(db, reference, period, financer, kind):
    return db.session.scalars(
        db.select(Payment)
        .join(Payment.convention)
        .where(
            Payment.convention.has(reference=reference),
            Payment.period_label == period,
            Payment.financer_key == financer,
            Payment.kind == kind,
        )
    ).one()


def test_every_payment_is_listed_sorted_by_due_date(client, login, all_demo):
    login("finance")
    page = client.get("/versements").get_data(as_text=True)

    assert "21 versements" in page
    assert 'href="/conventions/HAUT-RHIN-ISG-2024"' in page
    assert "Communauté de communes Sud Alsace Largue" in page
    assert "8\u202f000,00\xa0€" in page and "versement unique" in page
    assert "à la réalisation de la condition" in page
    assert "le 16/09/2024" in page  # the ccsal payment requested
    # Known due dates first, in order: the Nord département (30/06/2023) opens the list.
    assert page.index("30/06/2023") < page.index("15/02/2024") < page.index("02/05/2024")


def test_the_fipd_solde_waits_for_the_spend_attestation(client, login, all_demo):
    login("finance")
    page = client.get("/versements?etat=waiting").get_data(as_text=True)

    assert "2 versements" in page
    assert "en attente de l'attestation de dépenses (seuil : 105\u202f930,00\xa0€)" in page
    assert "16\u202f637,50\xa0€" in page  # the Haut-Rhin FIPD solde


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("etat=requested", 1),
        ("etat=ordered", 1),
        ("etat=paid", 14),
        ("etat=upcoming", 3),
        ("annee=2024", 10),
        ("territoire=Nord", 3),
        ("reference=haut-rhin", 7),
        ("reference=haut-rhin&etat=paid", 4),
        ("annee=2024&territoire=Bas-Rhin", 3),
    ],
)
def test_filters(client, login, all_demo, query, count):
    login("finance")
    page = client.get(f"/versements?{query}").get_data(as_text=True)

    assert f"{count} versement{'s' if count > 1 else ''}" in page


def test_the_financer_filter_keeps_one_organisation_across_territories(client, db, login, all_demo):
    login("finance")
    cea = conventions.get("BAS-RHIN-ISG-2024").party("cea").organisation_id

    page = client.get(f"/versements?financeur={cea}").get_data(as_text=True)

    assert "2 versements" in page
    assert "130\u202f000,00\xa0€" in page and "71\u202f724,00\xa0€" in page


def test_too_many_financers_ask_for_a_territory_first(app, client, login, all_demo, monkeypatch):
    from convention_manager import freshness
    from convention_manager.services import payment_list

    login("finance")
    monkeypatch.setattr(payment_list, "FINANCER_CHOICES", 3)
    app.extensions["freshness"] = freshness.Store()  # the limit is read when choices are made
    cea = conventions.get("BAS-RHIN-ISG-2024").party("cea").organisation_id

    def financer_options(query):
        page = client.get(f"/versements?{query}").get_data(as_text=True)
        control = page.split('id="f-financeur"')[1].split("</select>")[0]
        return control.count("<option"), "Choisissez d'abord un territoire" in page

    everywhere, hint = financer_options("")
    kept, kept_hint = financer_options(f"financeur={cea}")
    nord, nord_hint = financer_options("territoire=Nord")
    unknown, _ = financer_options("financeur=99999999999")  # past any id: nothing to keep

    assert (everywhere, hint) == (1, True)  # "Tous" only
    assert (kept, kept_hint) == (2, True)  # "Tous" and the financer chosen stay
    assert (nord, nord_hint) == (4, False)  # the Nord's three financers, no hint
    assert unknown == 1


def test_due_now_means_a_known_date_within_30_days_and_not_paid(app, db, all_demo):
    from convention_manager.services import payment_list

    rows = payment_list.all_rows(today=date(2026, 4, 1))
    due = [r for r in rows if r.due_now]

    # The 2026 FIPD acompte (due 15/04/2026, ordered) is due; what is paid never is.
    assert [(r.convention.reference, r.payment.kind, r.payment.period_label) for r in due] == [
        ("EXEMPLE-ISC-2025-2027", "advance", "2026")
    ]


def test_pagination_50_a_page(client, db, login, all_demo, monkeypatch):
    from convention_manager.services import payment_list

    monkeypatch.setattr(payment_list, "PAGE_SIZE", 5)
    login("finance")

    first = client.get("/versements").get_data(as_text=True)
    last = client.get("/versements?page=5").get_data(as_text=True)
    beyond = client.get("/versements?page=99").get_data(as_text=True)

    assert "page 1 sur 5" in first and "Page suivante" in first
    assert first.count('<th scope="row" class="ref">') == 5
    assert last.count('<th scope="row" class="ref">') == 1 and "Page précédente" in last
    assert "page 5 sur 5" in beyond
    assert payment_list.Filters().args(page=2) == {"page": 2}


def test_a_finance_user_records_a_requested_payment_as_paid(client, db, login, cli, all_demo):
    login("finance")
    payment = _payment(db, HAUT_RHIN, "2024", "ccsal", "single")
    back = "/versements?reference=HAUT&etat=requested"

    response = client.post(
        f"/versements/{payment.id}",
        data={"status": "paid", "on": "15/10/2024", "back": back},
    )

    assert response.status_code == 302 and response.location == back
    page = client.get(response.location).get_data(as_text=True)
    assert "enregistré comme payé le 15/10/2024" in page
    assert "Communauté de communes Sud Alsace Largue" in page
    listed = client.get("/versements?reference=HAUT&etat=paid").get_data(as_text=True)
    assert "le 15/10/2024" in listed
    report = json.loads(cli("schedule", HAUT_RHIN, "--json").stdout)
    (ccsal,) = [p for p in report["payments"] if p["financer"] == "ccsal"]
    assert ccsal["status"] == "paid" and ccsal["paid"] == "2024-10-15"
    assert ccsal["requested"] == "2024-09-16"


def test_a_date_before_the_request_is_refused_and_changes_nothing(client, db, login, all_demo):
    login("finance")
    payment = _payment(db, HAUT_RHIN, "2024", "ccsal", "single")

    response = client.post(f"/versements/{payment.id}", data={"status": "paid", "on": "01/09/2024"})

    page = client.get(response.location).get_data(as_text=True)
    assert "la date du 01/09/2024 précède l&#39;étape précédente (le 16/09/2024)" in page
    db.session.expire_all()
    stored = _payment(db, HAUT_RHIN, "2024", "ccsal", "single")
    assert stored.status == "requested" and stored.paid_on is None


def test_a_step_already_reached_and_a_bad_date_are_refused(client, db, login, all_demo):
    login("finance")
    payment = _payment(db, HAUT_RHIN, "2024", "ccsal", "single")

    again = client.post(
        f"/versements/{payment.id}", data={"status": "requested", "on": "20/09/2024"}
    )
    assert "déjà à l&#39;état « demandé »" in client.get(again.location).get_data(as_text=True)
    typo = client.post(f"/versements/{payment.id}", data={"status": "paid", "on": "31/02/2024"})
    assert "Date invalide" in client.get(typo.location).get_data(as_text=True)
    db.session.expire_all()
    assert _payment(db, HAUT_RHIN, "2024", "ccsal", "single").status == "requested"


def test_the_return_address_never_leaves_the_list(client, db, login, all_demo):
    login("finance")
    payment = _payment(db, HAUT_RHIN, "2024", "wintzenheim", "single")

    response = client.post(
        f"/versements/{payment.id}",
        data={"status": "requested", "on": "2024-10-01", "back": "https://example.org/"},
    )

    assert response.location == "/versements"


@pytest.mark.parametrize("role", ["drafter", "association"])
def test_drafters_and_associations_see_no_forms_and_cannot_post(client, db, login, all_demo, role):
    login(role, CIDFF if role == "association" else None)
    payment = _payment(db, HAUT_RHIN, "2024", "ccsal", "single")

    page = client.get("/versements").get_data(as_text=True)
    response = client.post(f"/versements/{payment.id}", data={"status": "paid", "on": "15/10/2024"})

    assert "Versements" in page and "Enregistrer une étape" not in page
    assert response.status_code == 403
    db.session.expire_all()
    assert _payment(db, HAUT_RHIN, "2024", "ccsal", "single").status == "requested"


def test_an_association_sees_only_its_conventions_payments(client, login, all_demo):
    login("association", CIDFF)
    page = client.get("/versements").get_data(as_text=True)

    assert "HAUT-RHIN-ISG-2024" in page
    assert "BAS-RHIN-ISG-2024" not in page and "NORD-CA2C-2023" not in page
    assert "7 versements" in page
    csv_text = client.get("/versements?format=csv").data.decode("utf-8-sig")
    assert "BAS-RHIN" not in csv_text and csv_text.count("HAUT-RHIN-ISG-2024") == 7


def test_the_menu_shows_versements_to_every_role(client, login, all_demo):
    login("association", CIDFF)
    page = client.get("/").get_data(as_text=True)

    assert 'href="/versements"' in page and 'href="/portefeuille"' not in page


def test_the_list_issues_the_same_number_of_queries_for_one_or_all_conventions(client, db, login):
    login("finance")
    load_demo(db, "nord-ca2c-2023.yaml")
    one = count_statements(db, client, "/versements")
    demo.load()
    db.session.commit()
    every = count_statements(db, client, "/versements")

    assert one == every <= 8


def test_exports_keep_the_filters(client, login, all_demo):
    login("finance")

    csv_response = client.get("/versements?etat=paid&annee=2024&format=csv")
    xlsx_response = client.get("/versements?etat=paid&annee=2024&format=xlsx")

    assert csv_response.mimetype == "text/csv"
    assert csv_response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(csv_response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Convention", "Territoire", "Période"]
    assert len(rows) == 1 + 7
    cea = next(r for r in rows if r[5] == "130000,00")
    assert cea[7] == "15/02/2024" and cea[8] == "payé" and cea[9] == "15/03/2024"
    sheet = load_workbook(io.BytesIO(xlsx_response.data)).active
    assert sheet.max_row == 1 + 7
    assert sheet["F2"].number_format == '#,##0.00 "€"'
    page = client.get("/versements?etat=paid&annee=2024").get_data(as_text=True)
    assert "format=xlsx" in page and "etat=paid" in page


# The list's rules restated over every payment in Python, as the page computed them before the
# database did: the SQL must agree with them row for row.
def _every_payment(db, today, scope=None):
    rows = []
    for convention in db.session.scalars(db.select(Convention).order_by(Convention.id)):
        if scope is not None and all(p.organisation_id != scope for p in convention.parties):
            continue
        for payment in convention.payments:
            party = convention.party(payment.financer_key)
            period = next((p for p in convention.periods if p.label == payment.period_label), None)
            received = any(
                o.kind == "fipd_spend_attestation"
                and o.subject == payment.period_label
                and o.status == "received"
                for o in convention.obligations
            )
            situation = payment.status
            if situation == "planned":
                waiting = payment.spend_threshold is not None and not received
                situation = "waiting" if waiting else "upcoming"
            rows.append(
                {
                    "id": payment.id,
                    "payment": payment,
                    "reference": convention.reference,
                    "territory": convention.territory,
                    "financer_id": party.organisation_id if party else 0,
                    "financer_name": party.organisation.name if party else payment.financer_key,
                    "year": (period.start if period else convention.start).year,
                    "situation": situation,
                    "due_now": payment.status != "paid"
                    and payment.due is not None
                    and payment.due <= today + timedelta(days=30),
                }
            )
    return rows


def _in_section(row, key):
    if key == "due":
        return row["due_now"]
    if key == "open":
        return row["situation"] != "paid" and row["payment"].kind != "refund"
    return row["situation"] == key


def _kept(row, filters):
    return (
        (filters.financer is None or row["financer_id"] == filters.financer)
        and (not filters.territory or row["territory"] == filters.territory)
        and (filters.year is None or row["year"] == filters.year)
        and (not filters.search or filters.search.lower() in row["reference"].lower())
    )


def _python_order(rows):
    return sorted(
        rows,
        key=lambda r: (
            r["payment"].due is None,
            r["payment"].due or date.max,
            r["reference"],
            r["payment"].period_label,
            r["financer_name"],
            r["payment"].kind,
            r["payment"].tranche,
        ),
    )


@pytest.fixture
def more_data(db, all_demo):
    """The demo, three unsigned copies of Haut-Rhin (their payments tie on every date), one
    with its FIPD spend attestation received (its solde no longer waits), and two payments an
    avenant would leave behind: one whose party is gone, one whose period is."""
    from convention_manager.services import lifecycle
    from tests.conftest import DEMO

    raw = files.read(DEMO / "haut-rhin-2024.yaml")[0]
    copies = conventions.import_all([dict(raw, reference=f"COPIE-{n}-HAUT-RHIN") for n in range(3)])
    for status, on in (("sent", date(2024, 9, 20)), ("received", date(2024, 9, 30))):
        lifecycle.record_obligation(copies[2], "fipd_spend_attestation", "2024", status, on)
    db.session.commit()
    gone_party = _payment(db, "COPIE-0-HAUT-RHIN", "2024", "caf", "single")
    gone_period = _payment(db, "COPIE-1-HAUT-RHIN", "2024", "m2a", "single")
    db.session.execute(
        db.update(Payment).where(Payment.id == gone_party.id).values(financer_key="ancien")
    )
    db.session.execute(
        db.update(Payment).where(Payment.id == gone_period.id).values(period_label="2023")
    )
    db.session.commit()
    db.session.expire_all()


def _filter_sets(db):
    cea = conventions.get("BAS-RHIN-ISG-2024").party("cea").organisation_id
    return [
        {},
        {"territory": "Haut-Rhin"},
        {"year": 2024},
        {"year": 2023},
        {"search": "rhin"},
        {"search": "copie", "year": 2024},
        {"financer": cea},
        {"financer": 0},
        {"territory": "Haut-Rhin", "year": 2024, "search": "HAUT"},
    ]


@pytest.mark.parametrize("today", [date(2024, 4, 1), date(2026, 4, 1)])
@pytest.mark.parametrize("scoped", [False, True])
def test_counts_per_section_match_a_count_over_every_payment(app, db, more_data, today, scoped):
    from convention_manager.services import payment_list

    scope = _organisation_id(db, CIDFF) if scoped else None
    every = _every_payment(db, today, scope)

    for values in _filter_sets(db):
        filters = payment_list.Filters(**values)
        kept = [r for r in every if _kept(r, filters)]
        listing = payment_list.listing(today, filters, scope)

        expected = {key: sum(_in_section(r, key) for r in kept) for key in payment_list.SITUATIONS}
        assert listing.counts == expected, values
        assert listing.total == len(kept), values
        for key in (*payment_list.SITUATIONS, "open"):
            section = payment_list.listing(today, replace(filters, situation=key), scope)
            assert section.total == sum(_in_section(r, key) for r in kept), (values, key)
    # The copies name the CIDFF too: the party and the period gone are in both scopes.
    assert [r["financer_name"] for r in every if r["financer_id"] == 0] == ["ancien"]
    assert any(r["payment"].period_label == "2023" and r["year"] == 2024 for r in every)
    assert any(r["payment"].spend_threshold and r["situation"] == "upcoming" for r in every)


def test_the_order_is_a_python_sort_of_every_row(app, db, more_data):
    from convention_manager.services import payment_list

    today = date(2026, 4, 1)
    rows = payment_list.all_rows(today)
    expected = _python_order(_every_payment(db, today))

    assert [r.payment.id for r in rows] == [r["id"] for r in expected]
    assert [(r.financer_id, r.financer_name, r.year, r.situation) for r in rows] == [
        (r["financer_id"], r["financer_name"], r["year"], r["situation"]) for r in expected
    ]


def test_pages_cut_the_same_order(client, db, login, more_data, monkeypatch):
    from convention_manager.services import payment_list

    monkeypatch.setattr(payment_list, "PAGE_SIZE", 5)
    login("finance")
    expected = [r["id"] for r in _python_order(_every_payment(db, date.today()))]
    last = -(-len(expected) // 5)

    def shown(query):
        page = client.get(f"/versements?{query}").get_data(as_text=True)
        return [int(i) for i in re.findall(r'action="/versements/(\d+)"', page)], page

    # Only the rows with a next step carry a form: compare with those.
    steps = {r.payment.id for r in payment_list.all_rows(date.today()) if r.next_steps}
    second, second_page = shown("page=2")
    final, final_page = shown(f"page={last}")
    beyond, beyond_page = shown(f"page={last + 10}")

    assert second == [i for i in expected[5:10] if i in steps]
    assert final == [i for i in expected[(last - 1) * 5 :] if i in steps]
    assert beyond == final and f"page {last} sur {last}" in beyond_page
    assert "Page suivante" not in final_page and "Page précédente" in final_page
    assert f"page 2 sur {last}" in second_page
    listed = payment_list.listing(date.today(), payment_list.Filters(page=last + 10))
    assert listed.page == last and [r.payment.id for r in listed.rows] == expected[(last - 1) * 5 :]


def test_the_financer_and_year_choices_are_those_of_the_payments(app, db, all_demo):
    from convention_manager.services import payment_list

    every = _every_payment(db, date.today())
    listing = payment_list.listing(date.today(), payment_list.Filters())

    assert listing.financers == sorted({(r["financer_name"], r["financer_id"]) for r in every})
    years = {r["year"] for r in every}
    assert listing.years == list(range(max(years), min(years) - 1, -1))  # each, latest first
    assert listing.territories == sorted({r["territory"] for r in every})


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("reference=HaUt-RhIn", 7),
        ("reference=%25", 0),  # a LIKE wildcard typed in the box is a plain character
        ("reference=_", 0),
        ("annee=99999", 0),
        ("financeur=99999999999999999999", 0),
        ("page=99999999999999999999", 21),
    ],
)
def test_odd_filters_find_what_they_say(client, login, all_demo, query, count):
    login("finance")
    response = client.get(f"/versements?{query}")

    assert response.status_code == 200
    assert f"{count} versement{'s' if count > 1 else ''}" in response.get_data(as_text=True)


def test_the_open_filter_lists_what_is_still_to_pay_refunds_aside(client, login, all_demo):
    login("finance")
    page = client.get("/versements?etat=open").get_data(as_text=True)

    assert "7 versements · à verser (hors reversements)" in page
    assert "le 15/03/2024" not in page  # a paid one
    assert 'aria-current="page"' not in page.split('class="sections"')[1].split("</nav>")[0]


@pytest.mark.parametrize(
    "query", ["etat=waiting&annee=2024", "reference=rhin&etat=due", "territoire=Nord&page=2"]
)
def test_filtered_pages_issue_as_many_queries_for_few_rows_as_for_many(client, db, login, query):
    from tests.conftest import DEMO

    login("finance")
    load_demo(db, "haut-rhin-2024.yaml")
    few = count_statements(db, client, f"/versements?{query}")
    raw = files.read(DEMO / "haut-rhin-2024.yaml")[0]
    conventions.import_all([dict(raw, reference=f"COPIE-{n}") for n in range(5)])
    demo.load()
    db.session.commit()
    many = count_statements(db, client, f"/versements?{query}")

    assert few == many <= 8


def _organisation_id(db, name):
    return db.session.scalars(db.select(Organisation.id).where(Organisation.name == name)).one()
