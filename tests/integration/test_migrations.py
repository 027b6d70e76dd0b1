"""The schema is managed by migrations: `init-db` builds exactly the models' schema, twice over."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from convention_manager import database
from convention_manager.extensions import db as _db


def test_init_db_builds_the_models_schema_and_is_idempotent(app, cli):
    with app.app_context():
        _db.drop_all()

    first = cli("init-db")
    second = cli("init-db")

    assert first.exit_code == 0 and second.exit_code == 0, first.stderr + second.stderr
    with app.app_context():
        tables = set(inspect(_db.engine).get_table_names())
        assert {
            "convention",
            "party",
            "organisation",
            "period",
            "cost_line",
            "funding_line",
            "tranche",
            "payment",
            "obligation",
            "avenant",
            "user_account",
            "alembic_version",
        } <= tables
        with _db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, _db.metadata) == []


def test_describe_hides_the_password(app):
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://user:secret@127.0.0.1/db"

    assert "secret" not in database.describe(app)
