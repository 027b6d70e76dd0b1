"""Configuration: defaults, then instance/config.py, then the environment, then test overrides."""

import os
from pathlib import Path

DEFAULT_SECRET_KEY = "dev-only-change-me"
UPLOAD_LIMIT = 10 * 1024 * 1024


def load(app, test_config=None):
    """Fill app.config in order of increasing precedence."""
    database = Path(app.instance_path) / "convention_manager.sqlite3"
    app.config.from_mapping(
        SECRET_KEY=DEFAULT_SECRET_KEY,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}",
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
        BABEL_LOCALE="fr_FR",
        # Custom DOCX templates live in <this folder>/docx_templates/ and override the shipped ones.
        CUSTOM_TEMPLATES_ROOT=app.instance_path,
        # scrypt in production; the test suite may choose a cheaper method to stay fast.
        PASSWORD_HASH_METHOD="scrypt",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        # WTForms' own French messages (Meta.locales in the forms), not Flask-Babel's.
        WTF_I18N_ENABLED=False,
        # Files sent with justificatifs: at most 10 Mo each (the service checks it exactly);
        # the request may carry a little more, for the form's other fields.
        UPLOAD_FOLDER=str(Path(app.instance_path) / "uploads"),
        MAX_UPLOAD_SIZE=UPLOAD_LIMIT,
        MAX_CONTENT_LENGTH=UPLOAD_LIMIT + 64 * 1024,
    )
    app.config.from_pyfile("config.py", silent=True)
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(os.environ["DATABASE_URL"])
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if test_config is not None:
        app.config.from_mapping(test_config)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)


def normalise_database_url(url):
    """Use the psycopg 3 driver for plain postgres:// and postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
