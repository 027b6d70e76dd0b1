"""Sessions and secrets: sign-in throttling, HTTPS-only cookies, security headers, no inline
script, and no start on the published default secret key."""

import re
from pathlib import Path

import pytest

from convention_manager import create_app
from convention_manager.config import DEFAULT_SECRET_KEY
from convention_manager.services import throttle
from convention_manager.views.headers import CONTENT_SECURITY_POLICY
from tests.conftest import PASSWORD

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
EMAIL = "redaction@example.org"


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    """No setting from the environment of whoever runs the suite."""
    for name in (
        "SECRET_KEY",
        "FLASK_DEBUG",
        "SESSION_COOKIE_SECURE",
        "REMEMBER_COOKIE_SECURE",
        "ALLOW_DEFAULT_SECRET_KEY",
    ):
        monkeypatch.delenv(name, raising=False)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _fail(client, email=EMAIL, times=1):
    for _ in range(times):
        response = client.post("/connexion", data={"email": email, "password": "mauvais"})
    return response


@pytest.mark.parametrize(
    ("failures", "elapsed", "wait"),
    [(4, 0, 0), (5, 0, 900), (5, 60, 840), (5, 900, 0), (6, 899, 1)],
)
def test_the_window_slides(failures, elapsed, wait):
    clock = Clock()
    window = throttle.SlidingWindow(5, 900, clock=clock)
    for _ in range(failures):
        window.fail("k")
    clock.now += elapsed

    assert window.wait("k") == wait


def test_a_reset_forgets_the_failures_of_that_key_only():
    window = throttle.SlidingWindow(1, 900, clock=Clock())
    window.fail("a")
    window.fail("b")

    window.reset("a")

    assert window.wait("a") == 0 and window.wait("b") == 900


@pytest.mark.parametrize(
    ("seconds", "message"),
    [
        (900, "Trop de tentatives, réessayez dans 15 minutes."),
        (61, "Trop de tentatives, réessayez dans 2 minutes."),
        (30, "Trop de tentatives, réessayez dans 1 minute."),
    ],
)
def test_the_refusal_says_how_long_to_wait(seconds, message):
    assert throttle.refusal(seconds) == message


def test_five_failures_refuse_even_the_right_password(app, client, create_account):
    create_account("drafter", EMAIL)
    assert _fail(client, times=5).status_code == 200

    response = client.post("/connexion", data={"email": EMAIL, "password": PASSWORD})

    assert response.status_code == 429
    assert "Trop de tentatives, réessayez dans 15 minutes." in response.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still anonymous


def test_a_refused_attempt_does_not_check_the_password(app, client, create_account, monkeypatch):
    create_account("drafter", EMAIL)
    _fail(client, times=5)
    from convention_manager.services import accounts

    monkeypatch.setattr(accounts, "authenticate", lambda *args: pytest.fail("checked"))

    assert _fail(client).status_code == 429


def test_the_count_is_per_address_and_a_success_resets_it(app, client, create_account):
    create_account("drafter", EMAIL)
    create_account("finance", "finances@example.org")
    _fail(client, times=4)
    _fail(client, email="finances@example.org", times=5)

    assert client.post("/connexion", data={"email": EMAIL, "password": PASSWORD}).status_code == 302
    client.post("/deconnexion")
    assert _fail(client, times=4).status_code == 200  # counted from zero again
    refused = client.post(
        "/connexion", data={"email": "finances@example.org", "password": PASSWORD}
    )
    assert refused.status_code == 429


def test_the_limit_and_window_are_settings(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "LOGIN_MAX_FAILURES": 2,
            "LOGIN_WINDOW_SECONDS": 60,
        }
    )

    window = throttle.for_app(app)

    assert (window.limit, window.window) == (2, 60)
    assert throttle.for_app(app) is window


def _app(tmp_path, **settings):
    return create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}", **settings}
    )


@pytest.mark.parametrize(
    ("settings", "secure"),
    [
        ({"SECRET_KEY": "k"}, True),
        ({"SECRET_KEY": "k", "TESTING": True}, False),
        ({"SECRET_KEY": "k", "DEBUG": True}, False),
        ({"SECRET_KEY": "k", "SESSION_COOKIE_SECURE": False}, False),
        ({"SECRET_KEY": "k", "TESTING": True, "SESSION_COOKIE_SECURE": True}, True),
    ],
)
def test_cookies_are_https_only_unless_developing_testing_or_told(tmp_path, settings, secure):
    app = _app(tmp_path, **settings)

    assert app.config["SESSION_COOKIE_SECURE"] is secure
    assert app.config["REMEMBER_COOKIE_SECURE"] is secure


def test_the_environment_may_allow_plain_http_cookies(tmp_path, monkeypatch):
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "0")

    app = _app(tmp_path, SECRET_KEY="k")

    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["REMEMBER_COOKIE_SECURE"] is False


def test_the_session_cookie_is_sent_secure_httponly_and_lax(tmp_path, create_account, db, app):
    app.config["SESSION_COOKIE_SECURE"] = True
    create_account("drafter", EMAIL)

    response = app.test_client().post("/connexion", data={"email": EMAIL, "password": PASSWORD})

    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_default_secret_key_refuses_to_start(tmp_path, monkeypatch):
    with pytest.raises(RuntimeError, match="SECRET_KEY par défaut : définissez SECRET_KEY"):
        _app(tmp_path)


@pytest.mark.parametrize(
    "allowed", [{"TESTING": True}, {"DEBUG": True}, {"ALLOW_DEFAULT_SECRET_KEY": True}]
)
def test_the_default_secret_key_is_allowed_to_develop_and_test(tmp_path, monkeypatch, allowed):
    assert _app(tmp_path, **allowed).config["SECRET_KEY"] == DEFAULT_SECRET_KEY


def test_the_environment_may_allow_the_default_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLOW_DEFAULT_SECRET_KEY", "1")

    assert _app(tmp_path).config["SECRET_KEY"] == DEFAULT_SECRET_KEY


@pytest.mark.parametrize("url", ["/connexion", "/", "/does-not-exist", "/static/app.css"])
def test_every_response_carries_the_security_headers(client, login, url):
    login("admin")

    response = client.get(url)

    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_no_template_has_inline_script(template):
    text = template.read_text(encoding="utf-8")

    assert not INLINE_SCRIPT.search(text)
    assert not HANDLER.search(text)
    assert not JAVASCRIPT_URL.search(text)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/conventions/NORD-CA2C-2023",
        "/conventions/nouvelle",
        "/versements",
        "/justificatifs",
        "/portefeuille",
        "/modeles/",
    ],
)
def test_rendered_pages_have_no_inline_script(client, db, login, url):
    from tests.functional.test_home import load_demo

    load_demo(db, "nord-ca2c-2023.yaml")
    login("admin")

    page = client.get(url).get_data(as_text=True)

    assert "<html" in page
    assert not INLINE_SCRIPT.search(page)
    assert not HANDLER.search(page)
    assert not JAVASCRIPT_URL.search(page)


def test_the_console_commands_run_without_a_key_but_serve_refuses(tmp_path, monkeypatch):
    """`import`, `schedule`… open no session; only `serve` needs a real SECRET_KEY."""
    from convention_manager import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app(
        {"COMMAND_LINE": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'k.sqlite3'}"}
    )
    runner = app.test_cli_runner()

    served = runner.invoke(args=["serve", "--port", "1"])

    assert served.exit_code == 1
    assert "SECRET_KEY par défaut" in served.stderr
    # The app was created on the default key, so every other command can run.
    assert app.config["SECRET_KEY"] == "dev-only-change-me"
