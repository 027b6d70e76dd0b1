"""Backups: `export --all` then `import` into an empty database gives the same conventions back,
states, avenants and terminations included; `backup FILE` copies a live SQLite database."""

import sqlite3
from datetime import date

import pytest
import yaml

from convention_manager.extensions import db as _db
from convention_manager.models import Convention
from convention_manager.services import avenants, demo, exports, lifecycle


def load_demo_with_more_states(example_file):
    """The demo, plus an avenant to a signed convention and a terminated one."""
    demo.load()
    demo.load_accounts()
    raw = exports.export("EXEMPLE-ISC-2025-2027")
    raw = {k: v for k, v in raw.items() if k not in ("payments", "obligations", "avenants")}
    raw["court"] = "Tribunal administratif de Strasbourg (avenant)"
    avenants.record("EXEMPLE-ISC-2025-2027", raw, requested=date(2025, 6, 2), signed=None)
    data = yaml.safe_load(example_file.read_text(encoding="utf-8"))
    data.update(reference="NORD-RESILIEE-2023", status="active", signed=date(2023, 6, 30))
    from convention_manager.services import conventions

    (terminated,) = conventions.import_all([data])
    lifecycle.terminate(terminated, date(2023, 9, 1))
    _db.session.commit()


def schedules(cli, references):
    return {ref: cli("schedule", ref, "--json").stdout for ref in references}


def test_export_then_import_into_an_empty_database_gives_everything_back(
    app, cli, example_file, tmp_path
):
    with app.app_context():
        load_demo_with_more_states(example_file)
        references = sorted(_db.session.scalars(_db.select(Convention.reference)))
    first = cli("export", "--all")
    assert first.exit_code == 0, first.stderr
    before = schedules(cli, references)
    assert "avenants:" in first.stdout and "status: terminated" in first.stdout
    backup = tmp_path / "conventions.yaml"
    backup.write_text(first.stdout, encoding="utf-8")

    with app.app_context():
        _db.session.remove()
        _db.drop_all()
        _db.create_all()
        assert _db.session.scalar(_db.select(_db.func.count(Convention.id))) == 0
    restored = cli("import", backup)
    second = cli("export", "--all")

    assert restored.exit_code == 0, restored.stderr
    assert restored.stdout.split() == references
    assert second.stdout == first.stdout
    assert schedules(cli, references) == before
    assert all(before.values())


def test_backup_copies_a_live_sqlite_database(app, cli, example_file, tmp_path):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("online backup of an SQLite file; PostgreSQL uses pg_dump")
    cli("import", example_file)
    target = tmp_path / "copy.sqlite3"

    result = cli("backup", target)

    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT reference FROM convention").fetchall() == [("NORD-CA2C-2023",)]


def test_backup_refuses_an_existing_file_and_other_databases(app, cli, tmp_path):
    target = tmp_path / "exists.sqlite3"
    target.write_text("x")

    result = cli("backup", target)

    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert target.read_text() == "x"
