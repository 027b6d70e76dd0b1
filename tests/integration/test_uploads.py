"""Files sent with a justificatif: accepted by extension and content, stored under a random
name beside the convention's other files, attached to the obligation."""

import io
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook

from convention_manager.exceptions import InvalidFile
from convention_manager.models import ObligationFile
from convention_manager.services import conventions, uploads
from tests.functional.test_home import load_demo

LIMIT = 10 * 1024 * 1024


def docx_bytes():
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Rapport d'activité : 312 entretiens, aucune donnée nominative.")
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes():
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Dépenses"
    workbook.save(buffer)
    return buffer.getvalue()


def opendocument_bytes(mimetype):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def zip_bytes(**members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"


@pytest.mark.parametrize(
    ("name", "data", "extension"),
    [
        ("rapport.pdf", b"%PDF-1.4\n%%EOF\n", "pdf"),
        ("Rapport.PDF", b"%PDF-1.7\n", "pdf"),
        ("rapport.docx", docx_bytes(), "docx"),
        ("depenses.xlsx", xlsx_bytes(), "xlsx"),
        ("rapport.odt", opendocument_bytes(ODT), "odt"),
        ("depenses.ods", opendocument_bytes(ODS), "ods"),
    ],
)
def test_genuine_files_are_accepted(name, data, extension):
    assert uploads.check(uploads.Upload(name, data), LIMIT) == (
        extension,
        uploads.CONTENT_TYPES[extension],
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "type de fichier refusé"),
        ("rapport.pdf", b"MZ\x90\x00" + bytes(100), "n'est pas un vrai fichier PDF"),
        ("rapport.docx", b"%PDF-1.4\n", "n'est pas un vrai fichier DOCX"),
        ("rapport.docx", zip_bytes(**{"evil.sh": "rm -rf /"}), "n'est pas un vrai fichier DOCX"),
        ("depenses.xlsx", docx_bytes(), "n'est pas un vrai fichier XLSX"),
        ("rapport.odt", opendocument_bytes(ODS), "n'est pas un vrai fichier ODT"),
        ("rapport.ods", b"PK\x03\x04 not really a zip", "n'est pas un vrai fichier ODS"),
        ("rapport.pdf", b"", "est vide"),
        ("rapport", b"%PDF-1.4\n", "type de fichier refusé"),
        ("rapport.pdf.html", b"%PDF-1.4\n", "type de fichier refusé"),
    ],
)
def test_wrong_files_are_refused_with_a_french_reason(name, data, message):
    with pytest.raises(InvalidFile, match=message):
        uploads.check(uploads.Upload(name, data), LIMIT)


def test_a_file_above_the_limit_is_refused():
    with pytest.raises(InvalidFile, match="dépasse la taille maximale de 10 Mo"):
        uploads.check(uploads.Upload("gros.pdf", b"%PDF-" + bytes(LIMIT)), LIMIT)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("C:\\Users\\Marie\\Rapport 2024.pdf", "Rapport 2024.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("rapport\x00\n.pdf", "rapport.pdf"),
        ("", "fichier"),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_the_original_name_is_kept_without_folders_or_control_characters(given, kept):
    assert uploads.clean_name(given) == kept


def test_store_writes_under_a_random_name_and_attaches_the_file(db, tmp_path):
    load_demo(db, "haut-rhin-2024.yaml")
    obligation = conventions.get("HAUT-RHIN-ISG-2024").obligations[0]

    first = uploads.store(obligation, uploads.Upload("r.pdf", b"%PDF-1"), tmp_path, LIMIT)
    second = uploads.store(obligation, uploads.Upload("r.pdf", b"%PDF-2"), tmp_path, LIMIT)
    db.session.commit()

    assert first.stored_name != second.stored_name
    assert uploads.path_of(first, tmp_path) == tmp_path / str(obligation.convention_id) / (
        first.stored_name
    )
    assert uploads.path_of(second, tmp_path).read_bytes() == b"%PDF-2"
    assert [f.original_name for f in obligation.files] == ["r.pdf", "r.pdf"]
    assert db.session.scalars(db.select(ObligationFile)).all() == [first, second]


def test_store_writes_nothing_for_a_refused_file(db, tmp_path):
    load_demo(db, "haut-rhin-2024.yaml")
    obligation = conventions.get("HAUT-RHIN-ISG-2024").obligations[0]

    folder = tmp_path / "uploads"

    with pytest.raises(InvalidFile):
        uploads.store(obligation, uploads.Upload("r.pdf", b"MZ"), folder, LIMIT)

    assert not folder.exists() and obligation.files == []


def test_a_tampered_stored_name_is_never_turned_into_a_path(tmp_path):
    attached = ObligationFile(stored_name="../../config.py")

    with pytest.raises(InvalidFile):
        uploads.path_of(attached, tmp_path)


def test_deleting_a_convention_deletes_its_file_rows(db, tmp_path):
    load_demo(db, "haut-rhin-2024.yaml")
    convention = conventions.get("HAUT-RHIN-ISG-2024")
    uploads.store(convention.obligations[0], uploads.Upload("r.pdf", b"%PDF-1"), tmp_path, LIMIT)
    db.session.commit()

    db.session.delete(convention)
    db.session.commit()

    assert db.session.scalars(db.select(ObligationFile)).all() == []
