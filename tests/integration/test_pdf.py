"""PDF output through LibreOffice: real conversion when installed, a clear error otherwise."""

import shutil

import pytest

from convention_manager import PROJECT_ROOT
from convention_manager.documents import pdf
from convention_manager.exceptions import DomainError

needs_libreoffice = pytest.mark.skipif(
    not pdf.available(),
    reason="LibreOffice is not installed (Debian package libreoffice-writer-nogui)",
)


@needs_libreoffice
def test_convert_writes_a_real_pdf(tmp_path):
    source = tmp_path / "echeancier.docx"
    shutil.copy(PROJECT_ROOT / "docx_templates" / "schedule.docx", source)

    result = pdf.convert(source, tmp_path / "out.pdf")

    data = result.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 1000


def test_without_libreoffice_the_error_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)

    with pytest.raises(pdf.PdfUnavailable, match="libreoffice-writer-nogui"):
        pdf.convert(tmp_path / "x.docx", tmp_path / "x.pdf")


@needs_libreoffice
def test_a_missing_source_is_a_domain_error_and_writes_nothing(tmp_path):
    with pytest.raises(DomainError):
        pdf.convert(tmp_path / "missing.docx", tmp_path / "missing.pdf")

    assert not (tmp_path / "missing.pdf").exists()
