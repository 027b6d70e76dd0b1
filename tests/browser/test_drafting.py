"""Drafting in a real browser: the guided form of a new convention, its preview, saving."""

import json
import re

from playwright.sync_api import expect

from convention_manager import create_app
from convention_manager.extensions import db as _db
from tests.conftest import DEMO
from tests.functional.test_drafting import CA2C_PARTIES

REFERENCE = "BROWSER-CA2C-2023"  # the module's database is shared: a reference of its own


def test_a_drafter_creates_a_ca2c_copy_previews_and_saves(sign_in, live_server, live_app, tmp_path):
    page = sign_in("redaction@demo.invalid")
    page.get_by_role("link", name="Nouvelle convention").click()
    expect(page.get_by_role("heading", name="Nouvelle convention")).to_be_visible()

    page.get_by_label("Référence").fill(REFERENCE)
    page.get_by_label("Intitulé").fill("Intervenant social en gendarmerie (copie de test)")
    page.get_by_label("Territoire").fill("Nord")
    page.get_by_label("Début").fill("01/07/2023")
    page.get_by_label("Fin", exact=True).fill("31/12/2023")
    page.get_by_label("Tribunal compétent").fill("Tribunal administratif de Lille")
    for i, (key, kind, name, representative, title, iban) in enumerate(CA2C_PARTIES):
        page.locator(f"[name=parties-{i}-title]").fill(title)
        page.locator(f"[name=parties-{i}-key]").fill(key)
        page.locator(f"[name=parties-{i}-name]").fill(name)
        page.locator(f"[name=parties-{i}-kind]").select_option(kind)
        page.locator(f"[name=parties-{i}-representative]").fill(representative)
        page.locator(f"[name=parties-{i}-iban]").fill(iban)
    page.get_by_label("Employeur (autorité hiérarchique)").select_option("asso")
    page.get_by_label("Autorité fonctionnelle").select_option("gendarmerie")
    for label, amount in (
        ("Salaire et charges", "19 000"),
        ("Frais de déplacement", "1 500"),
        ("Formation", "500"),
        ("Frais de gestion administrative", "1 500,00"),
    ):
        page.get_by_label(label).fill(amount)
    for i, (financer, fund) in enumerate((("etat", "FIPD"), ("nord", ""), ("ca2c", ""))):
        page.locator(f"[name=funding-{i}-financer]").select_option(financer)
        page.locator(f"[name=funding-{i}-fund]").select_option(fund)
        page.locator(f"[name=funding-{i}-share]").fill("1/3")
    page.locator("[name=funding-2-cap]").fill("7 500")

    page.get_by_role("button", name="Calculer").click()

    amounts = page.locator("#apercu .share-amount")
    expect(amounts).to_have_text(["7\u202f500,00\xa0€"] * 3)
    expect(page.locator("#apercu .gap-banner")).to_have_count(0)
    expect(page.locator("#apercu")).to_contain_text("Financement complet")

    page.get_by_role("button", name="Enregistrer le brouillon").first.click()

    expect(page).to_have_url(re.compile(f"/conventions/{REFERENCE}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(REFERENCE)
    expect(page.locator(".flashes")).to_contain_text(f"Brouillon {REFERENCE} enregistré")
    assert _comparable(_schedule(live_app.test_cli_runner(), REFERENCE)) == _comparable(
        _cli_schedule_of_the_example(tmp_path)
    )


def _schedule(runner, reference):
    result = runner.invoke(args=["schedule", reference, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _cli_schedule_of_the_example(tmp_path):
    """`import` then `schedule --json` of the interface's example, on a database of its own."""
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    )
    with app.app_context():
        _db.create_all()
    runner = app.test_cli_runner()
    assert runner.invoke(args=["import", str(DEMO / "nord-ca2c-2023.yaml")]).exit_code == 0
    return _schedule(runner, "NORD-CA2C-2023")


def _comparable(report):
    """Everything but the reference (the browser's copy has its own)."""
    return {key: value for key, value in report.items() if key != "reference"}
