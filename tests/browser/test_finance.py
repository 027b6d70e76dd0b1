"""The finance officer's journey in a real browser: find a payment, record it as paid."""

import re

from playwright.sync_api import expect


def test_a_finance_officer_records_the_2026_fipd_acompte_as_paid(sign_in, live_server):
    page = sign_in("finances@demo.invalid")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Versements"
    ).click()
    expect(page.get_by_role("heading", name="Versements")).to_be_visible()

    page.get_by_label("Référence").fill("EXEMPLE")
    page.get_by_label("Année").select_option("2026")
    page.get_by_role("button", name="Filtrer").click()
    form = page.get_by_role(
        "form", name=re.compile(r"^Acompte 2026 de État, préfecture du département d'exemple")
    )
    expect(form.get_by_label("Nouvel état")).to_have_value("paid")  # the next step after mandaté
    form.get_by_label("Date (JJ/MM/AAAA)").fill("02/06/2026")
    form.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("status")).to_contain_text("enregistré comme payé le 02/06/2026")
    expect(page).to_have_url(
        re.compile(r"reference=EXEMPLE.*annee=2026|annee=2026.*reference=EXEMPLE")
    )
    row = page.get_by_role("row").filter(has_text="acompte").filter(has_text="2026")
    expect(row).to_contain_text("payé")
    expect(row).to_contain_text("le 02/06/2026")
    expect(row.get_by_role("form")).to_have_count(0)
