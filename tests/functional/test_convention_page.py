"""The convention page: figures in French, the gap said loudly, pictures, scope and downloads."""

import pytest

from convention_manager.exchange import files
from convention_manager.services import conventions
from tests.conftest import DEMO
from tests.functional.test_home import load_demo
from tests.queries import count_statements

CIDFF = "Centre d'information sur les droits des femmes et des familles du Haut-Rhin (CIDFF 68)"
HAUT_RHIN = "/conventions/HAUT-RHIN-ISG-2024"
NORD = "/conventions/NORD-CA2C-2023"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def drafter(client, db, login):
    login("drafter")
    load_demo(db, "haut-rhin-2024.yaml", "nord-ca2c-2023.yaml")
    return client


def test_the_haut_rhin_page_shows_costs_financing_gap_and_payments(drafter):
    page = drafter.get(HAUT_RHIN).get_data(as_text=True)

    assert "176\u202f550,00\xa0€" in page  # total cost
    assert "Financement incomplet : il manque 3\u202f276,00\xa0€" in page  # the banner
    assert 'role="alert"' in page
    assert "71\u202f724,00\xa0€" in page  # CeA, voted
    assert "montant voté (75\u202f000,00\xa0€ demandés)" in page
    assert "40,63\xa0%" in page
    assert "après 105\u202f930,00\xa0€ dépensés" in page  # FIPD solde: 60 % of the total cost
    assert "à la réalisation de la condition" in page
    assert "Tribunal administratif de Strasbourg" in page and "brouillon" in page
    assert "employeur (autorité hiérarchique)" in page and "autorité fonctionnelle" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2
    assert page.count('role="img"') == 2


def test_every_party_is_named_with_its_representative(drafter, db):
    page = drafter.get(HAUT_RHIN).get_data(as_text=True)
    convention = conventions.get("HAUT-RHIN-ISG-2024")

    for party in convention.parties:
        assert _html(party.organisation.name) in page
        assert _html(party.representative) in page


def test_late_documents_stand_out(drafter):
    page = drafter.get(HAUT_RHIN).get_data(as_text=True)

    assert '<tr class="late">' in page and "en retard" in page  # the 2024 activity report


def test_the_home_page_links_to_each_convention(drafter):
    assert f'href="{HAUT_RHIN}"' in drafter.get("/").get_data(as_text=True)


def test_an_unknown_reference_is_a_french_404(drafter):
    response = drafter.get("/conventions/INCONNUE-2099")

    assert response.status_code == 404
    assert "Page introuvable" in response.get_data(as_text=True)


def test_an_association_sees_its_conventions_only(client, db, login):
    load_demo(db, "haut-rhin-2024.yaml", "nord-ca2c-2023.yaml")
    login("association", CIDFF)

    assert client.get(HAUT_RHIN).status_code == 200
    assert client.get(NORD).status_code == 404
    assert client.get(f"{NORD}/documents/convention.docx").status_code == 404
    assert client.get(f"{NORD}/documents/schedule.docx").status_code == 404
    assert client.get(f"{NORD}/avenants/1.docx").status_code == 404


def test_documents_download_as_docx_with_a_french_name(drafter):
    response = drafter.get(f"{HAUT_RHIN}/documents/schedule.docx")

    assert response.status_code == 200
    assert response.mimetype == DOCX
    assert response.data[:2] == b"PK"
    assert "%C3%89ch%C3%A9ancier" in response.headers["Content-Disposition"]  # "Échéancier"


def test_unknown_document_kinds_and_avenants_are_404(drafter):
    assert drafter.get(f"{HAUT_RHIN}/documents/secret.docx").status_code == 404
    assert drafter.get(f"{HAUT_RHIN}/avenants/1.docx").status_code == 404


def test_the_page_issues_the_same_number_of_queries_for_2_or_8_parties(drafter, db):
    two_parties = _department_alone()
    conventions.import_all([two_parties])
    db.session.commit()

    small = count_statements(db, drafter, f"/conventions/{two_parties['reference']}")
    large = count_statements(db, drafter, HAUT_RHIN)

    assert len(conventions.get(two_parties["reference"]).parties) == 2
    assert small == large <= 10


def _department_alone():
    """The Nord convention signed by the département (payer and employer) and the gendarmerie."""
    raw = files.read(DEMO / "nord-ca2c-2023.yaml")[0]
    raw.update(
        reference="NORD-SEUL-2023",
        parties=[p for p in raw["parties"] if p["key"] in ("nord", "gendarmerie")],
        employer="nord",
        funding=[{"financer": "nord", "share": "1/1"}],
    )
    return raw


def _html(text):
    return text.replace("'", "&#39;")
