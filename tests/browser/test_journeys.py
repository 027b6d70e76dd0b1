"""The users' journeys in a real browser: signing in, seeing what one's role allows."""

import re

from playwright.sync_api import expect


def test_a_drafter_signs_in_and_sees_every_convention_with_its_figures(sign_in, live_server):
    page = sign_in("redaction@demo.invalid")

    expect(page).to_have_url(f"{live_server}/")
    expect(page.get_by_role("heading", name="Conventions")).to_be_visible()
    table = page.get_by_role("table")
    for reference in (
        "NORD-CA2C-2023",
        "BAS-RHIN-ISG-2024",
        "HAUT-RHIN-ISG-2024",
        "EXEMPLE-ISC-2025-2027",
    ):
        expect(table).to_contain_text(reference)
    expect(table).to_contain_text("176\u202f550,00\xa0€")
    expect(table).to_contain_text("3\u202f276,00\xa0€")


def test_an_association_sees_only_its_own_conventions(sign_in):
    page = sign_in("cidff68@demo.invalid")

    table = page.get_by_role("table")
    expect(table).to_contain_text("HAUT-RHIN-ISG-2024")
    expect(table).not_to_contain_text("NORD-CA2C-2023")
    expect(table).not_to_contain_text("BAS-RHIN-ISG-2024")


def test_a_wrong_password_is_refused_in_french_and_keeps_the_address(sign_in, live_server):
    page = sign_in("finances@demo.invalid", "not the password")

    expect(page).to_have_url(re.compile(r"/connexion"))
    expect(page.get_by_text(re.compile("incorrect", re.IGNORECASE))).to_be_visible()
    expect(page.get_by_label("Adresse électronique")).to_have_value("finances@demo.invalid")


def test_signing_out_brings_back_the_login_page(sign_in, live_server):
    page = sign_in("finances@demo.invalid")
    page.get_by_role("button", name=re.compile("déconnecter", re.IGNORECASE)).click()

    page.goto(f"{live_server}/")

    expect(page).to_have_url(re.compile(r"/connexion"))


def test_one_role_is_refused_another_roles_page(sign_in, live_server):
    page = sign_in("cidff68@demo.invalid")

    expect(page.get_by_role("navigation", name="Menu principal")).not_to_contain_text(
        "Portefeuille"
    )
    response = page.goto(f"{live_server}/portefeuille")

    assert response.status == 403
    expect(page.get_by_role("heading", name="Accès refusé")).to_be_visible()
    response = page.goto(f"{live_server}/conventions/NORD-CA2C-2023")
    assert response.status == 404  # another organisation's convention: not even its existence
