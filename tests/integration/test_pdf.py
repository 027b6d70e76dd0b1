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


@needs_libreoffice
def test_render_writes_each_document_as_pdf(cli, tmp_path):
    cli("demo")

    for kind in ("convention", "schedule"):
        output = tmp_path / f"{kind}.pdf"
        result = cli("render", "NORD-CA2C-2023", "--kind", kind, "-o", output)

        assert result.exit_code == 0, result.stderr
        data = output.read_bytes()
        assert data.startswith(b"%PDF-")
        assert b"/MediaBox[0 0 595.3" in data  # A4: 595.3 x 841.9 points
    assert sorted(tmp_path.glob("*.pdf")) == [
        tmp_path / "convention.pdf",
        tmp_path / "schedule.pdf",
    ]
    assert list(tmp_path.glob("*.docx")) == []


def test_render_to_pdf_without_libreoffice_is_one_clear_line(cli, monkeypatch, tmp_path):
    cli("demo")
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)

    result = cli("render", "NORD-CA2C-2023", "--kind", "schedule", "-o", tmp_path / "x.pdf")

    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "libreoffice-writer-nogui" in result.stderr
    assert list(tmp_path.glob("x.*")) == []
