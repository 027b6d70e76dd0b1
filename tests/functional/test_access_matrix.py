"""Access control, route by route: every endpoint of the URL map, every role, the outcome expected.

The demo data is loaded once for the module; requests that would write are either refused (and
then proved to change nothing) or sent empty by the roles allowed, so that the data stays as
loaded. A route added to the app without a line in EXPECTED fails `test_every_route_has_a_rule`.
"""

from datetime import date
from pathlib import Path

import pytest

from convention_manager import create_app
from convention_manager.extensions import db as _db
from convention_manager.models import Obligation, Organisation, Payment
from convention_manager.services import avenants, calendar_feed, demo, exports, uploads
from convention_manager.views.auth import PUBLIC_ENDPOINTS
from tests.conftest import database_url

OWN, OTHER = "HAUT-RHIN-ISG-2024", "NORD-CA2C-2023"
AMENDED = "EXEMPLE-ISC-2025-2027"  # the only demo convention that can take an avenant
CIDFF = "Centre d'information sur les droits des femmes et des familles du Haut-Rhin (CIDFF 68)"
ACCOUNTS = {
    "admin": "admin@demo.invalid",
    "drafter": "redaction@demo.invalid",
    "finance": "finances@demo.invalid",
    "association": "cidff68@demo.invalid",
    "other": "cidff68@demo.invalid",  # the same association, on another organisation's data
}
VIEWERS = ("admin", "drafter", "finance", "association", "other")
LOGIN = "login"  # a redirect to the sign-in page
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# (endpoint, method): outcome for admin, drafter, finance, the CIDFF 68 on its own convention,
# the CIDFF 68 on another organisation's convention. Anonymous visitors get LOGIN except where
# ANONYMOUS says otherwise.
EXPECTED = {
    ("auth.login", "GET"): (302, 302, 302, 302, 302),
    ("auth.login", "POST"): (302, 302, 302, 302, 302),
    ("auth.logout", "POST"): (302, 302, 302, 302, 302),
    ("home.index", "GET"): (200, 200, 200, 200, 200),
    ("conventions.show", "GET"): (200, 200, 200, 200, 404),
    ("conventions.document", "GET"): (200, 200, 200, 200, 404),
    ("history.show", "GET"): (200, 200, 200, 200, 404),
    # The CIDFF is party to no amended convention: both its URLs name another organisation's.
    ("conventions.avenant", "GET"): (200, 200, 200, 404, 404),
    ("drafting.new", "GET"): (200, 200, 403, 403, 403),
    ("drafting.new", "POST"): (200, 200, 403, 403, 403),
    ("drafting.edit", "GET"): (302, 302, 403, 403, 403),  # Haut-Rhin is no longer a draft
    ("drafting.edit", "POST"): (302, 302, 403, 403, 403),
    ("drafting.avenant", "GET"): (302, 302, 403, 403, 403),  # ...nor amendable: it has ended
    ("drafting.avenant", "POST"): (302, 302, 403, 403, 403),
    ("drafting.renew", "POST"): (302, 302, 403, 403, 403),
    ("drafting.move", "POST"): (302, 302, 403, 403, 403),
    ("drafting.terminate", "POST"): (302, 302, 403, 403, 403),
    ("payments.index", "GET"): (200, 200, 200, 200, 200),
    ("payments.record", "POST"): (302, 403, 302, 403, 403),
    ("obligations.index", "GET"): (200, 200, 200, 200, 200),
    ("obligations.send", "POST"): (302, 403, 403, 302, 404),
    ("obligations.receive", "POST"): (302, 302, 302, 403, 403),
    ("obligations.download", "GET"): (200, 200, 200, 200, 404),
    ("obligations.new_calendar_link", "POST"): (403, 403, 403, 302, 302),
    ("obligations.calendar", "GET"): (200, 200, 200, 200, 404),  # other: an unknown token
    ("portfolio.index", "GET"): (200, 200, 200, 403, 403),
    ("document_templates.index", "GET"): (200, 200, 403, 403, 403),
    ("document_templates.download", "GET"): (200, 200, 403, 403, 403),
    ("document_templates.upload", "POST"): (302, 302, 403, 403, 403),
    ("document_templates.restore", "POST"): (302, 302, 403, 403, 403),
    ("health.check", "GET"): (200, 200, 200, 200, 200),
}
ANONYMOUS = {
    ("auth.login", "GET"): 200,
    ("auth.login", "POST"): 200,  # the form again, with its errors
    ("obligations.calendar", "GET"): 200,  # the secret link is the key
    ("health.check", "GET"): 200,  # the readiness probe
}

# What a refused request sends: what would have worked had the role allowed it.
POST_DATA = {
    "drafting.new": {"action": "save", "reference": "ACCES-2025"},
    "drafting.edit": {"action": "save"},
    "drafting.avenant": {"action": "confirm"},
    "drafting.renew": {"reference": "ACCES-2025", "start": "01/01/2025", "end": "31/12/2025"},
    "drafting.move": {"status": "ended", "on": "31/12/2024"},
    "drafting.terminate": {"formal_notice": "01/09/2024", "on": "01/10/2024"},
    "payments.record": {"status": "paid", "on": "01/10/2024"},
    "obligations.send": {"on": "01/10/2024"},
    "obligations.receive": {"on": "01/10/2025"},
}


def _path_args(endpoint, ids, own):
    """The URL arguments of an endpoint, on the CIDFF's own data or on another organisation's."""
    side = "own" if own else "other"
    reference = OWN if own else OTHER
    by_endpoint = {
        "conventions.show": {"reference": reference},
        "history.show": {"reference": reference},
        "conventions.document": {"reference": reference, "kind": "convention", "suffix": "docx"},
        "conventions.avenant": {"reference": AMENDED, "number": 1, "suffix": "docx"},
        "payments.record": {"payment_id": ids["payment"][side]},
        "obligations.send": {"obligation_id": ids["pending"][side]},
        "obligations.receive": {"obligation_id": ids["sent"][side]},
        "obligations.download": {"file_id": ids["file"][side]},
        "obligations.calendar": {"token": ids["token"] if own else "pas-un-lien-valide"},
        "document_templates.download": {"kind": "convention"},
        "document_templates.upload": {"kind": "convention"},
        "document_templates.restore": {"kind": "convention"},
    }
    if endpoint.startswith("drafting.") and endpoint != "drafting.new":
        return {"reference": reference}
    return by_endpoint.get(endpoint, {})


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    """One app with the demo data, accounts, two attached files and a calendar link."""
    folder = tmp_path_factory.mktemp("access")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": database_url(folder),
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "CUSTOM_TEMPLATES_ROOT": str(folder / "instance"),
            "UPLOAD_FOLDER": str(folder / "uploads"),
        }
    )
    with app.app_context():
        _db.drop_all()
        _db.create_all()
        demo.load()
        demo.load_accounts()
        raw = exports.export(AMENDED)
        raw = {k: v for k, v in raw.items() if k not in ("payments", "obligations", "avenants")}
        raw["court"] = "Tribunal administratif de Strasbourg (avenant)"
        avenants.record(AMENDED, raw, requested=date(2025, 6, 2), signed=None)
        app.ids = _identifiers(app)
        _db.session.commit()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


def _identifiers(app):
    def first(model, reference, **where):
        query = _db.select(model).where(model.convention.has(reference=reference))
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return _db.session.scalars(query.order_by(model.id)).first()

    def attach(reference):
        obligation = first(Obligation, reference)
        upload = uploads.Upload("rapport.pdf", PDF)
        return uploads.store(obligation, upload, app.config["UPLOAD_FOLDER"], 10**6)

    files = {"own": attach(OWN), "other": attach(OTHER)}
    pending = {"own": first(Obligation, OWN, status="pending")}
    pending["other"] = first(Obligation, AMENDED, status="pending") or first(Obligation, AMENDED)
    sent = {"own": first(Obligation, OWN, status="sent"), "other": first(Obligation, AMENDED)}
    cidff = _db.session.scalars(_db.select(Organisation).filter_by(name=CIDFF)).one()
    token = calendar_feed.regenerate(cidff)
    _db.session.flush()
    return {
        "payment": {"own": first(Payment, OWN).id, "other": first(Payment, OTHER).id},
        "pending": {side: o.id for side, o in pending.items()},
        "sent": {side: o.id for side, o in sent.items()},
        "file": {side: f.id for side, f in files.items()},
        "token": token,
    }


def _client(app, viewer):
    client = app.test_client()
    if viewer != "anonymous":
        response = client.post(
            "/connexion", data={"email": ACCOUNTS[viewer], "password": demo.PASSWORD}
        )
        assert response.status_code == 302, viewer
    return client


def _url(app, endpoint, own):
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **_path_args(endpoint, app.ids, own))


def fingerprint(app):
    """Every row of every table, and the files written under the instance folders."""
    with app.app_context():
        rows = {
            table.name: sorted(
                (tuple(map(repr, row)) for row in _db.session.execute(table.select())), key=str
            )
            for table in _db.metadata.sorted_tables
        }
        _db.session.remove()
    files = sorted(
        str(path)
        for key in ("CUSTOM_TEMPLATES_ROOT", "UPLOAD_FOLDER")
        for path in Path(app.config[key]).rglob("*")
    )
    return rows, files


def _routes(app):
    return {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_route_has_a_rule(demo_app):
    routes = _routes(demo_app)

    assert routes - EXPECTED.keys() == set(), "a new route needs its line in EXPECTED"
    assert EXPECTED.keys() - routes == set(), "EXPECTED names a route the app no longer has"
    assert {endpoint for endpoint, _ in ANONYMOUS} | {"static"} == PUBLIC_ENDPOINTS


@pytest.mark.parametrize(("endpoint", "method"), sorted(EXPECTED))
def test_anonymous_visitors(demo_app, endpoint, method):
    client = _client(demo_app, "anonymous")
    url = _url(demo_app, endpoint, own=True)
    before = fingerprint(demo_app) if method == "POST" else None

    response = client.open(url, method=method, data=POST_DATA.get(endpoint, {}))

    expected = ANONYMOUS.get((endpoint, method), LOGIN)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/connexion?next=")
        if before is not None:
            assert fingerprint(demo_app) == before
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(("endpoint", "method"), sorted(EXPECTED))
@pytest.mark.parametrize("viewer", VIEWERS)
def test_signed_in_roles(demo_app, viewer, endpoint, method):
    expected = EXPECTED[endpoint, method][VIEWERS.index(viewer)]
    client = _client(demo_app, viewer)
    url = _url(demo_app, endpoint, own=viewer != "other")
    refused = expected in (403, 404)
    data = POST_DATA.get(endpoint, {}) if refused else {}
    before = fingerprint(demo_app) if method == "POST" and refused else None

    response = client.open(url, method=method, data=data)

    assert response.status_code == expected, f"{viewer} {method} {url}"
    if before is not None:
        assert fingerprint(demo_app) == before, f"{viewer} {method} {url} changed the data"
    if refused:
        page = response.get_data(as_text=True)
        assert OTHER not in page and "CA2C" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/?format=csv",
        "/?q=Nord",
        "/versements?format=csv",
        f"/versements?convention={OTHER}",
        "/justificatifs?format=csv",
        f"/justificatifs?convention={OTHER}",
        "/justificatifs?organisme=1",
    ],
)
def test_lists_and_exports_never_show_an_association_another_organisations_data(demo_app, url):
    response = _client(demo_app, "association").get(url)

    assert response.status_code == 200
    body = response.get_data(as_text=True)
    # The justificatifs' search box shows back what was typed: not another organisation's data.
    body = body.replace(f'name="convention" type="search" value="{OTHER}"', "")
    assert OTHER not in body and AMENDED not in body and "BAS-RHIN" not in body


# Last in the module: on PostgreSQL its own database fixture drops the tables the module-scoped
# demo_app shares (both use the one test database).
def test_the_data_of_a_refused_request_would_have_worked(app, db, client):
    demo.load()
    demo.load_accounts()
    db.session.commit()
    payment = db.session.scalars(
        db.select(Payment).where(Payment.status == "requested").order_by(Payment.id)
    ).first()
    client.post("/connexion", data={"email": ACCOUNTS["finance"], "password": demo.PASSWORD})
    before = fingerprint(app)

    response = client.post(f"/versements/{payment.id}", data=POST_DATA["payments.record"])

    assert response.status_code == 302
    assert fingerprint(app) != before
