"""Random and malformed values posted at every form that writes: hostile text, NUL characters,
5 000-character strings, amounts that are not numbers or are huge or negative, impossible dates,
missing fields, unknown fields, identifiers that do not exist.

Each example must end without a server error (status below 500); a refusal (an error status, the
form shown again, or an error flash) must leave the database exactly as it was (every row of
every table compared, which covers the row counts and the conventions' canonical export) and
the stored files too; a redirect stays on the site; and hostile text, refused or accepted, comes
back escaped on every page that shows it (the page answered, the page redirected to, and the
convention's page and history after a drafting form was accepted).

The app and its demo data are made once per test; the examples of a test run one after the other
on the same database, so later examples meet what earlier accepted ones wrote.
"""

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from itertools import count
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import (
    HealthCheck,
    Phase,
    currently_in_test_context,
    event,
    example,
    given,
    settings,
)
from hypothesis import strategies as st

from convention_manager.exchange import files
from convention_manager.extensions import db as _db
from convention_manager.models import Obligation, Payment
from convention_manager.services import conventions, demo, lifecycle
from tests.conftest import DEMO
from tests.functional.test_drafting import ca2c_form

EXAMPLES = 25  # per form; docs/reliability.md quotes this figure
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no slow "explain"
)
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
HOSTILE_TITLE = f"{SCRIPT} {{{{ 7*7 }}}} \"guillemets' & <b>gras</b>"
DRAFT = "NORD-BROUILLON-2023"
SIGNED = "NORD-SIGNEE-2023"
DEMO_REFERENCES = [
    "NORD-CA2C-2023",
    "BAS-RHIN-ISG-2024",
    "HAUT-RHIN-ISG-2024",
    "EXEMPLE-ISC-2025-2027",
]
ACCOUNTS = {
    "admin": "admin@demo.invalid",
    "drafter": "redaction@demo.invalid",
    "finance": "finances@demo.invalid",
    "association": "cidff68@demo.invalid",
}
HOSTILE = [
    SCRIPT,
    HOSTILE_TITLE,
    "{{ 7*7 }}",
    "{% raw %}",
    "\"quotes' & ampersands",
    "x" * 5000,
    "",
    " ",
    "\x00",
    "avec\x00nul",
    "../../etc/passwd",
    "'; DROP TABLE convention; --",
    "\u202egauche",
    "²",  # a digit for str.isdigit(), not for int()
    "١٢",
    "NaN",
    "-Infinity",
    "∞",
    "1e400",
    "-7500",
    "-0,01",
    "9" * 40,
    "0",
    "1/0",
    "150 %",
    "2023-02-30",
    "30/02/2023",
    "31/12/9999",
    "01/01/0001",
    "00/00/0000",
    "99/99/9999",
    "2023-13-01",
]
AMOUNTS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["7 500,00", "71 724,5", "1/3", "33 %", "0,001", "-1", "1e3", "abc"]),
)
DATES = st.one_of(
    st.dates().map(lambda d: f"{d.day:02}/{d.month:02}/{d.year:04}"),
    st.dates().map(date.isoformat),
    st.tuples(st.integers(0, 99), st.integers(0, 99), st.integers(0, 99999)).map(
        lambda t: f"{t[0]:02}/{t[1]:02}/{t[2]}"
    ),
)
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60), AMOUNTS, DATES)
EXTRA_NAMES = [
    "id",
    "version",
    "convention_id",
    "organisation_id",
    "status",
    "role",
    "csrf_token",
    "action",
    "financing",
    "parties-99-key",
    "parties-0-kind",
    "funding-7-financer",
    "funding-0-financer",
    "periods-0-label",
    "periods-0-start",
    "periods-0-funding-0-share",
]
DRAFTING_ACTIONS = [
    "save",
    "preview",
    "changes",
    "confirm",
    "add_party",
    "add_funding",
    "split_years",
    "add_period",
    "show_financing",
    "add_period_funding-0",
    "add_period_funding-99",
]
references = count()


def mostly(valid, odd=VALUES):
    """Valid values about three times in four, so that some examples are accepted."""
    return st.integers(0, 3).flatmap(lambda n: odd if n == 3 else valid)


# None keeps the form's own button (or its absence, when the mangling dropped it).
ACTIONS = mostly(st.none(), st.sampled_from(DRAFTING_ACTIONS) | VALUES)
TEMPLATE_KINDS = ["convention", "avenant", "schedule"]


@st.composite
def mangled(draw, base):
    """The base form with some fields replaced by random values or missing, and unknown
    fields added."""
    data = dict(base)
    keys = st.lists(st.sampled_from(sorted(base)), max_size=6, unique=True) if base else st.just([])
    for key in draw(keys):
        if draw(st.booleans()):
            del data[key]
        else:
            data[key] = draw(VALUES)
    extra = draw(
        st.dictionaries(
            st.sampled_from(EXTRA_NAMES) | st.text(min_size=1, max_size=15), VALUES, max_size=3
        )
    )
    return data | extra


def snapshot(app):
    """Every row of every table, in a stable order, and every stored file with its digest."""
    with app.app_context(), _db.engine.connect() as connection:
        rows = {
            table.name: sorted(
                (tuple(map(repr, row)) for row in connection.execute(table.select())), key=str
            )
            for table in _db.metadata.sorted_tables
        }
    stored = sorted(
        (str(path), hashlib.sha256(path.read_bytes()).hexdigest())
        for key in ("CUSTOM_TEMPLATES_ROOT", "UPLOAD_FOLDER")
        for path in Path(app.config[key]).rglob("*")
        if path.is_file()
    )
    return rows, stored


@dataclass
class Outcome:
    """What one post did: accepted or refused, and the pages it led to."""

    accepted: bool
    location: str | None
    pages: list


def throw(app, client, url, data, **options):
    """Post, then check: no server error, a refusal changes nothing, the redirect stays on the
    site, and no page shows hostile text unescaped."""
    before = snapshot(app)
    response = client.post(url, data=data, **options)
    assert response.status_code < 500, (url, data, response.get_data(as_text=True)[-2000:])
    with client.session_transaction() as session:
        flashed = [category for category, _ in session.get("_flashes", [])]
    accepted = response.status_code == 302 and "error" not in flashed
    if currently_in_test_context():  # counted in --hypothesis-show-statistics
        event("accepted" if accepted else f"refused ({response.status_code})")
    if not accepted:
        assert snapshot(app) == before, f"refused ({response.status_code}) but written: {data!r}"
    pages = [response.get_data(as_text=True)]
    location = response.headers.get("Location") if response.status_code == 302 else None
    if location is not None:
        assert location.startswith("/") and not location.startswith("//"), location
        followed = client.get(location)  # shows, and so consumes, the flashed messages
        assert followed.status_code < 500, (location, data)
        pages.append(followed.get_data(as_text=True))
    for page in pages:
        assert SCRIPT not in page, (url, data)
    return Outcome(accepted, location, pages)


def show(client, *urls):
    """GET pages that show what was saved: each answers without error and escapes."""
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        assert SCRIPT not in response.get_data(as_text=True), url
    return response.get_data(as_text=True)


def path_part(value):
    return quote(value, safe="")


@pytest.fixture
def site(app):
    """The demo conventions and accounts, a draft, and a signed convention to amend; returns
    the ids of the payments and obligations."""
    with app.app_context():
        demo.load()
        demo.load_accounts()
        (nord,) = files.read(DEMO / "nord-ca2c-2023.yaml")
        conventions.import_all([dict(nord, reference=DRAFT)])
        (signed,) = conventions.import_all([dict(nord, reference=SIGNED)])
        lifecycle.change_status(signed, "signed", date(2023, 6, 30))
        _db.session.commit()
        ids = {
            "payments": _db.session.scalars(_db.select(Payment.id)).all(),
            "obligations": _db.session.scalars(_db.select(Obligation.id)).all(),
        }
        _db.session.remove()
    return ids


@pytest.fixture
def clients(app, site):
    """One signed-in test client per demo account, by role."""
    signed_in = {}
    for role, email in ACCOUNTS.items():
        client = app.test_client()
        response = client.post("/connexion", data={"email": email, "password": demo.PASSWORD})
        assert response.status_code == 302
        signed_in[role] = client
    return signed_in


IDS = st.integers(min_value=0, max_value=10**20)


# --- Sign-in -------------------------------------------------------------------------------


@FUZZ
@given(data=mangled({"email": ACCOUNTS["admin"], "password": demo.PASSWORD}), after=VALUES)
def test_sign_in(app, site, data, after):
    client = app.test_client()
    outcome = throw(app, client, f"/connexion?next={quote(after)}", data)
    if not outcome.accepted:
        assert client.get("/").status_code == 302  # still signed out


# --- Drafting: new convention, draft, avenant ------------------------------------------------


@FUZZ
@given(data=mangled(ca2c_form()), action=ACTIONS)
@example(data=ca2c_form(title=HOSTILE_TITLE), action="save")
def test_new_convention(app, clients, data, action):
    reference = data.get("reference")
    if reference == "NORD-CA2C-2023":  # a fresh reference, so that more than one is accepted
        data = dict(data, reference=f"FUZZ-{next(references)}")
    data = _with_action(data, action)
    outcome = throw(app, clients["drafter"], "/conventions/nouvelle", data)
    _check_saved(clients["drafter"], outcome, data)


@FUZZ
@given(data=mangled(ca2c_form(reference=DRAFT)), action=ACTIONS)
@example(data=ca2c_form(reference=DRAFT, title=HOSTILE_TITLE), action="save")
@example(data=ca2c_form(reference=DRAFT, version="²"), action="save")  # was a server error
def test_draft_edit(app, clients, data, action):
    data = _with_action(data, action)
    outcome = throw(app, clients["drafter"], f"/conventions/{DRAFT}/modifier", data)
    _check_saved(clients["drafter"], outcome, data)


AVENANT = ca2c_form(
    reference=SIGNED,
    court="Tribunal administratif de Douai",
    requested="02/10/2023",
    signed="15/11/2023",
    action="confirm",
)


@FUZZ
@given(data=mangled(AVENANT), action=ACTIONS)
@example(data=dict(AVENANT, title=HOSTILE_TITLE), action="confirm")
def test_avenant(app, clients, data, action):
    data = _with_action(data, action)
    outcome = throw(app, clients["drafter"], f"/conventions/{SIGNED}/avenant", data)
    _check_saved(clients["drafter"], outcome, data)


def _with_action(data, action):
    return data if action is None else dict(data, action=action)


def _check_saved(client, outcome, data):
    """A saved convention is shown escaped on its page and in its history; the explicit
    example with a hostile title must be saved and shown escaped."""
    saved = (
        outcome.accepted
        and outcome.location
        and re.fullmatch(r"/conventions/[^/]+", outcome.location.split("#")[0])
    )
    if saved:
        address = outcome.location.split("#")[0]
        show(client, address, f"{address}/historique")
    if data.get("title") == HOSTILE_TITLE and data.get("action") in ("save", "confirm"):
        assert saved, outcome.pages[0][-3000:]
        assert ESCAPED in outcome.pages[-1]


# --- Status, termination, renewal ------------------------------------------------------------

REFERENCES = mostly(st.sampled_from([DRAFT, SIGNED, *DEMO_REFERENCES]), VALUES.map(path_part))


@FUZZ
@given(
    reference=REFERENCES,
    data=mangled({"status": "signed", "on": "30/06/2023"})
    | mangled({"status": "active", "on": "01/07/2023"})
    | mangled({"status": "ended", "on": "31/12/2025"}),
)
def test_status(app, clients, reference, data):
    throw(app, clients["drafter"], f"/conventions/{reference}/statut", data)


@FUZZ
@given(
    reference=REFERENCES,
    data=mangled({"formal_notice": "01/09/2025", "on": "01/11/2025"}),
)
def test_termination(app, clients, reference, data):
    throw(app, clients["drafter"], f"/conventions/{reference}/resiliation", data)


@FUZZ
@given(
    reference=REFERENCES,
    data=mangled({"reference": "NORD-CA2C-2024", "start": "01/01/2024", "end": "31/12/2024"}),
)
@example(
    reference="NORD-CA2C-2023",
    data={"reference": HOSTILE_TITLE, "start": "01/01/2024", "end": "31/12/2024"},
)
def test_renewal(app, clients, reference, data):
    outcome = throw(app, clients["drafter"], f"/conventions/{reference}/renouveler", data)
    if outcome.accepted:
        show(clients["drafter"], "/")


# --- Payments and justificatifs ----------------------------------------------------------------


@FUZZ
@given(
    choice=st.data(),
    data=mangled({"status": "paid", "on": "15/10/2024", "back": "/versements?etat=demande"})
    | mangled({"status": "ordered", "on": "01/10/2024"}),
)
def test_payment_step(app, site, clients, choice, data):
    payment = choice.draw(mostly(st.sampled_from(site["payments"]), IDS))
    throw(app, clients["finance"], f"/versements/{payment}", data)


UPLOADS = st.one_of(
    st.none(),
    st.tuples(st.binary(max_size=300), st.sampled_from(["rapport.pdf", "a.docx", ""]) | VALUES),
    st.tuples(st.just(b"%PDF-1.7\n%%EOF\n"), VALUES),
)


@FUZZ
@given(
    choice=st.data(),
    role=st.sampled_from(["admin", "association"]),
    data=mangled({"on": "15/07/2025", "back": "/justificatifs"}),
    upload=UPLOADS,
)
def test_obligation_sent(app, site, clients, choice, role, data, upload):
    obligation = choice.draw(mostly(st.sampled_from(site["obligations"]), IDS))
    if upload is not None:
        data = dict(data, file=(io.BytesIO(upload[0]), upload[1]))
    throw(
        app,
        clients[role],
        f"/justificatifs/{obligation}/envoi",
        data,
        content_type="multipart/form-data",
    )


@FUZZ
@given(choice=st.data(), data=mangled({"on": "20/07/2026", "back": "/justificatifs"}))
def test_obligation_received(app, site, clients, choice, data):
    obligation = choice.draw(mostly(st.sampled_from(site["obligations"]), IDS))
    throw(app, clients["finance"], f"/justificatifs/{obligation}/reception", data)


# --- Document templates and the calendar link --------------------------------------------------

SHIPPED = Path(__file__).resolve().parents[2] / "docx_templates"


@FUZZ
@given(
    kind=mostly(st.sampled_from(TEMPLATE_KINDS), VALUES.map(path_part)),
    restore=st.booleans(),
    content=mostly(st.sampled_from(TEMPLATE_KINDS), st.binary(max_size=300)),
    name=st.sampled_from(["modele.docx", ""]) | VALUES,
    extra=mangled({}),
)
def test_document_template(app, clients, kind, restore, content, name, extra):
    if restore:
        throw(app, clients["drafter"], f"/modeles/{kind}/retablir", extra)
        return
    if isinstance(content, str):  # a real template, maybe for another kind
        content = (SHIPPED / f"{content}.docx").read_bytes()
    data = dict(extra, template=(io.BytesIO(content), name))
    throw(app, clients["drafter"], f"/modeles/{kind}", data, content_type="multipart/form-data")


@FUZZ
@given(data=mangled({}), token=VALUES)
def test_calendar_link(app, clients, data, token):
    outcome = throw(app, clients["association"], "/justificatifs/calendrier", data)
    nul = any("\x00" in key + value for key, value in data.items())
    assert outcome.accepted != nul  # other fields are ignored: a new link; a NUL is refused
    response = app.test_client().get(f"/calendrier/{path_part(token)}.ics")
    # 404; 400 for a NUL; a "/" in the token is no page at all: sign in first.
    assert response.status_code in (302, 400, 404)
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/connexion")


# --- What the fuzzing found, kept as plain tests --------------------------------------------


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("finance", "/versements/{}"),
        ("association", "/justificatifs/{}/envoi"),
        ("finance", "/justificatifs/{}/reception"),
    ],
)
def test_a_number_no_row_can_have_is_an_unknown_page(app, clients, role, url):
    """Was an OverflowError on SQLite: 10**20 does not fit a database integer."""
    throw(app, clients[role], url.format(10**20), {"status": "paid", "on": "15/10/2024"})
    assert clients[role].post(url.format(10**20), data={"on": "15/10/2024"}).status_code == 404
    assert clients[role].get("/justificatifs/fichiers/99999999999").status_code == 404


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/connexion", {"email": "\x00", "password": "x"}),
        (f"/conventions/{DRAFT}/statut?x=%00", {"status": "signed", "on": "30/06/2023"}),
        ("/conventions/%00/statut", {"status": "signed", "on": "30/06/2023"}),
        ("/conventions/nouvelle", ca2c_form(title="avec\x00nul")),
    ],
)
def test_a_nul_character_is_refused_in_french(app, clients, url, data):
    """Was a server error on PostgreSQL, which cannot store or compare text holding NUL."""
    client = app.test_client() if url == "/connexion" else clients["drafter"]
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert "Demande refusée" in response.get_data(as_text=True)
    throw(app, client, url, data)


def test_a_version_that_is_not_a_plain_number_is_no_server_error(app, clients):
    """ "²" passes str.isdigit() and fails int(): was a server error on the draft form."""
    outcome = throw(
        app,
        clients["drafter"],
        f"/conventions/{DRAFT}/modifier",
        dict(ca2c_form(reference=DRAFT), version="²"),
    )
    assert outcome.accepted


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (f"/conventions/{SIGNED}/avenant", dict(AVENANT, requested="31/12/9999")),
        (f"/conventions/{SIGNED}/avenant", dict(AVENANT, requested="31/12/9999", action="changes")),
        (f"/conventions/{SIGNED}/resiliation", {"formal_notice": "31/12/9999"}),
        ("/conventions/nouvelle", ca2c_form(reference="LOIN-2023", end="31/12/9999")),
        ("/conventions/nouvelle", ca2c_form(reference="TOT-2023", start="01/01/0001")),
        ("/conventions/NORD-CA2C-2023/renouveler", {"reference": "R-1", "end": "01/01/9999"}),
    ],
)
def test_a_date_whose_deadlines_are_no_dates_is_refused(app, clients, url, data):
    """Was a ValueError (year 10000 or 0 is out of range) computing the deadlines."""
    outcome = throw(app, clients["drafter"], url, data)
    assert not outcome.accepted
    assert "Date invalide" in outcome.pages[-1]
