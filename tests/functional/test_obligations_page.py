"""The justificatifs page: late documents first, marking them sent (with a file) and received,
the association's scope, the payments it awaits, and its calendar feed."""

import io
import json
import re
from datetime import date

import icalendar
import pytest
from sqlalchemy import event

from convention_manager import freshness
from convention_manager.models import Convention, Obligation, ObligationFile, Organisation
from convention_manager.services import conventions, demo, obligations_page

CIDFF68 = "cidff68@demo.invalid"
FINANCE = "finances@demo.invalid"
ADMIN = "admin@demo.invalid"
HAUT_RHIN = "HAUT-RHIN-ISG-2024"
NORD = "NORD-CA2C-2023"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)


@pytest.fixture
def demo_data(app, db, tmp_path):
    """The demo conventions with their story, and the demo accounts; uploads in tmp_path."""
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    demo.load()
    demo.load_accounts()
    db.session.commit()
    return db


@pytest.fixture
def sign_in(client, demo_data):
    """Sign the test client in with a demo account."""

    def sign_in(email):
        client.post("/deconnexion")
        response = client.post("/connexion", data={"email": email, "password": demo.PASSWORD})
        assert response.status_code == 302
        return client

    return sign_in


def obligation(db, reference, kind, subject=None):
    """The stored obligation of that convention and kind."""
    query = (
        db.select(Obligation)
        .join(Obligation.convention)
        .where(Convention.reference == reference, Obligation.kind == kind)
    )
    if subject is not None:
        query = query.where(Obligation.subject == subject)
    return db.session.scalars(query).one()


def activity_report(db):
    """The demo's late one: Haut-Rhin's 2024 activity report, due 30/06/2025, never sent."""
    return obligation(db, HAUT_RHIN, "activity_report", "2024-12-31")


def send(client, item, on="15/07/2025", file=None):
    data = {"on": on}
    if file is not None:
        data["file"] = file
    return client.post(
        f"/justificatifs/{item.id}/envoi", data=data, content_type="multipart/form-data"
    )


def row(page, item):
    """The HTML of the item's row."""
    match = re.search(rf'<tr id="justificatif-{item.id}".*?</tr>', page, re.S)
    assert match, f"no row for obligation {item.id}"
    return match.group(0)


def test_the_late_activity_report_stands_out_first_for_the_cidff(sign_in, db):
    client = sign_in(CIDFF68)
    late = activity_report(db)
    days = (date.today() - date(2025, 6, 30)).days

    page = client.get("/justificatifs").get_data(as_text=True)

    first_row = re.search(r'<tr id="justificatif-\d+"[^>]*>', page).group(0)
    assert first_row == f'<tr id="justificatif-{late.id}" class="late">'
    assert f"en retard de {days} jours" in row(page, late)
    assert "30/06/2025" in row(page, late)
    assert "dès 60\xa0% du budget dépensé" in page or "dès 60&nbsp;% du budget dépensé" in page
    assert "envoyé le 27/06/2025" in page  # the financial report, sent in the demo's story
    assert "aucune donnée nominative" in page.lower()
    assert NORD not in page and "EXEMPLE-ISC" not in page


def test_marking_it_sent_shows_it_sent_and_deadlines_no_longer_list_it(sign_in, db, cli):
    client = sign_in(CIDFF68)
    late = activity_report(db)

    response = send(client, late, on="15/07/2025")
    page = client.get(response.headers["Location"]).get_data(as_text=True)

    assert response.status_code == 302
    assert "envoyé le 15/07/2025" in page
    assert "en retard" not in row(page, late)
    assert late.status == "sent" and late.sent_on == date(2025, 7, 15)
    items = json.loads(cli("deadlines", "--json").output)
    assert not [i for i in items if i["reference"] == HAUT_RHIN and i["kind"] == "activity_report"]


def test_a_file_sent_with_it_is_stored_and_downloadable(sign_in, db, app, tmp_path):
    client = sign_in(CIDFF68)
    late = activity_report(db)

    send(client, late, file=(io.BytesIO(PDF), "Rapport d'activité 2024.pdf"))

    (stored,) = db.session.scalars(db.select(ObligationFile)).all()
    assert stored.obligation_id == late.id and stored.size == len(PDF)
    assert stored.original_name == "Rapport d'activité 2024.pdf"
    assert stored.content_type == "application/pdf"
    assert stored.uploaded_by.email == CIDFF68
    path = tmp_path / "uploads" / str(late.convention_id) / stored.stored_name
    assert path.read_bytes() == PDF
    assert re.fullmatch(r"[0-9a-f]{32}", stored.stored_name)
    page = client.get("/justificatifs").get_data(as_text=True)
    assert f"/justificatifs/fichiers/{stored.id}" in row(page, late)

    download = sign_in(FINANCE).get(f"/justificatifs/fichiers/{stored.id}")

    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.mimetype == "application/pdf"


def test_an_executable_renamed_pdf_is_refused_and_changes_nothing(sign_in, db, tmp_path):
    client = sign_in(CIDFF68)
    late = activity_report(db)

    response = send(client, late, file=(io.BytesIO(EXE), "rapport.pdf"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)

    assert "n&#39;est pas un vrai fichier PDF" in page
    db.session.refresh(late)
    assert late.status == "pending" and late.sent_on is None
    assert db.session.scalars(db.select(ObligationFile)).all() == []
    assert not [f for f in (tmp_path / "uploads").rglob("*") if f.is_file()]


def test_an_unknown_type_is_refused(sign_in, db):
    client = sign_in(CIDFF68)
    late = activity_report(db)

    response = send(client, late, file=(io.BytesIO(b"hello"), "rapport.txt"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)

    assert "type de fichier refusé" in page
    assert late.status == "pending"


def test_an_oversize_upload_gets_the_french_413_page(sign_in, db, app):
    client = sign_in(CIDFF68)
    late = activity_report(db)
    huge = b"%PDF-1.7\n" + bytes(app.config["MAX_CONTENT_LENGTH"])

    response = send(client, late, file=(io.BytesIO(huge), "rapport.pdf"))

    assert response.status_code == 413
    text = response.get_data(as_text=True)
    assert "Fichier trop volumineux" in text and "10 Mo au plus" in text
    db.session.refresh(late)
    assert late.status == "pending"


def test_a_file_just_over_10_mo_is_refused_by_the_service(sign_in, db, app):
    client = sign_in(CIDFF68)
    late = activity_report(db)
    over = b"%PDF-1.7\n" + bytes(app.config["MAX_UPLOAD_SIZE"])

    response = send(client, late, file=(io.BytesIO(over), "rapport.pdf"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)

    assert "dépasse la taille maximale de 10 Mo" in page
    assert late.status == "pending"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2025", "Date invalide"),
        ("", "Saisissez la date"),
        ("01/01/2099", "ne peut pas être dans le futur"),
    ],
)
def test_a_bad_date_is_refused_in_french(sign_in, db, typed, message):
    client = sign_in(CIDFF68)
    late = activity_report(db)

    response = send(client, late, on=typed)
    page = client.get(response.headers["Location"]).get_data(as_text=True)

    assert message in page
    assert late.status == "pending"


def test_the_association_cannot_see_or_act_on_the_nord_convention(sign_in, db):
    client = sign_in(CIDFF68)
    nord = obligation(db, NORD, "financial_report")
    pending_elsewhere = obligation(db, "EXEMPLE-ISC-2025-2027", "pre_assessment")
    sign_in(ADMIN)
    send(client, pending_elsewhere, file=(io.BytesIO(PDF), "pre-bilan.pdf"))
    (stored,) = db.session.scalars(db.select(ObligationFile)).all()
    client = sign_in(CIDFF68)

    searched = client.get(f"/justificatifs?convention={NORD}").get_data(as_text=True)
    assert searched.count(NORD) == 1 and f'value="{NORD}"' in searched  # the search box only
    assert '<tr id="justificatif-' not in searched
    assert send(client, pending_elsewhere).status_code == 404
    assert (
        client.post(f"/justificatifs/{nord.id}/envoi", data={"on": "01/07/2024"}).status_code == 404
    )
    assert client.get(f"/justificatifs/fichiers/{stored.id}").status_code == 404
    assert pending_elsewhere.status == "sent"  # by the admin only
    assert client.get("/justificatifs/fichiers/999999").status_code == 404


def test_a_finance_officer_marks_a_sent_document_received(sign_in, db):
    client = sign_in(FINANCE)
    report = obligation(db, HAUT_RHIN, "financial_report")  # sent on 27/06/2025 in the demo

    page = client.get("/justificatifs").get_data(as_text=True)
    assert "Marquer reçu" in row(page, report) and "Marquer envoyé" not in page

    response = client.post(f"/justificatifs/{report.id}/reception", data={"on": "03/07/2025"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)

    assert report.status == "received" and report.received_on == date(2025, 7, 3)
    assert "reçu le 03/07/2025" in row(page, report)


@pytest.mark.parametrize(
    ("kind", "typed", "message"),
    [
        ("financial_report", "20/06/2025", "précède la date d&#39;envoi"),
        ("activity_report", "01/07/2025", "pas encore été envoyé"),
    ],
)
def test_a_wrong_receipt_changes_nothing(sign_in, db, kind, typed, message):
    client = sign_in(FINANCE)
    report = obligation(db, HAUT_RHIN, kind)
    before = report.status

    response = client.post(f"/justificatifs/{report.id}/reception", data={"on": typed})
    page = client.get(response.headers["Location"]).get_data(as_text=True)

    assert message in page
    db.session.refresh(report)
    assert report.status == before and report.received_on is None


def test_a_document_already_received_cannot_be_received_again(sign_in, db):
    client = sign_in(FINANCE)
    report = obligation(db, NORD, "financial_report")  # received on 08/07/2024

    response = client.post(f"/justificatifs/{report.id}/reception", data={"on": "01/08/2024"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)

    assert "déjà reçu (le 08/07/2024)" in page
    assert report.received_on == date(2024, 7, 8)


def test_each_role_only_gets_its_own_action(sign_in, db):
    late = activity_report(db)
    report = obligation(db, HAUT_RHIN, "financial_report")

    assert send(sign_in(FINANCE), late).status_code == 403
    assert send(sign_in("redaction@demo.invalid"), late).status_code == 403
    association = sign_in(CIDFF68)
    assert (
        association.post(
            f"/justificatifs/{report.id}/reception", data={"on": "01/07/2025"}
        ).status_code
        == 403
    )
    assert "Marquer reçu" not in association.get("/justificatifs").get_data(as_text=True)


def test_the_menu_offers_the_page_to_every_role(sign_in):
    for email in (ADMIN, FINANCE, "redaction@demo.invalid", CIDFF68):
        page = sign_in(email).get("/").get_data(as_text=True)
        assert 'href="/justificatifs"' in page and ">Justificatifs</a>" in page


def test_what_the_cidff_is_owed_names_the_condition_it_waits_for(sign_in):
    page = sign_in(CIDFF68).get("/justificatifs").get_data(as_text=True)
    owed = page.split("Ce qui vous est dû")[1]

    assert "en attente de votre attestation de dépenses (seuil 105\u202f930,00\xa0€)" in owed
    assert "16\u202f637,50\xa0€" in owed  # the FIPD solde: 66 550 - 75 % acompte
    assert "Commune de Wintzenheim" in owed
    assert "Collectivité européenne d" not in owed  # paid


def test_other_roles_filter_by_state_convention_year_and_employer(sign_in, db):
    client = sign_in(ADMIN)
    cidff = db.session.scalars(
        db.select(Organisation).where(Organisation.name.contains("CIDFF 68"))
    ).one()

    everything = client.get("/justificatifs").get_data(as_text=True)
    late = client.get("/justificatifs?etat=late").get_data(as_text=True)
    received = client.get("/justificatifs?etat=received").get_data(as_text=True)
    nord = client.get(f"/justificatifs?convention={NORD}").get_data(as_text=True)
    year = client.get("/justificatifs?annee=2024").get_data(as_text=True)
    employer = client.get(f"/justificatifs?organisme={cidff.id}").get_data(as_text=True)

    assert NORD in everything and HAUT_RHIN in everything and "EXEMPLE-ISC" in everything
    assert "en retard de" in late and "reçu le" not in late
    assert "reçu le" in received and "en retard de" not in received
    assert nord.count('<tr id="justificatif-') == 2
    assert "30/06/2024" in year and "30/06/2025" not in year
    assert HAUT_RHIN in employer and "EXEMPLE-ISC" not in employer.split("Documents à fournir")[1]


def test_the_list_is_paginated(sign_in, monkeypatch):
    monkeypatch.setattr(obligations_page, "PAGE_SIZE", 3)
    client = sign_in(ADMIN)

    first = client.get("/justificatifs").get_data(as_text=True)
    second = client.get("/justificatifs?page=2&etat=").get_data(as_text=True)

    assert first.count('<tr id="justificatif-') == 3
    assert 'href="/justificatifs?page=2"' in first
    assert second.count('<tr id="justificatif-') >= 1
    assert set(re.findall(r"justificatif-(\d+)", first)).isdisjoint(
        re.findall(r"justificatif-(\d+)", second)
    )


@pytest.mark.parametrize("state", [None, "upcoming", "received"])
def test_the_pages_cut_the_order_of_the_whole_list(app, demo_data, monkeypatch, state):
    # Each page reads only the groups it reaches (late, due, undated, sent, received): put end
    # to end, pages of 2 give back the whole list in the order one ORDER BY gives it.
    monkeypatch.setattr(obligations_page, "PAGE_SIZE", 2)
    today = date(2025, 9, 1)
    every = obligations_page.all_rows(obligations_page.Filters(state=state), today)
    first = obligations_page.page(obligations_page.Filters(state=state), today)
    paged = list(first.rows)
    for number in range(2, first.pages + 1):
        paged += obligations_page.page(
            obligations_page.Filters(state=state, page=number), today
        ).rows
    past = obligations_page.page(obligations_page.Filters(state=state, page=999), today)

    ids = [r.obligation.id for r in every]
    assert [r.obligation.id for r in paged] == ids
    assert [r.obligation.id for r in past.rows] == ids[(first.pages - 1) * 2 :]  # the last
    assert first.total == len(every) and first.pages == -(-len(every) // 2)
    if state is None:  # the list spans every group
        assert {r.state for r in every} >= {"late", "upcoming", "awaited", "sent", "received"}


@pytest.mark.parametrize("shown", [3, 1000])
def test_the_owed_payments_shown_are_the_soonest_then_the_undated(demo_data, monkeypatch, shown):
    monkeypatch.setattr(obligations_page, "OWED_SHOWN", shown)
    owed = _owed(demo_data)
    expected = sorted(
        owed, key=lambda p: (p.due is None, p.due or date.min, p.convention.reference, p.id)
    )[:shown]

    shown_page = obligations_page.page(obligations_page.Filters(), date(2025, 9, 1))

    assert [r.payment.id for r in shown_page.payments] == [p.id for p in expected]
    assert any(p.due is None for p in expected) == (shown > len([p for p in owed if p.due]))


def test_the_page_issues_the_same_number_of_queries_whatever_the_rows(sign_in, db):
    client = sign_in(ADMIN)
    few = _count_queries(db, client, f"/justificatifs?convention={HAUT_RHIN}")
    many = _count_queries(db, client, "/justificatifs")
    for raw in _copies(4):
        conventions.import_all([raw])
    db.session.commit()
    more = _count_queries(db, client, "/justificatifs")
    kept = _count_queries(db, client, "/justificatifs")  # nothing changed: figures kept

    # Computing: the counts, sums, choices and the ids shown, then those rows by id.
    assert few == many == more <= 14
    assert kept <= 8


def _copies(count):
    from convention_manager.exchange import files
    from tests.conftest import DEMO

    raw = files.read(DEMO / "haut-rhin-2024.yaml")[0]
    return [dict(raw, reference=f"COPIE-{n}") for n in range(count)]


def _count_queries(db, client, url):
    statements = []
    db.session.rollback()  # as in a fresh request: a transaction of its own, nothing left over

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_the_cidff_subscribes_to_its_calendar_feed(sign_in, db, app):
    client = sign_in(CIDFF68)
    assert "Créer mon lien d'abonnement" in client.get("/justificatifs").get_data(as_text=True)

    client.post("/justificatifs/calendrier")
    page = client.get("/justificatifs").get_data(as_text=True)
    link = re.search(r'value="(http://localhost/calendrier/[A-Za-z0-9_-]+\.ics)"', page).group(1)
    token = link.rsplit("/", 1)[1].removesuffix(".ics")
    client.post("/deconnexion")

    feed = client.get(f"/calendrier/{token}.ics")

    assert len(token) >= 32
    assert feed.status_code == 200
    assert feed.headers["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(feed.data)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    report = events[f"{HAUT_RHIN} : rapport d'activité à envoyer"]
    assert report.start == date(2025, 6, 30) and report.end == date(2025, 7, 1)
    (alarm,) = report.walk("VALARM")
    assert alarm["TRIGGER"].dt.days == -7
    assert all(NORD not in summary for summary in events)
    assert not any("compte rendu financier" in summary for summary in events)  # already sent


def test_a_regenerated_link_kills_the_old_one_and_a_bad_token_is_404(sign_in, db):
    client = sign_in(CIDFF68)
    client.post("/justificatifs/calendrier")
    cidff = sign_in(CIDFF68)
    old = _token(db)
    cidff.post("/justificatifs/calendrier")
    new = _token(db)
    client.post("/deconnexion")

    assert old != new
    assert client.get(f"/calendrier/{old}.ics").status_code == 404
    assert client.get(f"/calendrier/{new}.ics").status_code == 200
    assert client.get(f"/calendrier/{'x' * 43}.ics").status_code == 404
    assert client.get("/calendrier/court.ics").status_code == 404


def test_only_an_association_has_a_calendar_link(sign_in):
    assert sign_in(FINANCE).post("/justificatifs/calendrier").status_code == 403


def test_the_solde_appears_in_the_feed_once_the_attestation_is_sent(sign_in, db):
    client = sign_in(CIDFF68)
    attestation = obligation(db, HAUT_RHIN, "fipd_spend_attestation")
    send(client, attestation, on="30/09/2024")
    client.post("/justificatifs/calendrier")
    token = _token(db)

    calendar = icalendar.Calendar.from_ical(client.get(f"/calendrier/{token}.ics").data)

    (solde,) = [e for e in calendar.walk("VEVENT") if "solde" in str(e["SUMMARY"])]
    assert "16\u202f637,50\xa0€" in str(solde["DESCRIPTION"])
    (payment,) = [p for p in attestation.convention.payments if p.kind == "balance"]
    assert payment.due is not None and solde.start == payment.due
    assert solde.walk("VALARM") == []


def _token(db):
    db.session.expire_all()
    return db.session.scalars(
        db.select(Organisation.calendar_token).where(Organisation.name.contains("CIDFF 68"))
    ).one()


def test_the_justificatifs_export_as_csv_keeps_the_scope(sign_in):
    import csv
    import io

    client = sign_in(CIDFF68)

    text = client.get("/justificatifs?format=csv").data.decode("utf-8-sig")

    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0][:3] == ["Convention", "Employeur", "Document"]
    assert {line[0] for line in lines[1:]} == {"HAUT-RHIN-ISG-2024"}
    assert any(line[2] == "rapport d'activité" and line[5] == "en retard" for line in lines[1:])


def _owed(db, scope=None):
    """The payments still awaited, refunds aside, counted over every payment in Python."""
    owed = []
    for convention in db.session.scalars(db.select(Convention)):
        employer = convention.employer
        if scope is not None and (employer is None or employer.organisation_id != scope):
            continue
        owed += [
            p
            for p in convention.payments
            if p.status in ("planned", "requested", "ordered") and p.kind != "refund"
        ]
    return owed


def _money(amount):
    from convention_manager import formatting

    return formatting.money(amount)


def test_the_owed_payments_show_the_soonest_and_link_to_the_rest(sign_in, db, monkeypatch):
    monkeypatch.setattr(obligations_page, "OWED_SHOWN", 3)
    client = sign_in(ADMIN)
    owed = _owed(db)
    soonest = sorted(owed, key=lambda p: (p.due is None, p.due or date.max))[:3]

    page = client.get("/justificatifs").get_data(as_text=True)
    section = page.split('id="owed-title"')[1]

    assert len(owed) > 3
    assert section.count("<tr>") == 1 + 3  # the header row and the three soonest
    assert f"{len(owed)} versements, {_money(sum(p.amount for p in owed))} au total" in section
    assert f"et {len(owed) - 3} de plus" in section
    assert all(p.due.strftime("%d/%m/%Y") in section for p in soonest if p.due)
    assert 'href="/versements?etat=open">voir tous les versements à verser</a>' in section
    listed = client.get("/versements?etat=open").get_data(as_text=True)
    assert f"{len(owed)} versements · à verser" in listed


def test_the_association_sees_its_count_and_total_and_no_link_when_all_fit(sign_in, db):
    client = sign_in(CIDFF68)
    cidff = db.session.scalars(
        db.select(Organisation.id).where(Organisation.name.contains("CIDFF 68"))
    ).one()
    owed = _owed(db, cidff)

    section = client.get("/justificatifs").get_data(as_text=True).split("Ce qui vous est dû")[1]

    assert 0 < len(owed) <= obligations_page.OWED_SHOWN
    assert f"{len(owed)} versements, {_money(sum(p.amount for p in owed))} au total" in section
    assert "de plus" not in section and "/versements?etat=open" not in section


def test_the_link_to_the_rest_keeps_the_convention_searched(sign_in, db, monkeypatch):
    monkeypatch.setattr(obligations_page, "OWED_SHOWN", 1)
    client = sign_in(ADMIN)

    page = client.get("/justificatifs?convention=rhin").get_data(as_text=True)

    assert 'href="/versements?etat=open&amp;reference=rhin"' in page


def test_the_convention_filter_finds_part_of_a_reference_in_any_case(sign_in):
    client = sign_in(ADMIN)

    nord = client.get("/justificatifs?convention=+nord-ca2c+").get_data(as_text=True)
    rhin = client.get("/justificatifs?convention=Rhin").get_data(as_text=True)
    rhin = rhin.split("Documents à fournir")[1]  # past the filters and their suggestions
    nothing = client.get("/justificatifs?convention=%25").get_data(as_text=True)

    assert nord.count('<tr id="justificatif-') == 2 and 'value="nord-ca2c"' in nord
    assert HAUT_RHIN in rhin and "BAS-RHIN-ISG-2024" in rhin and NORD not in rhin
    assert '<tr id="justificatif-' not in nothing


def test_references_are_suggested_only_while_they_are_few(app, sign_in, monkeypatch):
    client = sign_in(ADMIN)
    few = client.get("/justificatifs").get_data(as_text=True)
    monkeypatch.setattr(obligations_page, "REFERENCE_CHOICES", 3)
    app.extensions["freshness"] = freshness.Store()  # the limit is read when figures are computed
    many = client.get("/justificatifs").get_data(as_text=True)

    assert 'list="references-conventions"' in few
    assert few.split("<datalist")[1].split("</datalist>")[0].count("<option") == 4
    assert "<datalist" not in many and 'id="filtre-convention"' in many


@pytest.mark.parametrize("query", ["annee=99999", "organisme=99999999999999999999", "page=-3"])
def test_impossible_numbers_in_the_address_are_ignored(sign_in, query):
    response = sign_in(ADMIN).get(f"/justificatifs?{query}")

    assert response.status_code == 200
    assert HAUT_RHIN in response.get_data(as_text=True)


def test_days_late_are_written_the_french_way(sign_in, db):
    report = activity_report(db)
    report.due = date(2020, 1, 31)  # years late: a four-digit count of days
    db.session.commit()
    days = (date.today() - report.due).days

    page = sign_in(ADMIN).get("/justificatifs").get_data(as_text=True)
    dashboard = sign_in(ADMIN).get("/").get_data(as_text=True)

    grouped = f"{days // 1000}\u202f{days % 1000:03d}"
    assert f"en retard de {grouped} jours" in row(page, report)
    assert f"en retard de {grouped} j</span>" in dashboard
