"""Custom DOCX templates uploaded from the browser: checked before they are accepted."""

import io
import zipfile

import docx
import pytest

from convention_manager.documents import render
from convention_manager.models import Organisation

SCHEDULE = render.SHIPPED_TEMPLATES / "schedule.docx"


def docx_bytes(*paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(client, kind, content, name="modele.docx"):
    return client.post(
        f"/modeles/{kind}",
        data={"template": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


@pytest.fixture
def custom_folder(app):
    from pathlib import Path

    return Path(app.config["CUSTOM_TEMPLATES_ROOT"]) / "docx_templates"


def test_the_page_lists_the_three_templates_as_shipped(client, login):
    login("drafter")

    page = client.get("/modeles/").get_data(as_text=True)

    for label in ("Convention de partenariat", "Avenant", "Échéancier de versement"):
        assert label in page
    assert page.count("fourni avec l'application") == 3


def test_a_good_template_is_installed_and_fills_the_documents(
    client, login, cli, custom_folder, example_file
):
    login("drafter")
    cli("import", example_file)

    page = upload(client, "schedule", docx_bytes("Échéancier {{ reference }}", "{{ gap }}"))

    assert "installé" in page.get_data(as_text=True)
    assert (custom_folder / "schedule.docx").is_file()
    filled = client.get("/conventions/NORD-CA2C-2023/documents/schedule.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(filled.data)).paragraphs)
    assert "Échéancier NORD-CA2C-2023" in text


@pytest.mark.parametrize(
    "content, message",
    [
        (docx_bytes("{{ signataire_inconnu }}"), "signataire_inconnu"),
        (docx_bytes("{{ ''.__class__ }}"), "__class__"),
        (b"MZ\x90\x00 not a word file", "pas un document Word"),
        (b"", "aucun fichier"),
    ],
    ids=["unknown-variable", "python-internals", "not-a-docx", "empty"],
)
def test_a_bad_template_is_refused_and_nothing_changes(
    client, login, custom_folder, content, message
):
    login("drafter")

    page = upload(client, "schedule", content).get_data(as_text=True)

    assert "Modèle refusé, rien n&#39;a changé" in page or "aucun fichier" in page
    assert message in page
    assert not (custom_folder / "schedule.docx").exists()
    assert not list(custom_folder.glob(".upload-*"))  # no staging file left behind


def test_a_zip_bomb_is_refused(client, login, custom_folder):
    login("drafter")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", "<w:document/>")
        package.writestr("padding.bin", b"\0" * (60 * 2**20))

    page = upload(client, "convention", buffer.getvalue()).get_data(as_text=True)

    assert "se décompresse en plus de" in page
    assert not (custom_folder / "convention.docx").exists()


def test_restoring_goes_back_to_the_shipped_template(client, login, custom_folder):
    login("drafter")
    upload(client, "schedule", SCHEDULE.read_bytes())
    assert (custom_folder / "schedule.docx").is_file()

    page = client.post("/modeles/schedule/retablir", follow_redirects=True).get_data(as_text=True)

    assert "Modèle fourni rétabli" in page
    assert not (custom_folder / "schedule.docx").exists()


def test_the_current_template_can_be_downloaded(client, login):
    login("drafter")

    response = client.get("/modeles/convention.docx")

    assert response.status_code == 200 and response.data.startswith(b"PK")


@pytest.mark.parametrize("role", ["finance", "association"])
def test_other_roles_may_not_touch_templates(client, db, login, role, custom_folder):
    organisation = None
    if role == "association":
        organisation = "Association employeuse"
        db.session.add(Organisation(kind="association", name=organisation))
        db.session.commit()
    login(role, organisation)

    assert client.get("/modeles/").status_code == 403
    assert upload(client, "schedule", SCHEDULE.read_bytes()).status_code == 403
    assert not (custom_folder / "schedule.docx").exists()
