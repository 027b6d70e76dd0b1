"""Browser tests: the real pages served on loopback, driven in Debian's headless Chromium.

Skipped, with the reason shown, when Chromium or Playwright is missing (CI installs both).
"""

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from convention_manager import create_app
from convention_manager.extensions import db as _db
from convention_manager.services import demo
from tests.conftest import database_url

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = demo.PASSWORD


def _missing_part():
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (Debian package chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed"
    return None


def pytest_collection_modifyitems(items):
    """Skip every browser test, saying why, when a part is missing."""
    reason = _missing_part()
    if reason:
        for item in items:
            if "tests/browser/" in str(item.fspath):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def live_app(tmp_path_factory):
    """The app the browser tests serve, with the demo data and accounts."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "browser-tests",
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path_factory.mktemp("browser")),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "CUSTOM_TEMPLATES_ROOT": str(tmp_path_factory.mktemp("instance")),
            "UPLOAD_FOLDER": str(tmp_path_factory.mktemp("uploads")),
        }
    )
    with app.app_context():
        _db.drop_all()
        _db.create_all()
        demo.load()
        demo.load_accounts()
        _db.session.commit()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


@pytest.fixture(scope="module")
def live_server(live_app):
    """The app served by a real HTTP server on a free loopback port."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (its own cookies) and page, in French."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the real login form: sign_in("finances@demo.invalid")."""

    def sign_in(email, password=DEMO_PASSWORD):
        page.goto(f"{live_server}/")
        page.get_by_label("Adresse électronique").fill(email)
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Se connecter").click()
        return page

    return sign_in
