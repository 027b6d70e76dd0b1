"""Shared fixtures: a fresh app and database for every test, on SQLite or on the PostgreSQL
server named by DATABASE_URL."""

import os
from pathlib import Path

import pytest

from convention_manager import create_app
from convention_manager.config import normalise_database_url
from convention_manager.extensions import db as _db

DEMO = Path(__file__).resolve().parent.parent / "convention_manager" / "demo"
PASSWORD = "un mot de passe assez long"


def database_url(tmp_path):
    """The suite's database: DATABASE_URL when set (PostgreSQL in CI), else a fresh SQLite file."""
    url = os.environ.get("DATABASE_URL")
    return normalise_database_url(url) if url else f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def app(tmp_path):
    """An app on an empty schema, dropped afterwards."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
            "WTF_CSRF_ENABLED": False,
            # Hashing is exercised all the same, with a cheap setting (scrypt is tested apart).
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "CUSTOM_TEMPLATES_ROOT": str(tmp_path / "instance"),
            "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        }
    )
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.drop_all()
        with _db.engine.begin() as connection:  # left by tests that run the migrations
            connection.execute(_db.text("DROP TABLE IF EXISTS alembic_version"))
        _db.engine.dispose()


@pytest.fixture
def db(app):
    """The database session, inside an application context."""
    with app.app_context():
        yield _db


@pytest.fixture
def client(app):
    """A test client for the pages."""
    return app.test_client()


@pytest.fixture
def cli(app):
    """Invoke a console command: cli("import", path) -> click Result."""
    runner = app.test_cli_runner()

    def invoke(*args, input=None):
        return runner.invoke(args=[str(a) for a in args], input=input)

    return invoke


@pytest.fixture
def create_account(db):
    """Create and commit an account through the service: create_account(role, ...) -> User."""
    from convention_manager.services import accounts

    def create(role="drafter", email=None, organisation_name=None, password=PASSWORD):
        user = accounts.create_user(
            email or f"{role}@example.org", password, role, organisation_name
        )
        db.session.commit()
        return user

    return create


@pytest.fixture
def login(client, create_account):
    """Sign the test client in with a new account: login(role, organisation_name=None) -> User."""

    def sign_in(role="drafter", organisation_name=None, email=None):
        user = create_account(role, email, organisation_name)
        response = client.post("/connexion", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return sign_in


@pytest.fixture
def rendered(app):
    """The names of the templates the app renders during the test, in order."""
    from flask import template_rendered

    names = []

    def seen(sender, template, context, **extra):
        names.append(template.name)

    template_rendered.connect(seen, app)
    yield names
    template_rendered.disconnect(seen, app)


@pytest.fixture
def example_file():
    """The Nord / CA2C convention file (the shared example, shipped again as demo data)."""
    return DEMO / "nord-ca2c-2023.yaml"
