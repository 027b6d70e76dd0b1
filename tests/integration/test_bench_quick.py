"""bench/run.py --quick: the one benchmark command runs through and prints every line of its
table (the figures themselves vary with the machine and are not checked).

On SQLite it measures SQLite alone; when the suite runs on PostgreSQL it measures the suite's
database alone (`--postgres-only`), so that both code paths are exercised.
"""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "run.py"
LINES = (
    "generate, conventions/s",
    "GET / (admin) median ms",
    "GET / (admin) p95 ms",
    "GET / (admin) after a change, median ms",
    "GET / (admin) after a change, p95 ms",
    "GET / (admin) SQL queries",
    "GET /versements (admin) median ms",
    "GET /justificatifs (admin) median ms",
    "GET /portefeuille (admin) median ms",
    "GET / (association) median ms",
    "GET / (association) after a change, median ms",
    "GET / (association) SQL queries",
    "deadlines --json, ms/convention",
    "schedule REF --json, ms/convention",
    "import FILE, conventions/s",
    "export --all, conventions/s",
    "DOCX convention, ours/bare docxtpl (medians)",
    "DOCX avenant, ours/bare docxtpl (medians)",
    "DOCX schedule, ours/bare docxtpl (medians)",
    "render --all --jobs 1, conventions/s",
    "render --all --jobs 2, conventions/s",
    "gunicorn GET /sante, requests/s",
    "gunicorn GET / (admin), requests/s",
    "gunicorn dashboard / trivial endpoint",
)


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("gunicorn") is None, reason="gunicorn is not installed"
)
def test_quick_run_prints_every_line_of_the_table(app):
    # `app` leaves the suite's PostgreSQL database (if any) empty before and after the run.
    with app.app_context():
        from convention_manager.extensions import db

        db.drop_all()
    postgres = bool(os.environ.get("DATABASE_URL"))
    environment = dict(os.environ)
    if not postgres:
        environment.pop("DATABASE_URL", None)
    option = "--postgres-only" if postgres else "--sqlite-only"

    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", option],
        capture_output=True,
        text=True,
        timeout=600,
        env=environment,
    )

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = result.stdout
    assert ("== PostgreSQL" if postgres else "== SQLite") in report
    for line in LINES:
        assert line in report, f"missing line « {line} »\n{report}"
    assert "targets met" in report
    assert "Traceback" not in result.stderr
