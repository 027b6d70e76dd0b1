"""The production entry point: `gunicorn convention_manager.wsgi:app`."""

import os
import subprocess
import sys

PROBE = """
import gc
from convention_manager.wsgi import app
frozen = gc.get_freeze_count()
answer = app.test_client().get("/sante")
print(frozen, answer.status_code)
"""


def test_the_wsgi_app_answers_with_what_it_built_frozen(tmp_path):
    environment = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{tmp_path / 'wsgi.sqlite3'}",
        SECRET_KEY="a-long-secret-key-for-this-test-only-0123456789",
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=environment, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    frozen, status = result.stdout.split()
    assert int(frozen) > 50_000  # the app's own objects, left out of every collection
    assert status == "200"


def test_the_wsgi_app_refuses_the_published_secret_key(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'wsgi.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=environment, capture_output=True, text=True, timeout=60
    )

    assert result.returncode != 0 and "SECRET_KEY par défaut" in result.stderr
