"""The one benchmark command: every measurement, on SQLite and on PostgreSQL, in one run.

    .venv/bin/python bench/run.py [--sizes 100,1000,10000] [--quick] [--save]
                                  [--sqlite-only | --postgres-only]

For each database it imports generated files into an empty database (import throughput), then
grows one data set size by size with bench/generate.py and, at each size, times the list pages
and the dashboard (Flask test client, SQL queries counted), `deadlines --json`,
`schedule REF --json` and `export --all`; at the size nearest 1 000 the bulk rendering
(`render --all`, when the command offers it); at the largest size the dashboard served by
gunicorn against the trivial /sante; and, on the demo data, the DOCX rendering against bare
docxtpl (bench/render_bench.py). It prints one table per database, then PostgreSQL against
SQLite, with a target and ✓/✗ per line.

SQLite runs on fresh files in a temporary folder. PostgreSQL runs on DATABASE_URL when set (its
tables are dropped and created again: a throw-away database only), else on a throw-away server
started by re-running this command under scripts/with-postgres.sh; when none can be had, it
says so and measures SQLite only. `--save` writes the report to bench/results/latest.txt and to
a dated copy.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import databases
import generate
import measures
import report
import rows

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
UNAVAILABLE = 69  # scripts/with-postgres.sh: no server could be had


@dataclass(frozen=True)
class Settings:
    """How much to measure."""

    sizes: tuple = (100, 1000, 10000)
    repeats: int = 20  # timed requests per page
    warmup: int = 2
    page_budget: float = 90  # seconds of timed requests per page at most (5 requests at least)
    deadline_runs: int = 3
    schedule_limit: int | None = 2000  # beyond, an evenly spread sample (None: every one)
    import_max: int = 1000  # larger files are not imported (see README: quadratic)
    bulk_target: int = 1000
    docx_runs: int = 10
    load_seconds: float = 5
    load_threads: int = 8


QUICK = Settings(
    sizes=(20, 200),
    repeats=5,
    warmup=1,
    page_budget=10,
    deadline_runs=1,
    schedule_limit=20,
    import_max=50,
    bulk_target=20,
    docx_runs=2,
    load_seconds=1,
    load_threads=4,
)


def main(argv=None):
    """Measure, print the report (and save it); returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    args = parse(argv)
    settings = QUICK if args.quick else Settings()
    if args.sizes:
        settings = replace(settings, sizes=tuple(sorted(int(s) for s in args.sizes.split(","))))
    backends = ["sqlite", "postgresql"]
    if args.sqlite_only:
        backends = ["sqlite"]
    elif args.postgres_only:
        backends = ["postgresql"]
    notes = []
    if "postgresql" in backends and not os.environ.get("DATABASE_URL"):
        if not args.under_postgres:
            status = _under_postgres(argv)
            if status != UNAVAILABLE:
                return status
        notes.append("PostgreSQL not available (scripts/with-postgres.sh): SQLite only")
        print(f"bench: {notes[-1]}", file=sys.stderr)
        backends.remove("postgresql")
        if not backends:
            return UNAVAILABLE
    lines = measure_everything(argv, settings, backends, notes)
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.save:
        save(text, args.quick)
    return 0


def parse(argv):
    """The command's options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="numbers of conventions, e.g. 100,1000,10000")
    parser.add_argument("--quick", action="store_true", help="sizes 20,200, fewer repetitions")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--sqlite-only", action="store_true")
    only.add_argument("--postgres-only", action="store_true")
    parser.add_argument("--save", action="store_true", help="write bench/results/latest.txt")
    parser.add_argument("--under-postgres", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _under_postgres(argv):
    """Run this same command under a throw-away PostgreSQL server; its exit status."""
    script = ROOT / "scripts" / "with-postgres.sh"
    command = [str(script), sys.executable, str(Path(__file__).resolve()), *argv]
    return subprocess.run([*command, "--under-postgres"], check=False).returncode


def measure_everything(argv, settings, backends, notes):
    """The report's lines: a header, one table per database, the comparison."""
    started, load = time.monotonic(), os.getloadavg()
    lines = _header(argv, settings, load) + [f"note: {n}" for n in notes]
    tables, snapshots, folders = [], {}, []
    try:
        for backend in backends:
            folders.append(measures.scratch_folder())
            title, measured = measure_backend(backend, settings, folders[-1], snapshots)
            tables.append((title, measured))
            lines += ["", *report.table(f"== {title}", settings.sizes, measured)]
    finally:  # the SQLite folder holds the snapshots the PostgreSQL run copies: kept till now
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    if len(tables) == 2:
        names = [t.split(" ")[0] for t, _ in tables]
        lines += ["", *report.comparison(*zip(names, [r for _, r in tables], strict=True))]
    minutes = (time.monotonic() - started) / 60
    lines += [
        "",
        f"{report.verdict([measured for _, measured in tables])}; {minutes:.1f} min; "
        f"load average at the end {_load(os.getloadavg())}",
    ]
    return lines


def _header(argv, settings, load):
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = "+uncommitted changes" if _git("status", "--porcelain", "--untracked-files=no") else ""
    shown = " ".join(a for a in argv if a != "--under-postgres")
    return [
        f"bench/run.py {shown}".rstrip() + f" — {datetime.now():%Y-%m-%d %H:%M}",
        f"commit {commit}{dirty}; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs; "
        f"load average at the start {_load(load)}",
        f"data: bench/generate.py seed {generate.SEED}, as of {generate.AS_OF}; pages: median "
        f"and p95 of {settings.repeats} pairs of requests after {settings.warmup} warm-up "
        f"pairs, the first of each right after a change, the second with figures kept; "
        f"ratio = largest size / smallest",
    ]


def _load(load):
    return " ".join(f"{value:.1f}" for value in load)


def _git(*args):
    answer = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return answer.stdout.strip()


def measure_backend(backend, settings, folder, snapshots):
    """(title, rows) of one database. The SQLite run leaves a snapshot of its data set at each
    size in `snapshots`; the PostgreSQL run then copies them instead of generating again."""
    bases = databases.Databases(backend, folder)
    figures = {}
    for size in settings.sizes:
        if size <= settings.import_max:
            app = bases.fresh(f"import-{size}")
            measures.progress(f"{backend}: import de {size} conventions")
            rate = _attempt(figures, "import", measures.import_file, app, size, folder)
            figures.setdefault("import", {})[size] = rate
            bases.close(app)
    bulk_size = min(settings.sizes, key=lambda s: abs(s - settings.bulk_target))
    copying = backend != "sqlite" and set(snapshots) >= set(settings.sizes)
    app = None if copying else bases.fresh("data")
    held = 0
    for size in settings.sizes:
        if copying:
            app = _copied(bases, app, snapshots[size], size)
        else:
            _grow(app, held, size, figures)
            if backend == "sqlite":
                snapshots[size] = bases.snapshot(size)
        held = size
        measure_size(app, size, settings, figures, folder)
        if size == bulk_size:
            figures["bulk"] = _attempt(figures, "bulk", _bulk, bases.url, size, folder)
        if size == settings.sizes[-1]:
            measures.progress(f"{backend}: gunicorn, {settings.load_threads} clients")
            figures["served"] = _attempt(
                figures,
                "served",
                measures.served,
                bases.url,
                settings.load_seconds,
                settings.load_threads,
            )
    bases.close(app)
    app = bases.fresh("docx")
    measures.progress(f"{backend}: DOCX contre docxtpl seul")
    figures["docx"] = _attempt(figures, "docx", measures.docx, app, settings.docx_runs, folder)
    bases.close(app, drop=True)
    return bases.title, rows.table_rows(figures, settings, bulk_size, copying)


def _attempt(figures, name, function, *args):
    """function(*args), or None with the reason kept: one failed measure (the working tree may
    be half-way through someone's change) must not lose the others."""
    try:
        return function(*args)
    except Exception as error:  # noqa: BLE001
        lines = str(error).strip().splitlines() or [type(error).__name__]
        reason = f"{type(error).__name__}: {lines[-1]}"[:150]
        figures.setdefault("failures", {})[name] = reason
        measures.progress(f"ÉCHEC {name} : {reason}")
        return None


def _grow(app, held, size, figures):
    """Generate conventions held+1 to size (and the accounts, the first time)."""
    measures.progress(f"génération jusqu'à {size} conventions")
    started = time.perf_counter()
    generate.generate(app, size, start=held, progress=sys.stderr)
    figures.setdefault("generate", {})[size] = (size - held) / (time.perf_counter() - started)
    if not held:
        measures.create_accounts(app)


def _copied(bases, app, snapshot, size):
    """A fresh database holding the snapshot's rows."""
    if app is not None:
        bases.close(app)
    app = bases.fresh("data")
    started = time.perf_counter()
    copied = bases.copy_from(snapshot, app)
    measures.progress(
        f"{size} conventions copiées de SQLite : {copied} lignes en "
        f"{time.perf_counter() - started:.0f} s"
    )
    return app


def measure_size(app, size, settings, figures, folder):
    """Pages and commands at one size of the data set, into figures."""
    measures.progress(f"pages à {size} conventions")
    args = (app, settings.repeats, settings.warmup, settings.page_budget)
    for label, result in (_attempt(figures, "pages", measures.pages, *args) or {}).items():
        figures.setdefault(label, {})[size] = result
    measures.progress(f"deadlines, schedule, export à {size} conventions")
    result = _attempt(figures, "deadlines", measures.deadlines, app, size, settings.deadline_runs)
    _store(figures, size, ("deadlines", "deadlines_queries"), result)
    result = _attempt(figures, "schedule", measures.schedules, app, settings.schedule_limit)
    _store(figures, size, ("schedule", "schedule_timed", "schedule_queries"), result)
    result = _attempt(figures, "export", measures.export_all, app, size)
    _store(figures, size, ("export",), None if result is None else (result,))


def _store(figures, size, names, values):
    for index, name in enumerate(names):
        figures.setdefault(name, {})[size] = None if values is None else values[index]


def _bulk(url, size, folder):
    if not measures.bulk_render_available():
        return None
    result = {}
    for jobs in (1, 2):
        measures.progress(f"render --all --jobs {jobs} sur {size} conventions")
        result[jobs] = measures.bulk_render(url, size, jobs, folder)
    return result


def save(text, quick):
    """bench/results/latest.txt and a dated copy."""
    RESULTS.mkdir(exist_ok=True)
    dated = RESULTS / f"{datetime.now():%Y-%m-%d}{'-quick' if quick else ''}.txt"
    for path in (RESULTS / "latest.txt", dated):
        path.write_text(text, encoding="utf-8")
    print(f"bench: écrit {dated.relative_to(ROOT)} et bench/results/latest.txt", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
