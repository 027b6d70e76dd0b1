"""The rows of bench/run.py's table for one database, from the figures it measured.

`figures[name][size]` holds the figures measured at each size, `figures[name]` those measured
once, `figures["failures"][name]` why a measure failed (its row then shows "—" and the reason).
"""

import measures
import report

PAGE_FIGURES = (  # key, label, target, decimals
    ("median", "median ms", ("≤", 2), 1),
    ("p95", "p95 ms", ("≤", 2), 1),
    ("changed_median", "after a change, median ms", ("≤", 2), 1),
    ("changed_p95", "after a change, p95 ms", ("≤", 2), 1),
    ("queries", "SQL queries", ("≤", 1), 0),
)


def table_rows(figures, settings, bulk_size, copied=False):
    """Every row, in the table's order."""
    sizes = settings.sizes
    failures = figures.get("failures", {})
    if copied:
        result = [report.single("generate", None, None, note="data set copied from SQLite")]
    else:
        result = [
            report.scaling(
                "generate, conventions/s", _per_size(figures, "generate", sizes), None, 0
            )
        ]
    result += _page_rows(figures, settings, failures.get("pages", ""))
    result += _command_rows(figures, settings, failures)
    docx = figures.get("docx") or {}
    result += [
        report.single(
            f"DOCX {kind}, ours/bare docxtpl (medians)",
            docx.get(kind),
            ("≤", 1.5),
            note=_failed(failures, "docx"),
        )
        for kind in ("convention", "avenant", "schedule")
    ]
    result += _bulk_rows(figures.get("bulk"), bulk_size, failures.get("bulk"))
    result += _served_rows(figures.get("served"), settings, failures.get("served"))
    return result


def _per_size(figures, name, sizes):
    values = figures.get(name, {})
    return {size: values.get(size) for size in sizes}


def _failed(failures, name):
    return f"failed: {failures[name]}" if name in failures else ""


def _page_rows(figures, settings, failure):
    sizes = settings.sizes
    result = []
    for label, _, _ in measures.PAGES:
        runs = figures.get(label, {})
        notes = [f"failed: {failure}"] if failure else []
        errors = sum(run["errors"] for run in runs.values())
        if errors:
            notes.append(f"{errors} non-200 answers")
        fewer = [
            f"{run['timed']} at {s}" for s, run in runs.items() if run["timed"] < settings.repeats
        ]
        if fewer:
            notes.append("timed requests " + ", ".join(fewer))
        for key, name, target, decimals in PAGE_FIGURES:
            values = {s: runs[s][key] if s in runs else None for s in sizes}
            result.append(
                report.scaling(f"{label} {name}", values, target, decimals, "; ".join(notes))
            )
    return result


def _command_rows(figures, settings, failures):
    sizes = settings.sizes
    timed = _per_size(figures, "schedule_timed", sizes)
    sampled = [t for s, t in timed.items() if t is not None and t < s]
    import_note = (
        f"files of {settings.import_max} at most" if sizes[-1] > settings.import_max else ""
    )
    lines = (
        ("deadlines --json, ms/convention", "deadlines", ("≤", 2), 3, ""),
        ("deadlines --json, SQL queries", "deadlines_queries", ("≤", 1), 0, ""),
        (
            "schedule REF --json, ms/convention",
            "schedule",
            ("≤", 2),
            2,
            f"sample of {sampled[-1]}" if sampled else "",
        ),
        ("schedule REF --json, SQL queries (most)", "schedule_queries", ("≤", 1), 0, ""),
        ("import FILE, conventions/s", "import", ("≥", 0.5), 1, import_note),
        ("export --all, conventions/s", "export", ("≥", 0.5), 0, ""),
    )
    result = []
    for label, name, target, decimals, note in lines:
        failure = _failed(failures, name.removesuffix("_queries"))
        note = "; ".join(n for n in (failure, note) if n)
        result.append(
            report.scaling(label, _per_size(figures, name, sizes), target, decimals, note)
        )
    return result


def _bulk_rows(bulk, size, failure):
    names = [f"render --all --jobs {jobs}, conventions/s" for jobs in (1, 2)]
    if not bulk:
        note = f"failed: {failure}" if failure else "not available (render --help shows no --all)"
        return [report.single(name, None, None, note=note) for name in names]
    result = [
        report.single(name, bulk[jobs][0], None, 1, f"{size} conventions, {bulk[jobs][1]} files")
        for name, jobs in zip(names, (1, 2), strict=True)
    ]
    speedup = bulk[2][0] / bulk[1][0]
    result.append(report.single("render --all, --jobs 2 / --jobs 1", speedup, ("≥", 1.5)))
    return result


def _served_rows(served, settings, failure):
    served = served or {}
    trivial, dashboard = served.get("trivial"), served.get("dashboard")
    note = f"{settings.load_threads} clients × {settings.load_seconds:g} s, at {settings.sizes[-1]}"
    if failure:
        note = f"failed: {failure}"
    return [
        report.single("gunicorn GET /sante, requests/s", trivial, None, 1),
        report.single("gunicorn GET / (admin), requests/s", dashboard, None, 1),
        report.single(
            "gunicorn dashboard / trivial endpoint",
            dashboard / trivial if trivial and dashboard is not None else None,
            ("≥", 0.25),
            note=note,
        ),
    ]
