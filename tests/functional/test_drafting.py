"""The drafter's pages: create through the guided form, preview, edit, avenant, renew, status."""

import re
from datetime import date

import pytest
import yaml

from convention_manager.models import Convention
from convention_manager.services import conventions, lifecycle, reports
from tests.conftest import DEMO

NEW = "/conventions/nouvelle"
CA2C_PARTIES = [
    ("etat", "state", "État, préfecture du Nord", "Georges-François Leclerc",
     "Préfet de la région Hauts-de-France, préfet du Nord", ""),
    ("nord", "department", "Département du Nord", "Christian Poiret",
     "Président du Conseil départemental", ""),
    ("ca2c", "epci", "Communauté d'agglomération du Caudrésis et du Catésis",
     "Représentant de la CA2C", "Président de la communauté d'agglomération", ""),
    ("gendarmerie", "gendarmerie", "Groupement de gendarmerie départementale du Nord",
     "Commandant du groupement", "Commandant du groupement de gendarmerie départementale du Nord",
     ""),
    ("asso", "association", "Association employeuse", "Président de l'association", "Président",
     "FR76 3000 6000 0112 3456 7890 189"),
]  # fmt: skip


def ca2c_form(**overrides):
    """The form fields of the Nord / CA2C convention, typed the French way."""
    data = {
        "reference": "NORD-CA2C-2023",
        "title": "Intervenant social en gendarmerie, compagnies du Caudrésis et du Catésis",
        "post_kind": "ISG",
        "posts": "1",
        "fte": "1",
        "territory": "Nord",
        "start": "01/07/2023",
        "end": "31/12/2023",
        "financial_year_end": "31/12",
        "court": "Tribunal administratif de Lille",
        "employer": "asso",
        "functional_authority": "gendarmerie",
        "salary": "19 000",
        "travel": "1 500,00",
        "training": "500",
        "admin_fees": "1\u202f500 €",
        "action": "save",
    }
    for i, (key, kind, name, representative, title, iban) in enumerate(CA2C_PARTIES):
        data.update(
            {
                f"parties-{i}-key": key,
                f"parties-{i}-kind": kind,
                f"parties-{i}-name": name,
                f"parties-{i}-representative": representative,
                f"parties-{i}-title": title,
                f"parties-{i}-siret": "",
                f"parties-{i}-iban": iban,
            }
        )
    data.update({"parties-5-key": "", "parties-5-name": "", "parties-5-kind": ""})  # a blank row
    for i, (financer, fund, cap) in enumerate(
        (("etat", "FIPD", ""), ("nord", "", ""), ("ca2c", "", "7 500"))
    ):
        data.update(
            {
                f"funding-{i}-financer": financer,
                f"funding-{i}-fund": fund,
                f"funding-{i}-share": "1/3",
                f"funding-{i}-amount": "",
                f"funding-{i}-cap": cap,
                f"funding-{i}-requested": "",
                f"funding-{i}-voted": "",
            }
        )
    data.update(overrides)
    return data


@pytest.fixture
def drafter(client, login):
    login("drafter")
    return client


def _count(db):
    return db.session.scalar(db.select(db.func.count()).select_from(Convention))


def test_the_blank_form_offers_rows_and_known_organisations(drafter, db, cli):
    cli("import", DEMO / "haut-rhin-2024.yaml")
    page = drafter.get(NEW).get_data(as_text=True)

    assert "Nouvelle convention" in page
    assert 'name="parties-4-key"' in page and 'name="funding-2-share"' in page
    assert '<datalist id="organisations">' in page and "Centre d&#39;information" in page
    assert "Ajouter une ligne" in page and "Calculer" in page


def test_creating_ca2c_through_the_form_gives_the_command_line_schedule(
    drafter, db, cli, example_file
):
    response = drafter.post(NEW, data=ca2c_form())

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/conventions/NORD-CA2C-2023")
    through_form = reports.schedule(conventions.get("NORD-CA2C-2023"))
    assert through_form["shares"][2] == {
        "financer": "ca2c",
        "amount": "7500.00",
        "percent": "33.33",
    }
    assert (
        conventions.get("NORD-CA2C-2023").party("asso").organisation.iban
        == "FR7630006000011234567890189"
    )

    db.session.delete(conventions.get("NORD-CA2C-2023"))
    db.session.commit()
    assert cli("import", example_file).exit_code == 0
    assert reports.schedule(conventions.get("NORD-CA2C-2023")) == through_form


def test_french_amounts_and_dates_are_read(drafter, db):
    drafter.post(NEW, data=ca2c_form(salary="19\u00a0000,00", start="1/7/2023"))
    convention = conventions.get("NORD-CA2C-2023")

    assert convention.start == date(2023, 7, 1)
    assert convention.periods[0].costs[0].amount == 19000


def test_a_bad_iban_reshows_the_form_with_the_message_next_to_the_field(drafter, db):
    response = drafter.post(NEW, data=ca2c_form(**{"parties-4-iban": "FR76 0000"}))
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert _count(db) == 0
    assert 'id="parties-4-iban-errors"' in page
    assert "IBAN invalide « FR76 0000 »" in page
    assert 'value="Tribunal administratif de Lille"' in page  # what was typed is shown again
    assert 'value="7 500"' in page


def test_a_badly_typed_amount_and_date_are_marked_and_nothing_is_stored(drafter, db):
    page = drafter.post(NEW, data=ca2c_form(salary="19 000 euros", end="31/13/2023")).get_data(
        as_text=True
    )

    assert _count(db) == 0
    assert 'id="salary-errors"' in page and "Montant invalide" in page
    assert 'id="end-errors"' in page and "Date invalide" in page


def test_preview_shows_shares_and_the_gap_of_a_capped_line(drafter, db):
    data = ca2c_form(action="preview", **{"funding-2-cap": "5 000"})
    page = drafter.post(NEW, data=data).get_data(as_text=True)

    assert _count(db) == 0
    assert "Financement incomplet : il manque 2\u202f500,00\xa0€" in page
    assert page.count("7\u202f500,00\xa0€") >= 2 and "5\u202f000,00\xa0€" in page
    assert "plafonné" in page and "33,33\xa0%" in page
    assert "versement unique" in page  # the payment schedule
    assert "warning-financing_gap" in page


def test_preview_names_the_allowed_admin_fees_when_out_of_range(drafter, db):
    page = drafter.post(NEW, data=ca2c_form(action="preview", admin_fees="100")).get_data(
        as_text=True
    )

    assert "hors de la fourchette" in page
    assert "Financement complet" in page


def test_add_a_row_keeps_what_was_typed(drafter, db):
    page = drafter.post(NEW, data=ca2c_form(action="add_funding")).get_data(as_text=True)

    assert 'name="funding-3-share"' in page and 'name="funding-4-share"' not in page
    assert _count(db) == 0
    assert 'value="Association employeuse"' in page


def test_a_reference_already_used_is_refused(drafter, db, cli, example_file):
    cli("import", example_file)
    page = drafter.post(NEW, data=ca2c_form(title="Autre")).get_data(as_text=True)

    assert "une convention porte déjà cette référence" in page
    assert conventions.get("NORD-CA2C-2023").title != "Autre"


def test_edit_a_draft(drafter, db, cli, example_file):
    cli("import", example_file)
    page = drafter.get("/conventions/NORD-CA2C-2023/modifier").get_data(as_text=True)
    assert 'value="19\u202f000,00"' in page and 'value="01/07/2023"' in page

    response = drafter.post(
        "/conventions/NORD-CA2C-2023/modifier", data=ca2c_form(territory="Nord (Cambrésis)")
    )

    assert response.status_code == 302
    assert conventions.get("NORD-CA2C-2023").territory == "Nord (Cambrésis)"


def test_editing_a_signed_convention_offers_an_avenant(drafter, db, cli, example_file):
    cli("import", example_file)
    lifecycle.change_status(conventions.get("NORD-CA2C-2023"), "signed", date(2023, 6, 30))
    db.session.commit()

    response = drafter.get("/conventions/NORD-CA2C-2023/modifier")

    assert response.headers["Location"].endswith("/conventions/NORD-CA2C-2023/avenant")


def test_avenant_changing_a_share_and_the_end_date(drafter, db, cli, example_file):
    cli("import", example_file)
    lifecycle.change_status(conventions.get("NORD-CA2C-2023"), "signed", date(2023, 6, 30))
    db.session.commit()
    url = "/conventions/NORD-CA2C-2023/avenant"
    assert 'value="Département du Nord"' in drafter.get(url).get_data(as_text=True)
    data = ca2c_form(
        end="31/01/2024",
        requested="02/10/2023",
        signed="15/11/2023",
        **{"funding-1-share": "30 %"},
    )

    page = drafter.post(url, data=dict(data, action="changes")).get_data(as_text=True)
    assert "Changements apportés par l'avenant" in page
    assert "2024-01-31" in page and "30 %" in page
    assert conventions.get("NORD-CA2C-2023").avenants == []  # only shown

    response = drafter.post(url, data=dict(data, action="confirm"))
    assert response.status_code == 302
    convention = conventions.get("NORD-CA2C-2023")
    assert [a.number for a in convention.avenants] == [1]
    assert convention.end == date(2024, 1, 31)
    assert convention.avenants[0].answer_due == date(2023, 12, 2)
    page = drafter.get("/conventions/NORD-CA2C-2023").get_data(as_text=True)
    assert "/conventions/NORD-CA2C-2023/avenants/1.docx" in page


def test_renew_is_refused_while_the_financial_report_is_missing(drafter, db, cli, example_file):
    cli("import", example_file)

    page = drafter.post(
        "/conventions/NORD-CA2C-2023/renouveler",
        data={"reference": "NORD-CA2C-2024", "start": "", "end": ""},
        follow_redirects=True,
    ).get_data(as_text=True)

    assert "Renouvellement impossible" in page and "compte rendu financier" in page
    assert conventions.find("NORD-CA2C-2024") is None


def test_renew_copies_as_a_new_draft_for_the_next_period(drafter, db, cli, example_file):
    cli("import", example_file)
    convention = conventions.get("NORD-CA2C-2023")
    lifecycle.record_obligation(
        convention, "financial_report", "2023-12-31", "sent", date(2024, 6, 1)
    )
    db.session.commit()
    page = drafter.get("/conventions/NORD-CA2C-2023").get_data(as_text=True)
    assert 'value="NORD-CA2C-2024"' in page and 'value="30/06/2024"' in page

    response = drafter.post(
        "/conventions/NORD-CA2C-2023/renouveler",
        data={"reference": "NORD-CA2C-2024", "start": "01/01/2024", "end": "30/06/2024"},
    )

    assert response.headers["Location"].endswith("/conventions/NORD-CA2C-2024/modifier")
    renewed = conventions.get("NORD-CA2C-2024")
    assert (renewed.start, renewed.end, renewed.status) == (
        date(2024, 1, 1),
        date(2024, 6, 30),
        "draft",
    )
    assert [p.key for p in renewed.parties] == ["etat", "nord", "ca2c", "gendarmerie", "asso"]
    assert renewed.employer.key == "asso"
    assert (
        reports.schedule(renewed)["shares"]
        == reports.schedule(conventions.get("NORD-CA2C-2023"))["shares"]
    )
    assert renewed.periods[0].label == "2024"


def test_status_moves_and_termination_with_refunds(drafter, db, cli, example_file):
    cli("import", example_file)
    base = "/conventions/NORD-CA2C-2023"
    drafter.post(f"{base}/statut", data={"status": "signed", "on": "30/06/2023"})
    drafter.post(f"{base}/statut", data={"status": "active", "on": "01/07/2023"})
    convention = conventions.get("NORD-CA2C-2023")
    assert (convention.status, convention.activated_on) == ("active", date(2023, 7, 1))
    etat = next(p for p in convention.payments if p.financer_key == "etat")
    lifecycle.record_payment(convention, etat.key, "paid", date(2023, 8, 1))
    db.session.commit()

    response = drafter.post(f"{base}/resiliation", data={"formal_notice": "02/08/2023"})
    convention = conventions.get("NORD-CA2C-2023")

    assert (convention.status, convention.terminated_on) == ("terminated", date(2023, 10, 2))
    refunds = [p for p in convention.payments if p.kind == "refund"]
    assert [(p.financer_key, str(p.amount)) for p in refunds] == [("etat", "3668.48")]
    page = drafter.get(response.headers["Location"]).get_data(as_text=True)
    assert "résiliée au 02/10/2023" in page and "3\u202f668,48\xa0€" in page


def test_a_wrong_status_move_changes_nothing(drafter, db, cli, example_file):
    cli("import", example_file)
    page = drafter.post(
        "/conventions/NORD-CA2C-2023/statut",
        data={"status": "ended", "on": "31/12/2023"},
        follow_redirects=True,
    ).get_data(as_text=True)

    assert "Statut inchangé" in page
    assert conventions.get("NORD-CA2C-2023").status == "draft"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", NEW),
        ("post", NEW),
        ("get", "/conventions/NORD-CA2C-2023/modifier"),
        ("post", "/conventions/NORD-CA2C-2023/modifier"),
        ("get", "/conventions/NORD-CA2C-2023/avenant"),
        ("post", "/conventions/NORD-CA2C-2023/avenant"),
        ("post", "/conventions/NORD-CA2C-2023/renouveler"),
        ("post", "/conventions/NORD-CA2C-2023/statut"),
        ("post", "/conventions/NORD-CA2C-2023/resiliation"),
    ],
)
def test_a_finance_user_may_not_draft(client, login, cli, example_file, method, path):
    cli("import", example_file)
    login("finance")

    assert getattr(client, method)(path).status_code == 403


def test_the_menu_and_the_panel_show_for_drafters_only(client, login, cli, example_file):
    cli("import", example_file)
    login("finance")
    page = client.get("/conventions/NORD-CA2C-2023").get_data(as_text=True)

    assert "Nouvelle convention" not in page and "Renouveler" not in page


# A convention financed year by year: the demo's 3-year 80/50/30 % example, typed in the form.
YEARLY = DEMO / "exemple-pluriannuel-2025.yaml"
YEARLY_REFERENCE = "FORM-ISC-2025-2027"


def _yearly_file(reference=YEARLY_REFERENCE):
    mapping = yaml.safe_load(YEARLY.read_text(encoding="utf-8"))
    return dict(mapping, reference=reference)


def _value(page, name):
    """The value shown in the text input named `name`."""
    match = re.search(rf'<input [^>]*name="{name}" [^>]*value="([^"]*)"', page)
    return match and match.group(1)


def _french(amount):
    return f"{amount:,}".replace(",", " ") + ",00"


def yearly_form(**overrides):
    """The form fields of the demo's yearly convention (new reference), financed "par année"."""
    mapping = _yearly_file()
    data = {
        "reference": YEARLY_REFERENCE,
        "title": mapping["title"],
        "post_kind": mapping["post_kind"],
        "posts": "1",
        "fte": "1",
        "territory": mapping["territory"],
        "start": "01/01/2025",
        "end": "31/12/2027",
        "financial_year_end": "31/12",
        "court": mapping["court"],
        "employer": "asso",
        "functional_authority": "police",
        "financing": "periods",
        "action": "save",
    }
    for i, party in enumerate(mapping["parties"]):
        for key in ("key", "kind", "name", "representative", "title", "siret", "iban"):
            data[f"parties-{i}-{key}"] = party.get(key, "")
    for i, period in enumerate(mapping["periods"]):
        year = period["label"]
        data.update(
            {
                f"periods-{i}-label": year,
                f"periods-{i}-start": f"01/01/{year}",
                f"periods-{i}-end": f"31/12/{year}",
            }
        )
        for kind, amount in period["costs"].items():
            data[f"periods-{i}-{kind}"] = _french(amount)
        for j, line in enumerate(period["funding"]):
            prefix = f"periods-{i}-funding-{j}"
            data.update(
                {
                    f"{prefix}-financer": line["financer"],
                    f"{prefix}-fund": line.get("fund", ""),
                    f"{prefix}-share": line["share"].replace("%", " %"),
                    f"{prefix}-amount": "",
                }
            )
        data[f"periods-{i}-funding-2-financer"] = ""  # a blank line in each period
    data.update(overrides)
    return data


def test_creating_the_yearly_convention_through_the_form_gives_the_import_schedule(drafter, db):
    response = drafter.post(NEW, data=yearly_form())

    assert response.status_code == 302, response.get_data(as_text=True)
    convention = conventions.get(YEARLY_REFERENCE)
    assert [p.label for p in convention.periods] == ["2025", "2026", "2027"]
    through_form = reports.schedule(convention)
    assert [s["percent"] for s in through_form["periods"][0]["shares"]] == ["80.00", "20.00"]
    assert [s["percent"] for s in through_form["periods"][2]["shares"]] == ["30.00", "70.00"]

    db.session.delete(convention)
    db.session.commit()
    assert _count(db) == 0
    conventions.import_all([_yearly_file()])
    db.session.commit()
    assert reports.schedule(conventions.get(YEARLY_REFERENCE)) == through_form


def test_preview_of_the_yearly_convention_shows_each_period_and_the_totals(drafter, db):
    page = drafter.post(NEW, data=yearly_form(action="preview")).get_data(as_text=True)

    assert _count(db) == 0
    assert "Financement complet : 183\u202f400,00\xa0€" in page
    for year in ("2025", "2026", "2027"):
        assert f"Répartition de la période {year}" in page
        assert f"Versements de la période {year}" in page
    assert "48\u202f000,00\xa0€" in page  # 80 % of 60 000 in 2025
    assert "Total de la convention" in page and 'id="apercu-total"' in page
    assert "7,50\xa0%" in page  # 2025's admin fees: 4 500 of 60 000
    assert "acompte" in page and "solde" in page


def test_split_by_year_gives_one_period_a_year(drafter, db):
    data = {
        k: v for k, v in yearly_form(action="split_years").items() if not k.startswith("periods")
    }
    data.update({"financing": "single", "funding-0-financer": "etat", "funding-0-fund": "FIPD"})
    page = drafter.post(NEW, data=data).get_data(as_text=True)

    assert _count(db) == 0
    for i, year in enumerate(("2025", "2026", "2027")):
        assert _value(page, f"periods-{i}-label") == f"{year}"
        assert _value(page, f"periods-{i}-start") == f"01/01/{year}"
        assert _value(page, f"periods-{i}-end") == f"31/12/{year}"
    assert 'name="periods-3-label"' not in page
    assert 'id="periods" class="financing-mode-section">' in page  # shown, not hidden
    assert re.search(r'<input checked [^>]*name="financing" type="radio" value="periods">', page)
    assert '<option selected value="etat">' in page.split('name="periods-2-funding-0-financer"')[1]


def test_split_by_year_without_dates_says_what_is_missing(drafter, db):
    page = drafter.post(NEW, data=yearly_form(action="split_years", start="")).get_data(
        as_text=True
    )

    assert "saisissez d&#39;abord les dates de début et de fin" in page


def test_add_a_funding_line_to_one_period(drafter, db):
    page = drafter.post(NEW, data=yearly_form(action="add_period_funding-1")).get_data(as_text=True)

    assert 'name="periods-1-funding-3-share"' in page
    assert 'name="periods-0-funding-3-share"' not in page
    assert 'name="periods-3-label"' not in page


def test_an_error_in_the_second_period_s_share_is_shown_next_to_it(drafter, db):
    data = yearly_form(**{"periods-1-funding-0-share": "cinquante"})
    response = drafter.post(NEW, data=data)
    page = response.get_data(as_text=True)

    assert response.status_code == 200 and _count(db) == 0
    assert 'id="periods-1-funding-0-share-errors"' in page
    assert "période 2026, financement ligne 1, Part" in page
    assert 'href="#periods-1-funding-0-share"' in page
    assert 'id="periods-0-funding-0-share-errors"' not in page


def test_a_badly_typed_period_amount_is_marked(drafter, db):
    page = drafter.post(NEW, data=yearly_form(**{"periods-2-salary": "54 000 euros"})).get_data(
        as_text=True
    )

    assert _count(db) == 0
    assert 'id="periods-2-salary-errors"' in page and "Montant invalide" in page


def test_single_period_fields_typed_wrong_do_not_block_a_yearly_convention(drafter, db):
    response = drafter.post(NEW, data=yearly_form(salary="n'importe quoi"))

    assert response.status_code == 302
    assert len(conventions.get(YEARLY_REFERENCE).periods) == 3


def test_editing_a_yearly_draft_shows_and_changes_its_periods(drafter, db):
    drafter.post(NEW, data=yearly_form())
    url = f"/conventions/{YEARLY_REFERENCE}/modifier"
    page = drafter.get(url).get_data(as_text=True)
    assert _value(page, "periods-2-label") == "2027"
    assert 'value="54\u202f000,00"' in page
    assert "conservés tels quels" not in page

    too_much = yearly_form(**{"periods-2-funding-0-share": "40 %"})
    page = drafter.post(url, data=too_much).get_data(as_text=True)
    assert "période 2027 — les financements (68 530,00 €) dépassent" in page
    card = page.split('id="periode-2"')[1].split("</legend>")[1]
    assert card.lstrip().startswith('<p class="errors section-error" role="alert">')

    response = drafter.post(url, data=dict(too_much, **{"periods-2-funding-1-share": "60 %"}))

    assert response.status_code == 302
    shares = reports.schedule(conventions.get(YEARLY_REFERENCE))["periods"][2]["shares"]
    assert [s["percent"] for s in shares] == ["40.00", "60.00"]


def test_an_avenant_on_the_demo_yearly_convention_shows_its_three_periods(drafter, db):
    conventions.import_all([yaml.safe_load(YEARLY.read_text(encoding="utf-8"))])
    lifecycle.change_status(conventions.get("EXEMPLE-ISC-2025-2027"), "signed", date(2024, 12, 1))
    db.session.commit()
    url = "/conventions/EXEMPLE-ISC-2025-2027/avenant"

    page = drafter.get(url).get_data(as_text=True)

    assert "conservés tels quels" not in page
    for i, year in enumerate(("2025", "2026", "2027")):
        assert _value(page, f"periods-{i}-label") == f"{year}"
    assert 'name="periods-3-label"' not in page
    assert 'value="30%"' in page and 'value="4\u202f700,00"' in page

    data = yearly_form(
        reference="EXEMPLE-ISC-2025-2027",
        requested="02/03/2025",
        action="changes",
        **{"periods-2-funding-0-share": "40 %", "periods-2-funding-1-share": "60 %"},
    )
    page = drafter.post(url, data=data).get_data(as_text=True)
    assert "Changements apportés par l'avenant" in page
    assert "40 %" in page
