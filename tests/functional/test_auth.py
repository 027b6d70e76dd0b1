"""Signing in and out: every page needs an account, association accounts see their own
conventions only, forms carry a CSRF token."""

import re

import pytest

from convention_manager.views.auth import safe_next
from tests.conftest import PASSWORD
from tests.functional.test_home import load_demo

CIDFF = "Centre d'information sur les droits des femmes et des familles du Haut-Rhin (CIDFF 68)"


def test_an_anonymous_visitor_is_sent_to_the_sign_in_page(client, db):
    response = client.get("/")

    assert response.status_code == 302
    assert response.headers["Location"] == "/connexion?next=%2F"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Connectez-vous pour accéder à cette page." in page


def test_the_sign_in_page_labels_every_field_in_french(client, db):
    page = client.get("/connexion").get_data(as_text=True)

    assert '<label for="email">Adresse électronique</label>' in page
    assert '<label for="password">Mot de passe</label>' in page
    assert "Se connecter" in page


def test_static_files_need_no_account(client, db):
    assert client.get("/static/app.css").status_code == 200


def test_a_wrong_password_shows_the_form_again_with_a_french_error(client, create_account):
    create_account("drafter", "redaction@example.org")

    response = client.post(
        "/connexion", data={"email": "redaction@example.org", "password": "pas le bon mot"}
    )

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Adresse électronique ou mot de passe incorrect." in page
    assert 'value="redaction@example.org"' in page
    assert client.get("/").status_code == 302  # still anonymous


def test_empty_fields_get_their_french_message_next_to_them(client, db):
    page = client.post("/connexion", data={"email": "", "password": ""}).get_data(as_text=True)

    assert re.search(r'id="email-errors">\s*<li>Saisissez votre adresse électronique.', page)
    assert re.search(r'id="password-errors">\s*<li>Saisissez votre mot de passe.', page)


def test_the_right_password_signs_in_and_shows_who_is_signed_in(client, create_account):
    create_account("finance", "Finances@Example.org")

    response = client.post(
        "/connexion", data={"email": "finances@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302 and response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert "finances@example.org" in page
    assert "finances</small>" in page  # the role, in French
    assert "Se déconnecter" in page


def test_signing_in_goes_back_to_the_page_asked_for(client, create_account):
    create_account("admin", "admin@example.org")

    response = client.post(
        "/connexion?next=%2F%3Ftri%3Dref",
        data={"email": "admin@example.org", "password": PASSWORD},
    )

    assert response.headers["Location"] == "/?tri=ref"


@pytest.mark.parametrize(
    "target",
    ["//evil.example", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "x"],
)
def test_signing_in_never_redirects_to_another_site(client, create_account, target):
    create_account("admin", "admin@example.org")

    response = client.post(
        "/connexion",
        query_string={"next": target},
        data={"email": "admin@example.org", "password": PASSWORD},
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/", "/"),
        (
            "/conventions/NORD-CA2C-2023?onglet=paiements",
            "/conventions/NORD-CA2C-2023?onglet=paiements",
        ),
        (None, None),
        ("", None),
        ("//evil.example", None),
        ("///evil.example", None),
        ("/\\evil.example", None),
        ("/\t/evil.example", None),
        ("http://evil.example", None),
        ("evil.example", None),
    ],
)
def test_safe_next_keeps_paths_of_this_site_only(target, safe):
    assert safe_next(target) == safe


def test_signing_out_ends_the_session(client, login):
    login("drafter")

    response = client.post("/deconnexion")

    assert response.status_code == 302 and response.headers["Location"] == "/connexion"
    assert "Vous êtes déconnecté." in client.get("/connexion").get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_a_deactivated_account_is_signed_out(client, db, login):
    user = login("finance")
    user.active = False
    db.session.commit()

    assert client.get("/").status_code == 302


def test_an_association_sees_only_the_conventions_it_is_party_to(client, db, login):
    load_demo(db, "haut-rhin-2024.yaml", "nord-ca2c-2023.yaml")
    login("association", CIDFF)

    page = client.get("/").get_data(as_text=True)

    assert "HAUT-RHIN-ISG-2024" in page
    assert "NORD-CA2C-2023" not in page
    assert "1 convention ·" in page
    assert "Seules les conventions auxquelles elle est partie sont affichées." in page


def test_an_association_without_conventions_is_told_so(client, db, login):
    load_demo(db, "nord-ca2c-2023.yaml")
    from convention_manager.models import Organisation

    db.session.add(Organisation(kind="association", name="Association sans convention"))
    db.session.commit()
    login("association", "Association sans convention")

    page = client.get("/").get_data(as_text=True)

    assert "Aucune convention de votre organisation" in page
    assert "NORD-CA2C-2023" not in page


def test_other_roles_see_every_convention(client, db, login):
    load_demo(db, "haut-rhin-2024.yaml", "nord-ca2c-2023.yaml")
    login("finance")

    page = client.get("/").get_data(as_text=True)

    assert "HAUT-RHIN-ISG-2024" in page and "NORD-CA2C-2023" in page


def test_with_csrf_on_a_post_without_token_is_refused(app, client, create_account):
    create_account("admin", "admin@example.org")
    app.config["WTF_CSRF_ENABLED"] = True

    refused = client.post("/connexion", data={"email": "admin@example.org", "password": PASSWORD})

    assert refused.status_code == 400
    assert "Formulaire refusé" in refused.get_data(as_text=True)
    page = client.get("/connexion").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    accepted = client.post(
        "/connexion",
        data={"email": "admin@example.org", "password": PASSWORD, "csrf_token": token},
    )
    assert accepted.status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert client.post("/deconnexion").status_code == 400  # the logout form needs its token too
    assert 'name="csrf_token" value="' in home  # ...which the page's logout form carries
