"""Load test: finance officers recording payment steps and drafters saving drafts, at once,
against the app served by gunicorn; then the database is checked.

    python bench/load_test.py [--seconds 10] [--finance 4] [--drafters 2]

Uses the database named by DATABASE_URL (PostgreSQL through scripts/with-postgres.sh), else a
fresh SQLite file in a temporary folder. The schema is created, the demo loaded and one draft per
drafter imported before the server starts. Exits 0 when every request succeeded or was a refused
conflict, and every step the clients saw recorded is in the database exactly once.
"""

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "convention_manager" / "demo" / "nord-ca2c-2023.yaml"
PASSWORD = "demo-iscg-2024!"
STEPS = ("requested", "ordered", "paid")
FLASH = re.compile(r'class="alert alert-(success|error|info)"[^>]*>(.*?)<', re.S)


class FormParser(HTMLParser):
    """The fields of every form of a page: {action: {name: value}} (last value wins)."""

    def __init__(self):
        super().__init__()
        self.forms, self.action, self.select, self.textarea = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.action = a.get("action", "")
            self.forms.setdefault(self.action, {})
        elif self.action is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.forms[self.action][a["name"]] = a.get("value") or ""
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select:
            fields = self.forms[self.action]
            if "selected" in a or self.select not in fields:
                fields[self.select] = a.get("value", "")
        elif tag == "textarea":
            self.textarea = a.get("name")
            self.forms[self.action][self.textarea] = ""

    def handle_data(self, data):
        if self.textarea and self.action is not None:
            self.forms[self.action][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.action = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def forms(page):
    parser = FormParser()
    parser.feed(page)
    return parser.forms


class Client:
    """A signed-in browser: cookies, CSRF token, timings."""

    def __init__(self, base, stats):
        self.base, self.stats = base, stats
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                status, page = response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            status, page = error.code, error.read().decode("utf-8", "replace")
        self.stats.record(time.perf_counter() - started, status)
        return status, page

    def login(self, email):
        _, page = self.request("/connexion")
        token = forms(page)["/connexion" if "/connexion" in forms(page) else ""]["csrf_token"]
        status, page = self.request(
            "/connexion", {"email": email, "password": PASSWORD, "csrf_token": token}
        )
        if "/deconnexion" not in page and "Déconnexion" not in page:
            raise SystemExit(f"connexion refusée pour {email} ({status})")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.errors, self.conflicts, self.recorded = [], [], 0, []

    def record(self, seconds, status):
        with self.lock:
            self.latencies.append(seconds)
            if status == 409:
                self.conflicts += 1
            elif status >= 400:
                self.errors.append(status)

    def refused(self):
        with self.lock:
            self.conflicts += 1


def finance_officer(base, stats, deadline, seed):
    rng, client = random.Random(seed), Client(base, stats)
    client.login("finances@demo.invalid")
    today = date.today().strftime("%d/%m/%Y")
    while time.monotonic() < deadline:
        _, page = client.request("/versements?situation=all")
        targets = [a for a in forms(page) if re.fullmatch(r"/versements/\d+", a)]
        if not targets:
            return
        action = rng.choice(targets)
        fields = dict(forms(page)[action], status=rng.choice(STEPS), on=today, back="/versements")
        status, answer = client.request(action, fields)
        kinds = [k for k, _ in FLASH.findall(answer)]
        if status == 200 and "success" in kinds:
            with stats.lock:
                stats.recorded.append((int(action.rsplit("/", 1)[1]), fields["status"]))
        elif status == 200 and "error" in kinds:
            stats.refused()


def drafter(base, stats, deadline, reference):
    client = Client(base, stats)
    client.login("redaction@demo.invalid")
    address = f"/conventions/{reference}/modifier"
    rounds = 0
    while time.monotonic() < deadline:
        _, page = client.request(address)
        fields = next((f for a, f in forms(page).items() if "csrf_token" in f), None)
        if fields is None:
            stats.errors.append(f"pas de formulaire sur {address}")
            return
        rounds += 1
        fields["title"] = f"Brouillon enregistré en charge, tour {rounds}"
        status, answer = client.request(address, {**fields, "action": "save"})
        if "Brouillon" not in answer or "enregistré" not in answer:
            kinds = [k for k, _ in FLASH.findall(answer)]
            if "error" in kinds or "info" in kinds:
                stats.refused()
            else:
                with stats.lock:
                    stats.errors.append(f"brouillon non enregistré ({status})")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(environment, drafts):
    """Schema, demo data and one draft per drafter, through the console command."""
    command = [sys.executable, "-c", "from convention_manager.cli import main; main()"]
    for args in (["init-db"], ["demo"]):
        subprocess.run(command + args, env=environment, check=True, capture_output=True)
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drafts.yaml"
        path.write_text(
            yaml.safe_dump([{**data, "reference": r} for r in drafts], allow_unicode=True),
            encoding="utf-8",
        )
        subprocess.run(
            command + ["import", str(path)], env=environment, check=True, capture_output=True
        )


def check_database(environment, recorded):
    """Every step seen as recorded is in the database, once; returns the rows checked."""
    os.environ.update(environment)
    from convention_manager import create_app
    from convention_manager.extensions import db
    from convention_manager.models import Payment

    rank = {"planned": 0, **{s: i + 1 for i, s in enumerate(STEPS)}}
    problems = []
    with create_app().app_context():
        duplicates = db.session.execute(
            db.select(
                Payment.convention_id,
                Payment.period_label,
                Payment.financer_key,
                Payment.kind,
                Payment.tranche,
            )
            .group_by(
                Payment.convention_id,
                Payment.period_label,
                Payment.financer_key,
                Payment.kind,
                Payment.tranche,
            )
            .having(db.func.count() > 1)
        ).all()
        problems += [f"versement en double : {d}" for d in duplicates]
        for payment_id, step in recorded:
            payment = db.session.get(Payment, payment_id)
            if payment is None or getattr(payment, f"{step}_on") is None:
                problems.append(f"versement {payment_id} : étape {step} perdue")
            elif rank.get(payment.status, 9) < rank[step]:
                problems.append(f"versement {payment_id} : {payment.status} après {step}")
        rows = db.session.scalar(db.select(db.func.count(Payment.id)))
    return problems, rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--finance", type=int, default=4)
    parser.add_argument("--drafters", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    folder = tempfile.mkdtemp(prefix="load-")
    environment = dict(
        os.environ,
        DATABASE_URL=os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/load.sqlite3",
        SECRET_KEY="load-test-secret",
        # Plain HTTP on the loopback: cookies marked Secure would never come back.
        SESSION_COOKIE_SECURE="0",
        REMEMBER_COOKIE_SECURE="0",
    )
    drafts = [f"CHARGE-BROUILLON-{i + 1}" for i in range(args.drafters)]
    prepare(environment, drafts)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            "4",
            "--log-level",
            "warning",
            "convention_manager.wsgi:app",
        ],
        env=environment,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/connexion", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        stats = Stats()
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=finance_officer, args=(base, stats, deadline, i))
            for i in range(args.finance)
        ] + [threading.Thread(target=drafter, args=(base, stats, deadline, r)) for r in drafts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 60)
    finally:
        server.terminate()
        server.wait(10)

    problems, rows = check_database(environment, stats.recorded)
    latencies = sorted(stats.latencies) or [0]
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    print(
        f"requests: {len(stats.latencies)}  errors: {len(stats.errors)}  "
        f"conflicts: {stats.conflicts}  steps recorded: {len(stats.recorded)}  "
        f"payment rows checked: {rows}  "
        f"p50: {statistics.median(latencies) * 1000:.0f} ms  p95: {p95 * 1000:.0f} ms"
    )
    for problem in problems + [f"erreur : {e}" for e in stats.errors[:10]]:
        print(problem, file=sys.stderr)
    return 1 if problems or stats.errors or not stats.recorded else 0


if __name__ == "__main__":
    sys.exit(main())
