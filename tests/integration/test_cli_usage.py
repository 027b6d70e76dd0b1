"""Bad arguments to the console command: one French line on stderr, status 1, nothing written,
whichever command and whatever click refused (interface.md). Run through the real console
script, so that the top-level group (an unknown command) is the one people use."""

import os
import subprocess

import pytest

from convention_manager.extensions import db as _db
from convention_manager.models import Convention
from tests.integration.test_cli_progress import COMMAND

CASES = [
    (["schedule"], "argument manquant : REFERENCE"),
    (["nosuch"], "commande inconnue « nosuch »"),
    (["deadlines", "--within", "abc"], "--within : nombre entier attendu entre 0 et 36500"),
    (["deadlines", "--within", "99999999"], "--within : nombre entier attendu entre 0 et 36500"),
    (["deadlines", "--bogus"], "option inconnue « --bogus »"),
    (["render", "X", "-o", "x.docx"], "option manquante : --kind"),
    (
        ["render", "X", "--kind", "nope", "-o", "x.docx"],
        "--kind : valeur attendue parmi convention, avenant, schedule",
    ),
    (["schedule", "A", "B"], "argument en trop"),
    (["status", "X", "signed", "--date", "2024-13-01"], "date invalide « 2024-13-01 »"),
    (["payment", "X", "--period"], "l'option « --period » attend une valeur"),
    (
        ["payment", "X", "--period", "2024", "--financer", "etat", "--kind", "single"]
        + ["--tranche", "4294967296", "--status", "paid", "--date", "2024-01-01"],
        "--tranche : nombre entier attendu entre 0 et 999",
    ),
    (["serve", "--port", "0"], "--port : nombre entier attendu entre 1 et 65535"),
]


@pytest.mark.parametrize("args, expected", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_bad_argument_is_one_french_line_and_status_1(app, db, tmp_path, args, expected):
    env = dict(os.environ, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"])
    folder = tmp_path / "cwd"
    folder.mkdir()
    with app.app_context():
        before = _db.session.scalar(_db.select(_db.func.count(Convention.id)))

    done = subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )

    lines = done.stderr.splitlines()
    assert done.returncode == 1
    assert len(lines) == 1 and lines[0].startswith("erreur : "), done.stderr
    assert expected in lines[0]
    assert done.stdout == ""
    assert list(folder.iterdir()) == []
    with app.app_context():
        assert _db.session.scalar(_db.select(_db.func.count(Convention.id))) == before
