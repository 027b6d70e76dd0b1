"""The history page and the protection against lost updates, through the web: who changed what,
when, before and after; a second drafter saving over the first's change is refused."""

from convention_manager.extensions import db as _db
from convention_manager.models import AuditEntry, Payment
from convention_manager.services import conventions, demo
from tests.conftest import PASSWORD
from tests.functional.test_drafting import ca2c_form
from tests.functional.test_home import load_demo

CIDFF = "Centre d'information sur les droits des femmes et des familles du Haut-Rhin (CIDFF 68)"
HAUT_RHIN = "HAUT-RHIN-ISG-2024"
NORD = "NORD-CA2C-2023"
EDIT = f"/conventions/{NORD}/modifier"


def _requested_payment(db, reference):
    return db.session.scalars(
        db.select(Payment)
        .where(Payment.convention.has(reference=reference), Payment.status == "requested")
        .order_by(Payment.id)
    ).first()


def test_a_payment_recorded_by_a_finance_user_is_in_the_history(client, db, login):
    demo.load()  # the demo conventions with their recorded steps
    db.session.commit()
    user = login("finance")
    payment = _requested_payment(db, HAUT_RHIN)

    response = client.post(f"/versements/{payment.id}", data={"status": "paid", "on": "15/10/2024"})

    assert response.status_code == 302
    (entry,) = db.session.scalars(
        db.select(AuditEntry).filter_by(entity="payment", entity_id=payment.id, action="update")
    ).all()
    assert (entry.user_id, entry.actor) == (user.id, "finance@example.org")
    assert entry.changes["status"] == ["requested", "paid"]
    assert entry.changes["paid_on"] == [None, "2024-10-15"]
    page = client.get(f"/conventions/{HAUT_RHIN}/historique").get_data(as_text=True)
    assert "finance@example.org" in page
    assert "Modification : versement" in page
    assert "<strong>statut</strong> : demandé → payé" in page
    assert "<strong>payé le</strong> : — → 15/10/2024" in page
    assert "ligne de commande" in page  # the import that created it, further down


def test_the_convention_page_links_to_its_history(client, db, login):
    load_demo(db, "haut-rhin-2024.yaml")
    login("drafter")

    page = client.get(f"/conventions/{HAUT_RHIN}").get_data(as_text=True)

    assert f'href="/conventions/{HAUT_RHIN}/historique"' in page


def test_an_association_sees_its_own_history_only(client, db, login):
    load_demo(db, "haut-rhin-2024.yaml", "nord-ca2c-2023.yaml")
    login("association", CIDFF)

    assert client.get(f"/conventions/{HAUT_RHIN}/historique").status_code == 200
    assert client.get(f"/conventions/{NORD}/historique").status_code == 404
    assert client.get("/conventions/INCONNUE/historique").status_code == 404


def test_the_history_is_paginated_50_a_page_newest_first(client, db, login):
    load_demo(db, "haut-rhin-2024.yaml")
    login("drafter")
    convention = conventions.get(HAUT_RHIN)
    for n in range(60):
        convention.court = f"Tribunal n°{n}"
        db.session.commit()

    first = client.get(f"/conventions/{HAUT_RHIN}/historique").get_data(as_text=True)
    second = client.get(f"/conventions/{HAUT_RHIN}/historique?page=2").get_data(as_text=True)

    assert first.count("<tr>") - 1 == 50 and "Page 1 sur" in first
    assert "Tribunal n°58 → Tribunal n°59" in first
    assert "Tribunal n°0 → Tribunal n°1" not in first
    assert "Tribunal n°0 → Tribunal n°1" in second


def _drafter(app, create_account, email):
    client = app.test_client()
    create_account("drafter", email)
    response = client.post("/connexion", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_second_drafter_cannot_save_over_the_first(app, db, cli, example_file, create_account):
    cli("import", example_file)
    alice = _drafter(app, create_account, "alice@example.org")
    bob = _drafter(app, create_account, "bob@example.org")
    for client in (alice, bob):
        assert 'name="version" type="hidden" value="1"' in client.get(EDIT).get_data(as_text=True)

    saved = alice.post(EDIT, data=ca2c_form(territory="Nord (Cambrésis)", version="1"))
    refused = bob.post(EDIT, data=ca2c_form(court="Tribunal administratif de Douai", version="1"))

    assert saved.status_code == 302
    assert refused.status_code == 200
    page = refused.get_data(as_text=True)
    assert "Cette convention a été modifiée par alice@example.org le " in page
    assert "pendant que vous la modifiiez" in page
    assert "territoire Nord → Nord (Cambrésis)" in page
    assert 'value="Tribunal administratif de Douai"' in page  # what Bob typed is kept
    assert 'name="version" type="hidden" value="2"' in page  # he may now save knowingly
    _db.session.expire_all()
    stored = conventions.get(NORD)
    assert stored.territory == "Nord (Cambrésis)"
    assert stored.court == "Tribunal administratif de Lille"

    again = bob.post(EDIT, data=ca2c_form(court="Tribunal administratif de Douai", version="2"))

    assert again.status_code == 302
    _db.session.expire_all()
    assert conventions.get(NORD).court == "Tribunal administratif de Douai"
