"""Files sent with a justificatif: accepted by extension AND by their first bytes, stored under
a random name in `<upload folder>/<convention id>/`, read back only as attachments.

Nothing here is ever executed or opened: the checks read the start of the file and, for the
zip-based office formats, the zip's table of contents.
"""

import io
import re
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

from convention_manager.exceptions import InvalidFile
from convention_manager.models import ObligationFile

OOXML = "application/vnd.openxmlformats-officedocument"
OPENDOCUMENT = "application/vnd.oasis.opendocument"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": f"{OOXML}.wordprocessingml.document",
    "xlsx": f"{OOXML}.spreadsheetml.sheet",
    "odt": f"{OPENDOCUMENT}.text",
    "ods": f"{OPENDOCUMENT}.spreadsheet",
}
# The part every genuine file of the format holds.
OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
ACCEPTED = "PDF, DOCX, XLSX, ODT ou ODS"
STORED_NAME = re.compile(r"^[0-9a-f]{32}$")
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Upload:
    """A file as received: the name the sender's computer gave it, and its bytes."""

    filename: str
    data: bytes


def check(upload, limit):
    """The file's extension and content type, or InvalidFile with a French reason."""
    name = clean_name(upload.filename)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in CONTENT_TYPES:
        raise InvalidFile(f"« {name} » : type de fichier refusé (acceptés : {ACCEPTED}).")
    if not upload.data:
        raise InvalidFile(f"« {name} » est vide.")
    if len(upload.data) > limit:
        raise InvalidFile(f"« {name} » dépasse la taille maximale de {limit // MEGABYTE} Mo.")
    if not _content_matches(extension, upload.data):
        raise InvalidFile(
            f"« {name} » n'est pas un vrai fichier {extension.upper()} : son contenu ne "
            "correspond pas à son extension."
        )
    return extension, CONTENT_TYPES[extension]


def store(obligation, upload, folder, limit, user=None):
    """Check the file, write it under a random name and attach it to the obligation."""
    _, content_type = check(upload, limit)
    stored_name = secrets.token_hex(16)
    directory = Path(folder) / str(obligation.convention_id)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / stored_name).write_bytes(upload.data)
    attached = ObligationFile(
        stored_name=stored_name,
        original_name=clean_name(upload.filename),
        content_type=content_type,
        size=len(upload.data),
        uploaded_by=user,
    )
    obligation.files.append(attached)
    return attached


def path_of(attached, folder):
    """Where a stored file's bytes are (only ever built from the random name and an id)."""
    if not STORED_NAME.match(attached.stored_name):
        raise InvalidFile("nom de fichier stocké invalide")
    return Path(folder) / str(attached.obligation.convention_id) / attached.stored_name


def clean_name(filename):
    """The file's own name, without any folder or control character, at most 255 characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if char.isprintable()).strip()
    if len(name) > 255:
        stem, dot, extension = name.rpartition(".")
        name = (stem[: 254 - len(extension)] + dot + extension) if dot else name[:255]
    return name or "fichier"


def _content_matches(extension, data):
    if extension == "pdf":
        return data.startswith(b"%PDF-")
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if extension in OOXML_MAIN_PART:
                return "[Content_Types].xml" in names and OOXML_MAIN_PART[extension] in names
            if "mimetype" not in names:
                return False
            with archive.open("mimetype") as member:
                return member.read(100).strip() == CONTENT_TYPES[extension].encode()
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return False
