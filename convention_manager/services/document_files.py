"""Writing a convention's documents to a file: DOCX directly, PDF through LibreOffice."""

import tempfile
from pathlib import Path

from convention_manager.documents import pdf
from convention_manager.exceptions import DomainError
from convention_manager.services import documents

FORMATS = (".docx", ".pdf")


def write(convention, kind, output, instance_path=None, avenant_number=None):
    """Fill the document of `kind` into `output` (.docx or .pdf); returns the avenant if any."""
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise DomainError(f"le fichier de sortie doit finir par .docx ou .pdf : « {output} »")
    if avenant_number is not None and kind != "avenant":
        raise DomainError("--avenant ne s'emploie qu'avec --kind avenant")
    if not output.parent.is_dir():
        raise DomainError(f"dossier introuvable : « {output.parent} »")
    if suffix == ".docx":
        return _fill(convention, kind, output, instance_path, avenant_number)
    if not pdf.available():
        pdf.convert(output.with_suffix(".docx"), output)  # raises the "install it" error
    with tempfile.TemporaryDirectory(prefix="convention-docx-") as work:
        docx = Path(work) / f"{output.stem}.docx"
        avenant = _fill(convention, kind, docx, instance_path, avenant_number)
        pdf.convert(docx, output)
    return avenant


def _fill(convention, kind, output, instance_path, avenant_number):
    if kind == "convention":
        documents.render_convention(convention, output, instance_path)
        return None
    if kind == "avenant":
        return documents.render_avenant(convention, avenant_number, output, instance_path)
    documents.render_schedule(convention, output, instance_path)
    return None
