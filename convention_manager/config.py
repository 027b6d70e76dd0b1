"""Configuration: defaults, then instance/config.py, then the environment, then test overrides."""

import os
from pathlib import Path

DEFAULT_SECRET_KEY = "dev-only-change-me"
UPLOAD_LIMIT = 10 * 1024 * 1024
# Yes/no settings the environment may give, e.g. SESSION_COOKIE_SECURE=0 on a plain-HTTP intranet.
FLAGS = (
    "SESSION_COOKIE_SECURE",
    "REMEMBER_COOKIE_SECURE",
    "ALLOW_DEFAULT_SECRET_KEY",
    "KEEP_FIGURES",
)
TRUE_WORDS = ("1", "true", "yes", "oui", "on")


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
        # None: decided at the end of load() (HTTPS-only cookies unless developing or testing).
        SESSION_COOKIE_SECURE=None,
        REMEMBER_COOKIE_SECURE=None,
        ALLOW_DEFAULT_SECRET_KEY=False,
        # Sign-in: at most this many failures per (address, remote address) in the window.
        LOGIN_MAX_FAILURES=5,
        LOGIN_WINDOW_SECONDS=15 * 60,
        # WTForms' own French messages (Meta.locales in the forms), not Flask-Babel's.
        WTF_I18N_ENABLED=False,
        # Files sent with justificatifs: at most 10 Mo each (the service checks it exactly);
        # the request may carry a little more, for the form's other fields.
        UPLOAD_FOLDER=str(Path(app.instance_path) / "uploads"),
        MAX_UPLOAD_SIZE=UPLOAD_LIMIT,
        MAX_CONTENT_LENGTH=UPLOAD_LIMIT + 64 * 1024,
        # Counts and panels of the list pages kept per process until the data stamp moves
        # (convention_manager.freshness); off, every request computes them again.
        KEEP_FIGURES=True,
    )
    app.config.from_pyfile("config.py", silent=True)
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(os.environ["DATABASE_URL"])
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    for name in FLAGS:
        if os.environ.get(name):
            app.config[name] = os.environ[name].strip().lower() in TRUE_WORDS
    if test_config is not None:
        app.config.from_mapping(test_config)
    secure_cookies(app.config)
    refuse_default_secret_key(app.config)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)


def secure_cookies(settings):
    """Cookies over HTTPS only, unless developing, testing, or told otherwise (plain-HTTP
    intranet: SESSION_COOKIE_SECURE=0)."""
    if settings["SESSION_COOKIE_SECURE"] is None:
        settings["SESSION_COOKIE_SECURE"] = not (settings["DEBUG"] or settings["TESTING"])
    if settings["REMEMBER_COOKIE_SECURE"] is None:
        settings["REMEMBER_COOKIE_SECURE"] = settings["SESSION_COOKIE_SECURE"]


def refuse_default_secret_key(settings, serving=False):
    """Anyone who knows the published default key can forge a session: refuse to serve on it.

    The console commands other than `serve` open no session, so they run without a key.
    """
    if settings["SECRET_KEY"] != DEFAULT_SECRET_KEY:
        return
    if settings["DEBUG"] or settings["TESTING"] or settings["ALLOW_DEFAULT_SECRET_KEY"]:
        return
    if settings.get("COMMAND_LINE") and not serving:
        return
    raise RuntimeError(
        "SECRET_KEY par défaut : définissez SECRET_KEY (variable d'environnement ou "
        "instance/config.py) avec une longue chaîne aléatoire, par exemple "
        '`python -c "import secrets; print(secrets.token_hex(32))"`. '
        "Pour essayer l'application sur votre poste : scripts/run.sh."
    )


def normalise_database_url(url):
    """Use the psycopg 3 driver for plain postgres:// and postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
