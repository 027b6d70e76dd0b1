"""The load test, tiny: two clients for three seconds against gunicorn, when it is installed."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "load_test.py"


@pytest.mark.skipif(
    importlib.util.find_spec("gunicorn") is None, reason="gunicorn is not installed"
)
def test_load_smoke(app):
    # `app` leaves the suite's PostgreSQL database (if any) empty before and after the run.
    with app.app_context():
        from convention_manager.extensions import db

        db.drop_all()
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--seconds", "3", "--finance", "1", "--drafters", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "requests:" in result.stdout and "errors: 0" in result.stdout
    assert "p95:" in result.stdout
