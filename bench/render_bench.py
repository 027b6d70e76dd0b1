"""Benchmark: filling a document the project's way against a bare docxtpl render.

Not a test. Run from the project root: `.venv/bin/python bench/render_bench.py [--runs N]`.

It creates the app on a temporary SQLite database, loads the demo conventions, records an
avenant to the multi-year one, then for each document kind times over N runs:

- ours: `services.document_files.write` to a .docx, the whole path a `render` command takes:
  the facts read from the database, the context, the template check, the sandboxed render,
  French typography, saving;
- bare: `DocxTemplate(path).render(context)` then `save`, with the same template and the very
  context our path filled it with (caught on its way to docxtpl).

The two are interleaved run by run. One warm-up run of each is left out of the figures and
shown apart ("first"): it holds the template check, which later runs find remembered.
"""

import argparse
import math
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from docxtpl import DocxTemplate

from convention_manager import create_app
from convention_manager.documents import render
from convention_manager.exchange import files
from convention_manager.extensions import db
from convention_manager.services import avenants, conventions, demo, document_files, exports

# Which demo convention each kind is filled from: the multi-year one receives the avenant.
CONVENTIONS = {
    "convention": "HAUT-RHIN-ISG-2024",
    "avenant": "EXEMPLE-ISC-2025-2027",
    "schedule": "HAUT-RHIN-ISG-2024",
}
TARGET_RATIO = 1.5


def main(argv=None):
    """Run the benchmark and print its table; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per kind (default 30)")
    runs = parser.parse_args(argv).runs
    with tempfile.TemporaryDirectory(prefix="render-bench-") as work:
        work = Path(work)
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "bench",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{work / 'bench.sqlite3'}",
            }
        )
        app.instance_path = str(work)  # the shipped templates, whatever instance/ holds
        with app.app_context():
            db.create_all()
            load_cases()
            rows = measure_all(runs, work)
            db.session.remove()
            db.engine.dispose()
    print_table(rows, runs)
    return 0


def load_cases():
    """The demo conventions and one avenant to the multi-year one, committed (bench/run.py
    calls it too, on each database it measures)."""
    demo.load()
    db.session.commit()
    record_avenant(CONVENTIONS["avenant"])
    db.session.commit()


def measure_all(runs, work):
    """One row of timings per document kind (inside an app context, after load_cases)."""
    return [measure(kind, runs, work) for kind in CONVENTIONS]


def ratio(row):
    """Median of ours over median of bare, for one kind."""
    return statistics.median(row["ours"]) / statistics.median(row["bare"])


def record_avenant(reference):
    """Record avenant n°1 to `reference`: a later end and another representative."""
    raw = files.jsonable(exports.clauses(conventions.get(reference)))
    raw["end"] = "2028-06-30"
    raw["parties"][0]["representative"] = "Mme la préfète"
    avenants.record(reference, raw, requested=date(2025, 3, 1), signed=date(2025, 4, 15))


def measure(kind, runs, work):
    """Times of both paths for one kind, in milliseconds."""
    convention = conventions.get(CONVENTIONS[kind])
    output = work / f"{kind}.docx"
    bare_output = work / f"{kind}-bare.docx"
    first_ours, (template, context) = timed(caught, convention, kind, output, work)
    first_bare, _ = timed(bare, template, context, bare_output)
    ours, plain = [], []
    for _ in range(runs):
        ours.append(timed(document_files.write, convention, kind, output, str(work))[0])
        plain.append(timed(bare, template, context, bare_output)[0])
    return {"kind": kind, "ours": ours, "bare": plain, "first": (first_ours, first_bare)}


def caught(convention, kind, output, work):
    """Write the document our way once; returns the template and context docxtpl was given."""
    seen = {}
    original = render.render

    def spy(template, context, output_path):
        seen.update(template=template, context=context)
        return original(template, context, output_path)

    render.render = spy
    try:
        document_files.write(convention, kind, output, str(work))
    finally:
        render.render = original
    return seen["template"], seen["context"]


def bare(template, context, output):
    """docxtpl alone: no sandbox, no check, no typography."""
    document = DocxTemplate(str(template))
    document.render(context)
    document.save(str(output))


def timed(function, *args):
    """(milliseconds, result) of one call."""
    start = time.perf_counter()
    result = function(*args)
    return (time.perf_counter() - start) * 1000, result


def p95(values):
    """The 95th percentile, nearest rank."""
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def print_table(rows, runs):
    """One line per kind: medians, 95th percentiles, the ratio and the target."""
    header = (
        f"{'kind':<11} {'ours ms':>8} {'bare ms':>8} {'ratio':>6} {'≤ 1.5':>6}"
        f" {'ours p95':>9} {'bare p95':>9} {'first ours/bare':>16}"
    )
    print(f"{runs} runs per kind, medians unless said; Python {sys.version.split()[0]}")
    print(header)
    print("-" * len(header))
    for row in rows:
        ours, plain = statistics.median(row["ours"]), statistics.median(row["bare"])
        first = f"{row['first'][0]:.0f}/{row['first'][1]:.0f}"
        print(
            f"{row['kind']:<11} {ours:>8.1f} {plain:>8.1f} {ratio(row):>6.2f}"
            f" {'yes' if ratio(row) <= TARGET_RATIO else 'NO':>6}"
            f" {p95(row['ours']):>9.1f} {p95(row['bare']):>9.1f} {first:>16}"
        )


if __name__ == "__main__":
    sys.exit(main())
