"""Realistic benchmark data: N conventions across France, stored the way the app stores them.

    .venv/bin/python bench/generate.py --count 1000 [--seed 2026] [--database-url URL]

Each convention is first written as a mapping in the import format (docs/format.md) and stored
with `services.conventions.import_all`; its life is then played through `services.lifecycle`
(signature, notified acts and budget votes, payment steps, documents sent and received, end or
termination) and `services.avenants`, so that every derived row (payments, obligations, audit
trail) is what the app itself makes. See bench/story.py for that part.

The shapes follow domain.md: single-year, six-month pilots, school-year and three-year
conventions with yearly periods and degressive State shares; fractions, percentages and fixed
amounts, some capped, some voted below what was requested; FIPD shares above and below 23 000 €;
one to eight parties drawn from each département's pool of organisations (bench/territories.py).

Deterministic: the pools come from `random.Random(seed)` and convention n from its own
`random.Random(f"{seed}-{n}")`, so the first 100 conventions of a 10 000 run are those of a 100
run. Commits every `batch` conventions; progress goes to stderr.
"""

import argparse
import random
import sys
import tempfile
import time
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import story
import territories

SEED = 2026
# Conventions per transaction. Small on purpose: the audit trail walks every entry pending in
# the transaction at each flush, so a transaction's cost grows with the square of its size.
BATCH = 25
# The day the story is told up to: what happened after it is not recorded (fixed, so the data
# does not change with the day it is generated).
AS_OF = date(2026, 9, 30)
FIRST_YEAR, LAST_YEAR = 2022, 2027
POST_KINDS = (("ISG", 5), ("ISC", 4), ("ISCG", 1))
SHAPES = (("year", 52), ("pilot", 8), ("school_year", 12), ("multi", 28))
YEAR_ENDS = (("12-31", 85), ("08-31", 8), ("06-30", 5), ("02-28", 2))
PLACES = (
    "compagnie {of_chef}",
    "brigades de l'arrondissement {of_chef}",
    "circonscription {of_chef}",
    "secteur nord {prep}{name}",
    "secteur sud {prep}{name}",
    "territoire {prep}{name}",
)
WHERE = {
    "ISG": "en gendarmerie",
    "ISC": "en commissariat",
    "ISCG": "en commissariat et gendarmerie",
}


def weighted(rng, pairs):
    """One value of (value, weight) pairs."""
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def plan(rng, pool, number):
    """The convention file mapping of convention `number` in département `pool`."""
    d = pool.departement
    kind = weighted(rng, POST_KINDS)
    shape = weighted(rng, SHAPES)
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    periods = _periods(shape, year)
    start, end = periods[0][1], periods[-1][2]
    posts = weighted(rng, ((1, 70), (2, 18), (3, 9), (4, 3)))
    fte = weighted(rng, ((Decimal("1.0"), 80), (Decimal("0.5"), 15), (Decimal("0.8"), 5)))
    parties, roles = _parties(rng, pool, kind)
    place = rng.choice(PLACES).format(prep=d.prep, name=d.name, of_chef=d.of_chef)
    raw = {
        "reference": f"{d.code}-{kind}-{year}-{number:05d}",
        "title": f"Intervenant social {WHERE[kind]}, {place}",
        "post_kind": kind,
        "posts": posts,
        "fte": str(fte),
        "territory": d.name,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "financial_year_end": weighted(rng, YEAR_ENDS),
        "court": f"Tribunal administratif {d.of_court}",
        "parties": parties,
        "employer": roles["employer"],
        "functional_authority": roles["functional_authority"],
    }
    pattern = roles["pattern"]
    built = [
        {
            "label": label,
            "start": first.isoformat(),
            "end": last.isoformat(),
            "costs": _costs(rng, posts, fte, months),
            "funding": _funding(rng, pattern, roles, position, len(periods), d),
        }
        for position, (label, first, last, months) in enumerate(periods)
    ]
    for period, (_, first, last, _) in zip(built, periods, strict=True):
        _fit_amounts(rng, period, first, last)
    if shape == "multi":
        raw["periods"] = built
    else:
        raw["costs"], raw["funding"] = built[0]["costs"], built[0]["funding"]
    return raw


def _periods(shape, year):
    """(label, start, end, months) of each period."""
    if shape == "pilot":
        return [(str(year), date(year, 7, 1), date(year, 12, 31), 6)]
    if shape == "school_year":
        return [(f"{year}-{year + 1}", date(year, 9, 1), date(year + 1, 8, 31), 12)]
    if shape == "multi":
        return [(str(y), date(y, 1, 1), date(y, 12, 31), 12) for y in range(year, year + 3)]
    return [(str(year), date(year, 1, 1), date(year, 12, 31), 12)]


def _parties(rng, pool, kind):
    """The parties of one convention and who plays which role."""
    pattern = weighted(
        rng, (("thirds", 22), ("fipd_dep", 30), ("amounts", 20), ("many", 13), ("dep_alone", 8))
    )
    parties = _financers(rng, pool, pattern)
    roles = {"pattern": pattern, "financers": [p["key"] for p in parties]}
    employer = weighted(rng, (("asso", 78), ("dep", 14), ("commune", 8)))
    if pattern == "dep_alone" and employer == "commune":
        employer = "dep"
    if employer == "asso":
        parties.append({"key": "asso", **rng.choice(pool.associations)})
    elif employer == "commune" and "commune" not in roles["financers"]:
        parties.append({"key": "commune", **pool.communes[0]})
    if kind in ("ISG", "ISCG"):
        parties.append({"key": "gendarmerie", **pool.gendarmerie})
    if kind in ("ISC", "ISCG"):
        parties.append({"key": "police", **pool.police})
    roles["employer"] = employer
    roles["functional_authority"] = "police" if kind == "ISC" else "gendarmerie"
    return parties, roles


def _financers(rng, pool, pattern):
    """The financing parties of a funding pattern, drawn from the département's pool."""
    if pattern == "dep_alone":
        return [{"key": "dep", **pool.department}]
    parties = [{"key": "etat", **pool.state}, {"key": "dep", **pool.department}]
    if pattern == "thirds":
        parties.append({"key": "epci1", **rng.choice(pool.epcis)})
    elif pattern in ("amounts", "many"):
        parties.append({"key": "caf", **pool.caf})
        extra = rng.sample(pool.epcis, min(len(pool.epcis), 2 if pattern == "many" else 1))
        parties += [{"key": f"epci{i}", **epci} for i, epci in enumerate(extra, start=1)]
        if pattern == "many":
            parties.append({"key": "commune", **pool.communes[0]})
    return parties


def _costs(rng, posts, fte, months):
    """The period's cost lines; admin fees between 5 and 10 %, now and then outside."""
    scale = Decimal(posts) * fte * Decimal(months) / 12
    salary = _euros(scale * rng.randint(400, 520) * 100)
    travel = _euros(scale * rng.randint(10, 30) * 100)
    training = _euros(scale * rng.randint(3, 12) * 100)
    rate = (
        Decimal(rng.choice((3, 12))) if rng.random() < 0.04 else Decimal(rng.randint(55, 95)) / 10
    )
    others = salary + travel + training
    fees = _euros(others * rate / (100 - rate))
    return {"salary": salary, "travel": travel, "training": training, "admin_fees": fees}


def _funding(rng, pattern, roles, position, count, d):
    """The funding lines of one period: shares, fixed amounts (set later), caps, votes."""
    if pattern == "dep_alone":
        return [{"financer": "dep", "share": "100%"}]
    if pattern == "thirds":
        epci = {"financer": "epci1", "share": "1/3"}
        if rng.random() < 0.5:
            epci["cap"] = rng.choice((5000, 7500, 10000, 15000))
        return [_fipd(rng, d, share="1/3"), {"financer": "dep", "share": "1/3"}, epci]
    if pattern == "fipd_dep":
        first = rng.choice((30, 40, 50, 60)) if count == 1 else (80, 50, 30)[position]
        if count > 1 and roles.setdefault("state_first_year_only", rng.random() < 0.3):
            first = 50 if position == 0 else 0
        lines = [{"financer": "dep", "share": f"{100 - first}%"}]
        return ([_fipd(rng, d, share=f"{first}%")] if first else []) + lines
    # Fixed amounts: weights of the period's cost, turned into euros by _fit_amounts.
    weights = {"etat": rng.randint(25, 45), "dep": rng.randint(25, 45), "caf": rng.randint(5, 15)}
    for key in roles["financers"]:
        weights.setdefault(key, rng.randint(3, 8))
    lines = []
    for key in roles["financers"]:
        line = _fipd(rng, d) if key == "etat" else {"financer": key}
        line["weight"] = weights[key]
        if key == "caf" and rng.random() < 0.5:
            line["tranches"] = "half"
        lines.append(line)
    return lines


def _fipd(rng, d, **line):
    line = {"financer": "etat", "fund": "FIPD", **line}
    if rng.random() < 0.5:
        line["imputation"] = {
            "programme": "216",
            "uo": f"0216-CIPD-D{d.code}",
            "cost_centre": f"PRFDCAB{d.code}",
            "functional_domain": "0216-10-02",
            "activity_code": "0216081002A1",
            "authorising_officer": d.of("Le préfet"),
            "accountant": d.of("Le directeur départemental des finances publiques"),
        }
    return line


def _fit_amounts(rng, period, first, last):
    """Weights become euros of the period's cost (so the sum never exceeds it); the
    département's line a request and a vote, sometimes lower, not yet voted for periods after
    AS_OF; the CAF's line now and then two tranches."""
    lines = [line for line in period["funding"] if "weight" in line]
    if not lines:
        return
    total = sum(period["costs"].values())
    weights = sum(line["weight"] for line in lines)
    for line in lines:
        # A little under the weight's share: most of these conventions end with a small gap.
        amount = _euros(Decimal(total * line.pop("weight")) / weights * Decimal("0.98"))
        if line["financer"] == "dep":
            line["requested"] = amount
            if first <= AS_OF or rng.random() < 0.5:
                lower = rng.random() < 0.25
                line["voted"] = _euros(amount * Decimal("0.95")) if lower else amount
        else:
            line["amount"] = amount
        if line.pop("tranches", None):
            middle = first + (last - first) / 2
            line["tranches"] = [
                {"percent": "50%", "condition": "date", "due": middle.isoformat()},
                {"percent": "50%", "condition": "on_request"},
            ]


def _euros(value):
    return int(Decimal(value).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def generate(app, count, seed=SEED, *, start=0, as_of=AS_OF, batch=BATCH, progress=sys.stderr):
    """Store conventions start+1 to `count` and their life in the app's database, which must
    hold the first `start` of the same seed (none by default); returns a summary of what the
    database then holds: {table: {status: count}}."""
    from convention_manager.extensions import db
    from convention_manager.models import Convention
    from convention_manager.services import conventions

    pools = territories.pools(random.Random(seed))
    # Some départements have many posts, most a few.
    weights = [
        random.Random(f"{seed}-weight-{i}").choice((1, 1, 2, 3, 5)) for i in range(len(pools))
    ]
    started = time.perf_counter()
    with app.app_context():
        held = db.session.scalar(db.select(db.func.count(Convention.id)))
        if held != start:
            raise SystemExit(f"generate: la base contient {held} conventions, {start} attendues")
        for first in range(start, count, batch):
            numbers = range(first + 1, min(first + batch, count) + 1)
            rngs = [random.Random(f"{seed}-{n}") for n in numbers]
            raws = [
                plan(r, r.choices(pools, weights)[0], n) for r, n in zip(rngs, numbers, strict=True)
            ]
            stored = conventions.import_all(raws)
            for convention, rng in zip(stored, rngs, strict=True):
                story.play(convention, rng, as_of)
            db.session.commit()
            db.session.expunge_all()
            done = numbers[-1]
            if progress and (done % 500 < len(numbers) or done == count):
                rate = (done - start) / (time.perf_counter() - started)
                print(f"generate: {done}/{count} ({rate:.0f}/s)", file=progress, flush=True)
        return summary(db)


def summary(db):
    """How many conventions, payments, obligations and avenants per status."""
    from convention_manager.models import Avenant, Convention, Obligation, Payment

    result = {}
    for name, model in (
        ("conventions", Convention),
        ("payments", Payment),
        ("obligations", Obligation),
    ):
        rows = db.session.execute(
            db.select(model.status, db.func.count()).group_by(model.status).order_by(model.status)
        )
        result[name] = dict(rows.all())
    result["avenants"] = {"all": db.session.scalar(db.select(db.func.count(Avenant.id)))}
    return result


def bench_app(database_url, folder):
    """An app on `database_url` with the shipped templates, cheap password hashing."""
    from convention_manager import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            # A page that fails answers 500, counted by the benchmark, instead of raising.
            "PROPAGATE_EXCEPTIONS": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "CUSTOM_TEMPLATES_ROOT": str(folder),
            "UPLOAD_FOLDER": str(Path(folder) / "uploads"),
        }
    )
    app.instance_path = str(folder)
    return app


def main(argv=None):
    """Create the schema if needed and generate; prints the summary."""
    import os

    from convention_manager.config import normalise_database_url
    from convention_manager.extensions import db

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--database-url", help="default: DATABASE_URL, else a new SQLite file")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-data-"))
    url = args.database_url or os.environ.get("DATABASE_URL")
    url = normalise_database_url(url) if url else f"sqlite:///{folder / 'bench.sqlite3'}"
    app = bench_app(url, folder)
    with app.app_context():
        db.create_all()
    started = time.perf_counter()
    made = generate(app, args.count, seed=args.seed)
    seconds = time.perf_counter() - started
    print(f"{args.count} conventions in {seconds:.1f} s ({args.count / seconds:.0f}/s) into {url}")
    for table, counts in made.items():
        print(f"  {table}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
