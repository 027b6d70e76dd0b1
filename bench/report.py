"""The tables bench/run.py prints: one per database, then PostgreSQL against SQLite.

A row holds one figure per size of the data set and what its target judges: either the ratio
of the largest size's figure to the smallest's ("ratio"), or one figure taken once ("value").
"""

from dataclasses import dataclass, field

YES, NO = "✓", "✗"


@dataclass
class Row:
    """One line of a table."""

    name: str
    values: dict = field(default_factory=dict)  # size -> figure (None: not measured)
    figure: float | None = None  # what the target judges
    target: tuple | None = None  # ("≤" or "≥", threshold)
    decimals: int = 1
    note: str = ""

    @property
    def met(self):
        """True, False, or None when there is no target or no figure."""
        if self.target is None or self.figure is None:
            return None
        sign, threshold = self.target
        return self.figure <= threshold if sign == "≤" else self.figure >= threshold


def scaling(name, values, target, decimals=1, note=""):
    """A row judged on largest / smallest size (both must have been measured)."""
    measured = [values[size] for size in sorted(values) if values[size] is not None]
    figure = measured[-1] / measured[0] if len(measured) > 1 and measured[0] else None
    return Row(name, values, figure, target, decimals, note)


def single(name, figure, target, decimals=2, note=""):
    """A row with one figure, not per size."""
    return Row(name, {}, figure, target, decimals, note)


def _number(value, decimals):
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return f"{value:,.{decimals}f}".replace(",", " ")


def _target(row):
    if row.target is None:
        return ""
    sign, threshold = row.target
    return f"{sign} {threshold:g}"


NAME_WIDTH = 54  # the longest label: "GET /justificatifs (admin) after a change, median ms"


def table(title, sizes, rows):
    """The lines of one database's table."""
    head = f"{'measure':<{NAME_WIDTH}}" + "".join(f"{_number(s, 0):>10}" for s in sizes)
    head += f"{'ratio/val':>11} {'target':>7}  ok"
    lines = [title, head, "-" * len(head)]
    for row in rows:
        line = f"{row.name:<{NAME_WIDTH}}" + "".join(
            f"{_number(row.values.get(s), row.decimals) if row.values else '':>10}" for s in sizes
        )
        mark = {True: YES, False: NO, None: ""}[row.met]
        small = row.figure is not None and abs(row.figure) < 0.1
        line += f"{_number(row.figure, 3 if small else 2):>11} {_target(row):>7}  {mark}"
        if row.note:
            line += f"  {row.note}"
        lines.append(line.rstrip())
    return lines


def comparison(first, second):
    """PostgreSQL against SQLite, row by row, at the largest size (or the single figure)."""
    (name_a, rows_a), (name_b, rows_b) = first, second
    others = {row.name: row for row in rows_b}
    head = f"{'measure':<{NAME_WIDTH}}{name_a:>14}{name_b:>14}{'ratio':>9}"
    lines = [f"== {name_b} / {name_a} (same run; largest size, or the single figure)", head]
    lines.append("-" * len(head))
    for row in rows_a:
        other = others.get(row.name)
        if other is None:
            continue
        a, b = _headline(row), _headline(other)
        ratio = b / a if a and b is not None else None
        lines.append(
            f"{row.name:<{NAME_WIDTH}}{_number(a, row.decimals):>14}{_number(b, row.decimals):>14}"
            f"{_number(ratio, 2):>9}"
        )
    return lines


def _headline(row):
    if not row.values:
        return row.figure
    measured = [row.values[s] for s in sorted(row.values) if row.values[s] is not None]
    return measured[-1] if measured else None


def verdict(all_rows):
    """'n of m targets met' over every table."""
    judged = [row.met for rows in all_rows for row in rows if row.met is not None]
    return f"{sum(judged)} of {len(judged)} targets met"
