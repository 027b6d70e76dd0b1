"""The measurements bench/run.py takes on one database: pages through the Flask test client
(with their SQL query count), the console commands, bulk rendering, the app served by gunicorn.

Each function returns plain figures; nothing here prints but progress lines on stderr. Requests
and commands run outside any application context, as in production: each one opens and closes
its own session.
"""

import gc
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import generate
import load_test
import render_bench
import territories
from sqlalchemy import event

ROOT = Path(__file__).resolve().parent.parent
COMMAND = ROOT / ".venv" / "bin" / "convention-manager"
PASSWORD = "banc-d-essai-2026!"
ADMIN = "admin@banc.invalid"
ASSOCIATION = "association@banc.invalid"
# (label, path, account): every list page and the dashboard.
PAGES = (
    ("GET / (admin)", "/", ADMIN),
    ("GET /versements (admin)", "/versements", ADMIN),
    ("GET /justificatifs (admin)", "/justificatifs", ADMIN),
    ("GET /portefeuille (admin)", "/portefeuille", ADMIN),
    ("GET / (association)", "/", ASSOCIATION),
)


def p95(values):
    """The 95th percentile, nearest rank."""
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def progress(message):
    """One line on stderr, for the person waiting."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def create_accounts(app):
    """An admin, and an association account for the employer party to most conventions."""
    from convention_manager.extensions import db
    from convention_manager.models import Organisation, Party
    from convention_manager.services import accounts

    with app.app_context():
        busiest = db.session.scalars(
            db.select(Organisation)
            .join(Party, Party.organisation_id == Organisation.id)
            .where(Organisation.kind == "association")
            .group_by(Organisation.id)
            .order_by(db.func.count(Party.id).desc(), Organisation.id)
        ).first()
        accounts.create_user(ADMIN, PASSWORD, "admin")
        accounts.create_user(ASSOCIATION, PASSWORD, "association", busiest.name)
        db.session.commit()
        return busiest.name


class QueryCounter:
    """Counts the SQL statements the app's engine sends (a before_cursor_execute listener)."""

    def __init__(self, app):
        from convention_manager.extensions import db

        with app.app_context():
            self.engine = db.engine
        self.count = 0
        event.listen(self.engine, "before_cursor_execute", self._seen)

    def _seen(self, *args):
        self.count += 1

    def close(self):
        """Stop listening."""
        event.remove(self.engine, "before_cursor_execute", self._seen)


def pages(app, repeats, warmup, budget):
    """{label: figures} for each page of PAGES, requested in pairs: first right after a change
    to the data (the stamp moved: every figure computed again, as the first visitor after a
    write sees it), then again with nothing changed (figures kept). Figures: "median" and
    "p95" (ms) of each kind, "queries" (the most SQL statements a computing request sent),
    "errors", "timed" (pairs timed: `repeats`, fewer, 5 at least, past `budget` seconds)."""
    counter = QueryCounter(app)
    clients = {}
    results = {}
    gc.freeze()  # as a served process does (convention_manager.wsgi): no 70 ms full collections
    try:
        for label, path, account in PAGES:
            client = clients.get(account)
            if client is None:
                client = clients[account] = app.test_client()
                answer = client.post("/connexion", data={"email": account, "password": PASSWORD})
                assert answer.status_code == 302, f"connexion refusée pour {account}"
            timed = {"changed": [], "kept": []}
            queries, errors = [], 0
            for number in range(warmup + repeats):
                spent = sum(timed["changed"]) + sum(timed["kept"])
                if len(timed["kept"]) >= 5 and spent > budget * 1000:
                    break
                move_stamp(app)
                for kind in ("changed", "kept"):
                    counter.count = 0
                    started = time.perf_counter()
                    response = client.get(path)
                    elapsed = (time.perf_counter() - started) * 1000
                    errors += response.status_code != 200
                    if number >= warmup:
                        timed[kind].append(elapsed)
                        if kind == "changed":
                            queries.append(counter.count)
            results[label] = {
                "changed_median": statistics.median(timed["changed"]),
                "changed_p95": p95(timed["changed"]),
                "median": statistics.median(timed["kept"]),
                "p95": p95(timed["kept"]),
                "queries": max(queries),
                "errors": errors,
                "timed": len(timed["kept"]),
            }
            figures = results[label]
            progress(
                f"  {label}: {figures['changed_median']:.0f} ms après un changement, "
                f"{figures['median']:.0f} ms ensuite, {figures['queries']} requêtes"
            )
    finally:
        counter.close()
    return results


def move_stamp(app):
    """Commit a change of the data stamp, as any write does: every kept figure is stale."""
    from convention_manager import freshness
    from convention_manager.extensions import db

    with app.app_context():
        freshness.bump(db.session)
        db.session.commit()


def cli(app, *args):
    """(seconds, standard output) of one console command through Flask's CLI runner (Click 8.2
    keeps stderr apart); raises on a non-zero exit."""
    runner = app.test_cli_runner()
    started = time.perf_counter()
    result = runner.invoke(args=[str(a) for a in args])
    elapsed = time.perf_counter() - started
    if result.exit_code != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} : {result.output[-500:]}")
    return elapsed, result.stdout


def deadlines(app, count, runs):
    """(ms per convention, SQL queries) of `deadlines --json` over the whole database (median
    of `runs`, after a warm-up run)."""
    as_of = generate.AS_OF.isoformat()
    cli(app, "deadlines", "--json", "--as-of", as_of)
    counter = QueryCounter(app)
    try:
        times = [cli(app, "deadlines", "--json", "--as-of", as_of)[0] for _ in range(runs)]
    finally:
        counter.close()
    return statistics.median(times) * 1000 / count, counter.count // runs


def schedules(app, limit=None):
    """Milliseconds per convention of `schedule REF --json`, over every convention (or an
    evenly spread sample of `limit`): (ms per convention, conventions timed, most SQL queries
    one call sent)."""
    from convention_manager.extensions import db
    from convention_manager.models import Convention

    with app.app_context():
        references = db.session.scalars(
            db.select(Convention.reference).order_by(Convention.reference)
        ).all()
    if limit and len(references) > limit:
        references = references[:: math.ceil(len(references) / limit)]
    cli(app, "schedule", references[0], "--json")  # warm-up
    counter = QueryCounter(app)
    total, most = 0, 0
    try:
        for reference in references:
            counter.count = 0
            total += cli(app, "schedule", reference, "--json")[0]
            most = max(most, counter.count)
    finally:
        counter.close()
    return total * 1000 / len(references), len(references), most


def export_all(app, count):
    """Conventions per second of `export --all --format json`; checks the count."""
    seconds, output = cli(app, "export", "--all", "--format", "json")
    exported = len(json.loads(output))
    assert exported == count, f"export --all : {exported} conventions, {count} attendues"
    return count / seconds


def import_file(app, count, folder, seed=generate.SEED):
    """Conventions per second of `import FILE`: the first `count` generated conventions (as
    drafts, in JSON) into the app's empty database."""
    pools = territories.pools(random.Random(seed))
    raws = []
    for number in range(1, count + 1):
        rng = random.Random(f"{seed}-{number}")
        raws.append(generate.plan(rng, rng.choice(pools), number))
    path = Path(folder) / f"import-{count}.json"
    path.write_text(json.dumps(raws, ensure_ascii=False), encoding="utf-8")
    seconds, output = cli(app, "import", path)
    assert len(output.split()) == count, "import : toutes les références ne sont pas listées"
    return count / seconds


def docx(app, runs, folder):
    """{kind: median ours / median bare} from bench/render_bench.py, on this database."""
    with app.app_context():
        render_bench.load_cases()
        rows = render_bench.measure_all(runs, Path(folder))
    return {row["kind"]: render_bench.ratio(row) for row in rows}


def bulk_render_available():
    """Whether `convention-manager render --help` offers --all (another engineer's work)."""
    if not COMMAND.exists():
        return False
    answer = subprocess.run(
        [str(COMMAND), "render", "--help"], capture_output=True, text=True, check=False
    )
    return "--all" in answer.stdout


def bulk_render(database_url, count, jobs, folder):
    """Conventions per second of `render --all --kind convention -o DIR --jobs N` run as a
    subprocess, and the number of files it wrote."""
    output = Path(folder) / f"render-{jobs}"
    shutil.rmtree(output, ignore_errors=True)
    environment = dict(os.environ, DATABASE_URL=database_url)
    started = time.perf_counter()
    answer = subprocess.run(
        [str(COMMAND), "render", "--all", "--kind", "convention", "-o", str(output)]
        + ["--jobs", str(jobs)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if answer.returncode != 0:
        raise RuntimeError(f"render --all --jobs {jobs} : {answer.stderr.strip()[-500:]}")
    written = sum(1 for path in output.rglob("*") if path.is_file())
    return count / seconds, written


def served(database_url, seconds, threads, workers=2):
    """Requests per second of /sante and of / (admin) under `threads` looping clients against
    the app served by gunicorn on a free loopback port: {"trivial": r/s, "dashboard": r/s}."""
    port = load_test.free_port()
    environment = dict(
        os.environ,
        DATABASE_URL=database_url,
        SECRET_KEY="bench-secret-key-for-loopback-only",
        SESSION_COOKIE_SECURE="0",
        REMEMBER_COOKIE_SECURE="0",
    )
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--threads", "4", "--log-level", "warning"]
    server = subprocess.Popen([*command, "convention_manager.wsgi:app"], env=environment)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/sante")
        return {
            "trivial": _load(base, "/sante", seconds, threads, signed_in=False),
            "dashboard": _load(base, "/", seconds, threads, signed_in=True),
        }
    finally:
        server.terminate()
        server.wait(20)


def _wait_for(url):
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn ne répond pas sur {url}")


def _load(base, path, seconds, threads, signed_in):
    """Successful requests per second of `threads` clients looping on `path`."""
    stats = load_test.Stats()
    clients = [load_test.Client(base, stats) for _ in range(threads)]
    if signed_in:
        for client in clients:
            _sign_in(client)
    for client in clients[:2]:  # warm-up: templates compiled, connections opened
        client.request(path)
    counts = [0] * threads
    deadline = time.monotonic() + seconds

    def loop(index):
        while time.monotonic() < deadline:
            try:
                status, _ = clients[index].request(path)
            except OSError:  # a timeout under load: not a success
                continue
            counts[index] += status == 200

    started = time.monotonic()
    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(seconds + 120)
    return sum(counts) / (time.monotonic() - started)


def _sign_in(client):
    _, page = client.request("/connexion")
    token = next(f["csrf_token"] for f in load_test.forms(page).values() if "csrf_token" in f)
    _, page = client.request(
        "/connexion", {"email": ADMIN, "password": PASSWORD, "csrf_token": token}
    )
    if "/deconnexion" not in page:
        raise RuntimeError("connexion refusée au serveur gunicorn")


def scratch_folder():
    """A temporary folder for one run's files (SQLite databases, exports, documents)."""
    return Path(tempfile.mkdtemp(prefix="bench-run-"))
