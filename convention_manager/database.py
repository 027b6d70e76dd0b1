"""Schema management: migrations applied through Flask-Migrate (Alembic)."""

import sqlite3
from contextlib import closing
from pathlib import Path

from flask import current_app
from flask_migrate import upgrade as migrate_upgrade
from sqlalchemy.engine import make_url


def upgrade():
    """Bring the schema to the latest migration (creates it on an empty database)."""
    migrate_upgrade(directory=current_app.extensions["migrate"].directory)


def describe(app):
    """The database in use, without its password."""
    return make_url(app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(hide_password=True)


def backup_sqlite(target):
    """Copy the app's SQLite database to a new file, consistently even while it is in use."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or not url.database:
        raise ValueError(
            "sauvegarde intégrée réservée à SQLite : pour PostgreSQL, utilisez pg_dump -Fc"
        )
    target = Path(target)
    if target.exists():
        raise ValueError(f"{target} existe déjà : choisissez un nouveau fichier")
    source = sqlite3.connect(f"file:{url.database}?mode=ro", uri=True)
    try:
        with closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
    finally:
        source.close()
