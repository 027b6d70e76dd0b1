"""Schema management: migrations applied through Flask-Migrate (Alembic)."""

from flask import current_app
from flask_migrate import upgrade as migrate_upgrade
from sqlalchemy.engine import make_url


def upgrade():
    """Bring the schema to the latest migration (creates it on an empty database)."""
    migrate_upgrade(directory=current_app.extensions["migrate"].directory)


def describe(app):
    """The database in use, without its password."""
    return make_url(app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(hide_password=True)
