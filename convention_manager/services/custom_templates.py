"""Custom DOCX templates: a user's own Word file replacing a shipped template, checked first.

A file is accepted only once `documents.checks.check_template` passes on it (a plain DOCX, no
macros, no zip bomb, only the catalogue's variables, no construct reaching outside the data); it
is then moved into place in one step, so a document is never filled from a half-written file.
"""

import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from convention_manager.documents import catalogue, checks, render
from convention_manager.exceptions import DomainError, NotFound

MAX_TEMPLATE_SIZE = 5 * 2**20
LABELS = {
    "convention": "Convention de partenariat",
    "avenant": "Avenant",
    "schedule": "Échéancier de versement",
}


@dataclass(frozen=True)
class TemplateState:
    """Which file fills one kind of document."""

    kind: str
    label: str
    custom: bool
    updated: datetime | None


def folder(root):
    """Where custom templates live under the configured root."""
    return Path(root) / "docx_templates"


def states(root):
    """Each kind of document with whether a custom template replaces the shipped one."""
    result = []
    for kind in catalogue.KINDS:
        path = folder(root) / f"{kind}.docx"
        custom = path.is_file()
        updated = datetime.fromtimestamp(path.stat().st_mtime) if custom else None
        result.append(TemplateState(kind, LABELS[kind], custom, updated))
    return result


def install(kind, stream, root):
    """Check an uploaded DOCX and, if it passes, make it the template of `kind`."""
    _known(kind)
    target_folder = folder(root)
    target_folder.mkdir(parents=True, exist_ok=True)
    staging = target_folder / f".upload-{secrets.token_hex(8)}.docx"
    try:
        _save_limited(stream, staging)
        checks.check_template(staging, kind)
        os.replace(staging, target_folder / f"{kind}.docx")
    finally:
        staging.unlink(missing_ok=True)
    return target_folder / f"{kind}.docx"


def restore(kind, root):
    """Go back to the shipped template for `kind`."""
    _known(kind)
    path = folder(root) / f"{kind}.docx"
    if not path.is_file():
        raise NotFound(f"aucun modèle personnalisé pour « {LABELS[kind]} »")
    path.unlink()


def current(kind, root):
    """The file that fills `kind` now (custom or shipped)."""
    _known(kind)
    return render.template_path(kind, root)


def _known(kind):
    if kind not in catalogue.KINDS:
        raise NotFound(f"type de document inconnu « {kind} »")


def _save_limited(stream, path):
    written = 0
    with path.open("wb") as out:
        while chunk := stream.read(64 * 1024):
            written += len(chunk)
            if written > MAX_TEMPLATE_SIZE:
                raise DomainError(
                    f"modèle trop volumineux (plus de {MAX_TEMPLATE_SIZE // 2**20} Mo)"
                )
            out.write(chunk)
    if written == 0:
        raise DomainError("aucun fichier reçu : choisissez un document Word (.docx)")
