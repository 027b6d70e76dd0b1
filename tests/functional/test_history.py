"""The history page and the protection against lost updates, through the web: who changed what,
when, before and after; a second drafter saving over the first's change is refused."""

import re
from datetime import UTC, date, datetime

from sqlalchemy import event, text

from convention_manager.exchange import files
from convention_manager.extensions import db as _db
from convention_manager.models import AuditEntry, Payment
from convention_manager.services import avenants, conventions, demo, lifecycle
from tests.conftest import DEMO, PASSWORD
from tests.functional.test_drafting import ca2c_form
from tests.functional.test_home import load_demo

CIDFF = "Centre d'information sur les droits des femmes et des familles du Haut-Rhin (CIDFF 68)"
HAUT_RHIN = "HAUT-RHIN-ISG-2024"
NORD = "NORD-CA2C-2023"
EDIT = f"/conventions/{NORD}/modifier"
AVENANT = f"/conventions/{NORD}/avenant"


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
    assert (
        "Modification : versement<small>versement unique, période 2024 — "
        "Communauté de communes Sud Alsace Largue</small>" in page
    )
    assert f"n°{payment.id}" not in page
    assert "<strong>statut</strong> : demandé → payé" in page
    assert "<strong>payé le</strong> : — → 15/10/2024" in page
    assert "ligne de commande" in page  # the import that created it, further down


ROW_NUMBER = re.compile(
    r"(versement|financement|partie|justificatif|ligne de coût|période|convention) n°\d+"
)


def _history(client, reference):
    page = client.get(f"/conventions/{reference}/historique").get_data(as_text=True)
    assert not ROW_NUMBER.search(page), ROW_NUMBER.search(page).group(0)
    return page


def _subject(action, entity, subject):
    return f"{action} : {entity}<small>{subject}</small>"


def test_the_history_names_rows_and_organisations_never_their_ids(client, db, login):
    load_demo(db, "haut-rhin-2024.yaml")
    login("drafter")
    convention = conventions.get(HAUT_RHIN)
    cidff = convention.party("cidff").organisation

    page = _history(client, HAUT_RHIN)

    assert _subject("Création", "partie", CIDFF.replace("'", "&#39;")) in page
    assert f"<strong>organisme</strong> : — → {CIDFF}".replace("'", "&#39;") in page
    assert f"<strong>organisme</strong> : — → {cidff.id}<" not in page
    assert (
        _subject("Création", "versement", "acompte, période 2024 — État, préfecture du Haut-Rhin")
        in page
    )
    assert "<strong>financeur</strong> : — → État, préfecture du Haut-Rhin" in page
    assert "<strong>financeur</strong> : — → etat" not in page
    assert "<strong>condition</strong> : — → à la notification de l&#39;acte attributif" in page
    assert (
        _subject("Création", "financement", "État, préfecture du Haut-Rhin (FIPD), période 2024")
        in page
    )
    assert _subject("Création", "ligne de coût", "Salaire et charges, période 2024") in page
    assert (
        _subject("Création", "justificatif", "rapport d&#39;activité, exercice clos le 31/12/2024")
        in page
    )
    assert _subject("Création", "période", "2024") in page
    assert "<strong>tranche</strong>" not in page  # 0: no tranche at all
    assert "<strong>imputation</strong> : — → Programme budgétaire : 216 ; " in page


def test_what_an_avenant_deleted_is_named_from_what_was_recorded(client, db, login, cli):
    cli("import", DEMO / "nord-ca2c-2023.yaml")
    lifecycle.change_status(conventions.get(NORD), "signed", date(2023, 6, 30))
    db.session.commit()
    (raw,) = files.read(DEMO / "nord-ca2c-2023.yaml")
    raw["funding"] = [line for line in raw["funding"] if line["financer"] != "ca2c"]
    avenants.record(NORD, raw, date(2023, 10, 2))
    db.session.commit()
    login("drafter")

    page = _history(client, NORD)

    ca2c = "Communauté d&#39;agglomération du Caudrésis et du Catésis"
    assert _subject("Suppression", "versement", f"versement unique, période 2023 — {ca2c}") in page
    assert f"<strong>financeur</strong> : {ca2c} → —" in page
    assert _subject("Suppression", "financement", "ligne supprimée") in page
    assert _subject("Création", "avenant", "n°1") in page


def test_bookkeeping_columns_are_hidden_and_party_ids_named(client, db, login):
    load_demo(db, "haut-rhin-2024.yaml")
    login("drafter")
    convention = conventions.get(HAUT_RHIN)
    state = convention.party("etat")
    line = convention.periods[0].funding[0]
    db.session.add(  # as an older version of the audit trail recorded them
        AuditEntry(
            at=datetime.now(UTC),
            actor="ancienne version",
            convention_id=convention.id,
            reference=HAUT_RHIN,
            entity="funding_line",
            entity_id=line.id,
            action="update",
            version=convention.version,
            changes={
                "id": [None, 98765],
                "convention_id": [None, 87654],
                "version": [None, 76543],
                "period_id": [None, 65432],
                "financer_id": [None, state.id],
                "note": ["avant", "après"],
            },
        )
    )
    db.session.commit()

    page = _history(client, HAUT_RHIN)

    row = page.split("ancienne version")[1].split("</tr>")[0]
    assert "<strong>note</strong> : avant → après" in row
    assert "<strong>financeur</strong> : — → État, préfecture du Haut-Rhin" in row
    for hidden in ("98765", "87654", "76543", "65432", "<strong>id<", "version<", "convention_id"):
        assert hidden not in row
    assert "État, préfecture du Haut-Rhin (FIPD), période 2024" in row


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
    beyond = client.get(f"/conventions/{HAUT_RHIN}/historique?page={10**20}")
    assert beyond.status_code == 200  # was an OverflowError on SQLite
    assert "Tribunal n°" not in beyond.get_data(as_text=True)


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


def test_a_second_avenant_made_from_the_same_version_is_refused(
    app, db, cli, example_file, create_account
):
    cli("import", example_file)
    lifecycle.change_status(conventions.get(NORD), "signed", date(2023, 6, 30))
    db.session.commit()
    opened = conventions.get(NORD).version
    alice = _drafter(app, create_account, "alice@example.org")
    bob = _drafter(app, create_account, "bob@example.org")
    hidden = f'name="version" type="hidden" value="{opened}"'
    for client in (alice, bob):
        assert hidden in client.get(AVENANT).get_data(as_text=True)

    saved = alice.post(AVENANT, data=avenant_form(opened, court="Tribunal administratif de Douai"))
    refused = bob.post(AVENANT, data=avenant_form(opened, territory="Nord (Cambrésis)"))

    assert saved.status_code == 302
    assert refused.status_code == 200
    page = refused.get_data(as_text=True)
    assert "Cette convention a été modifiée par alice@example.org le " in page
    assert "juridiction Tribunal administratif de Lille → Tribunal administratif de Douai" in page
    assert "avenant « n°1 » (création)" in page
    assert "Rien n&#39;a été enregistré" in page
    assert 'value="Nord (Cambrésis)"' in page  # what Bob typed is kept
    assert f'name="version" type="hidden" value="{opened + 1}"' in page
    _db.session.expire_all()
    stored = conventions.get(NORD)
    assert [a.number for a in stored.avenants] == [1]
    assert (stored.court, stored.territory) == ("Tribunal administratif de Douai", "Nord")
    assert stored.version == opened + 1


def avenant_form(version, **changes):
    """The avenant form of the Nord / CA2C convention opened at `version`, with changes."""
    return ca2c_form(
        requested="02/10/2023",
        signed="15/11/2023",
        action="confirm",
        version=str(version),
        **changes,
    )


def test_a_payment_step_racing_another_save_is_refused_not_a_server_error(client, db, login):
    demo.load()
    db.session.commit()
    login("finance")
    payment = _requested_payment(db, HAUT_RHIN)
    convention_id, version = payment.convention.id, payment.convention.version

    @event.listens_for(db.session(), "before_flush", once=True)
    def someone_else_commits_first(session, context, instances):
        session.connection().execute(
            text("UPDATE convention SET version = version + 1 WHERE id = :id"),
            {"id": convention_id},
        )

    response = client.post(f"/versements/{payment.id}", data={"status": "paid", "on": "15/10/2024"})

    assert response.status_code == 409  # was a server error (StaleDataError) under load
    assert "modifiée par quelqu&#39;un d&#39;autre au même moment" in response.get_data(
        as_text=True
    )
    db.session.expire_all()
    assert db.session.get(Payment, payment.id).status == "requested"
    assert conventions.get(HAUT_RHIN).version == version
