"""The association's journey in a real browser: its late report stands out, it marks it sent."""

import re

from playwright.sync_api import expect

# Dots for the apostrophe and slashes, which Playwright's role selectors cannot take in a regex.
ACTIVITY_REPORT = re.compile(r"rapport d.activité\s*exercice clos le 31.12.2024")


def test_the_cidff_sees_its_late_report_and_marks_it_sent(sign_in, live_server):
    page = sign_in("cidff68@demo.invalid")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Justificatifs"
    ).click()

    expect(page).to_have_url(f"{live_server}/justificatifs")
    rows = page.locator("table.obligations tbody tr")
    report = rows.filter(has=page.get_by_role("rowheader", name=ACTIVITY_REPORT))
    expect(rows.first).to_have_id(re.compile(r"justificatif-\d+"))
    expect(rows.first).to_contain_text("HAUT-RHIN-ISG-2024")
    expect(rows.first).to_contain_text("rapport d'activité")
    expect(report).to_have_class("late")
    expect(report.locator(".badge-late")).to_have_text(re.compile(r"en retard de \d+ jours"))
    expect(report.locator(".badge-late")).to_have_css("background-color", "rgb(206, 5, 0)")
    expect(page.get_by_role("table").first).not_to_contain_text("NORD-CA2C-2023")

    report.get_by_label("Envoyé le").fill("15/07/2025")
    report.get_by_role("button", name="Marquer envoyé").click()

    expect(page.get_by_role("status")).to_contain_text("envoyé le 15/07/2025")
    report = page.locator("table.obligations tbody tr").filter(
        has=page.get_by_role("rowheader", name=ACTIVITY_REPORT)
    )
    expect(report).not_to_have_class("late")
    expect(report).to_contain_text("envoyé le 15/07/2025")
    expect(report.get_by_role("button", name="Marquer envoyé")).to_have_count(0)
