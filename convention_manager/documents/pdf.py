"""DOCX to PDF through LibreOffice, when it is installed.

Each conversion gets its own LibreOffice profile and HOME: two soffice processes sharing a profile
conflict, and one of them silently writes nothing.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from convention_manager.exceptions import DomainError

CANDIDATES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 120


class PdfUnavailable(DomainError):
    """LibreOffice is not installed on this machine."""


def converter():
    """The LibreOffice executable, or None when it is not installed."""
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


def available():
    """True when DOCX can be turned into PDF here."""
    return converter() is not None


def convert(docx_path, pdf_path):
    """Write `pdf_path` from `docx_path`; raises a French DomainError when it cannot."""
    executable = converter()
    if executable is None:
        raise PdfUnavailable(
            "conversion PDF impossible : LibreOffice n'est pas installé "
            "(paquet Debian libreoffice-writer-nogui) ; demandez un fichier .docx"
        )
    with tempfile.TemporaryDirectory(prefix="convention-pdf-") as work:
        work = Path(work)
        command = [
            executable,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx_path),
        ]
        try:
            subprocess.run(
                command,
                check=True,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                env={"HOME": str(work), "PATH": "/usr/bin:/bin"},
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise DomainError(f"la conversion PDF a échoué ({type(error).__name__})") from None
        produced = work / (Path(docx_path).stem + ".pdf")
        if not produced.exists():
            raise DomainError("la conversion PDF n'a produit aucun fichier")
        shutil.move(str(produced), str(pdf_path))
    return Path(pdf_path)
