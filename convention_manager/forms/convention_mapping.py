"""The convention form's data turned into the convention mapping of the file format, and back.

Pure functions: they take and return plain dicts (WTForms' `form.data` shape), so the form, the
preview and the tests share one translation. Blank repeatable rows are left out; empty texts are
left out so that `schema.normalise` names the missing field. `locate` turns the field path of an
InvalidConvention message into the form field to mark.

The form finances the convention either as one period (top-level costs and funding lines) or
year by year (`financing` is "periods": a list of periods, each with its label, dates, costs
and funding lines), which is the file format's `periods:`.
"""

import re
from datetime import date
from decimal import Decimal

GENERAL_TEXTS = ("reference", "title", "post_kind", "territory", "court")
COST_FIELDS = ("salary", "travel", "training", "admin_fees")
PARTY_FIELDS = ("key", "kind", "name", "representative", "title", "siret", "iban")
FUNDING_TEXTS = ("financer", "fund", "share")
FUNDING_AMOUNTS = ("amount", "cap", "requested", "voted")
FUNDING_FIELDS = FUNDING_TEXTS + FUNDING_AMOUNTS
ROLE_FIELDS = ("employer", "functional_authority")
TOP_FIELDS = (
    *GENERAL_TEXTS,
    "posts",
    "fte",
    "start",
    "end",
    "financial_year_end",
    *ROLE_FIELDS,
    *COST_FIELDS,
)
# Clauses of the file format the form does not show: kept from the convention being edited.
PARTY_EXTRAS = ("address", "bic")
FUNDING_EXTRAS = ("notified", "budget_vote", "imputation", "tranches")
PERIOD_DATES = ("start", "end")
PERIOD_FIELDS = ("label", *PERIOD_DATES, *COST_FIELDS)
SINGLE, PERIODS = "single", "periods"
_DAY_MONTH = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*$")
_PATH_STEP = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


def to_mapping(data, known_kinds=None):
    """The convention mapping (file format) described by the form's data."""
    known_kinds = known_kinds or {}
    mapping = {}
    for name in GENERAL_TEXTS:
        _put(mapping, name, _text(data.get(name)))
    _put(mapping, "posts", _whole(data.get("posts")))
    _put(mapping, "fte", _decimal_text(data.get("fte")))
    for name in ("start", "end"):
        _put(mapping, name, data.get(name))
    _put(mapping, "financial_year_end", financial_year_end(data.get("financial_year_end")))
    mapping["parties"] = [_party(row, known_kinds) for row in kept(data.get("parties"))]
    for name in ROLE_FIELDS:
        _put(mapping, name, _text(data.get(name)))
    if data.get("financing") == PERIODS:
        mapping["periods"] = [_period(row) for row in kept_periods(data.get("periods"))]
        return mapping
    mapping["costs"] = _costs(data)
    mapping["funding"] = [_funding(row) for row in kept(data.get("funding"))]
    return mapping


def from_mapping(mapping):
    """The form's data for a convention mapping (as `exports.to_file` gives it)."""
    data = {name: mapping.get(name) for name in (*GENERAL_TEXTS, "start", "end", *ROLE_FIELDS)}
    data["posts"] = str(mapping.get("posts", 1))
    data["fte"] = _french_number(mapping.get("fte", 1))
    data["financial_year_end"] = _day_month(mapping.get("financial_year_end"))
    data["parties"] = [
        {k: _shown(party.get(k)) for k in PARTY_FIELDS} for party in mapping.get("parties", [])
    ]
    costs = mapping.get("costs") or {}
    data.update({k: costs.get(k) for k in COST_FIELDS})
    data["funding"] = [_funding_row(line) for line in mapping.get("funding") or []]
    data["financing"] = PERIODS if "periods" in mapping else SINGLE
    data["periods"] = [
        {
            "label": _shown(period.get("label")),
            **{k: period.get(k) for k in PERIOD_DATES},
            **{k: (period.get("costs") or {}).get(k) for k in COST_FIELDS},
            "funding": [_funding_row(line) for line in period.get("funding") or []],
        }
        for period in mapping.get("periods") or []
    ]
    return data


def yearly_periods(start, end, periods=(), funding=()):
    """The form rows of one period per calendar year from start to end (the first and last
    cut at the convention's dates). Costs and funding lines already typed in a period row are
    kept, by position; new years get a copy of `funding` lines (financer, fund and share).
    No rows without both dates in order."""
    if not start or not end or end < start:
        return []
    typed = kept_periods(periods)
    lines = [{k: row.get(k) for k in FUNDING_TEXTS} for row in kept(funding)]
    rows = []
    for i, year in enumerate(range(start.year, end.year + 1)):
        row = dict(typed[i]) if i < len(typed) else {"funding": [dict(x) for x in lines]}
        row.update(
            label=str(year),
            start=max(start, date(year, 1, 1)),
            end=min(end, date(year, 12, 31)),
        )
        rows.append(row)
    return rows


def carry_over(mapping, original):
    """Keep the clauses of `original` that the form does not show (addresses, BIC, imputation,
    tranches, event dates, other cost lines, signatories, explicit periods)."""
    result = dict(mapping)
    old_parties = {p.get("key"): p for p in original.get("parties", [])}
    result["parties"] = [
        {
            **{
                k: old_parties[p["key"]][k]
                for k in PARTY_EXTRAS
                if k in old_parties.get(p.get("key"), {})
            },
            **p,
        }
        for p in mapping.get("parties", [])
    ]
    if "signatories" in original:
        keys = [p.get("key") for p in result["parties"]]
        new = [k for k in keys if k not in old_parties]
        result["signatories"] = [k for k in keys if k in original["signatories"] or k in new]
    if "periods" in mapping and "periods" in original:
        old_periods = original["periods"]
        by_label = {p.get("label"): p for p in old_periods}
        result["periods"] = [
            _carried(
                period,
                by_label.get(period.get("label"))
                or (old_periods[i] if i < len(old_periods) else {}),
                FUNDING_EXTRAS,
            )
            for i, period in enumerate(mapping["periods"])
        ]
        return result
    if "periods" in mapping or "periods" in original:
        # One period made yearly, or the reverse: only the imputation of each financer's line
        # still means the same; event dates, tranches and other cost lines do not carry over.
        old_lines = [
            line
            for source in [original, *original.get("periods", [])]
            for line in source.get("funding") or []
        ]
        imputed = {"funding": old_lines}
        if "periods" in mapping:
            result["periods"] = [
                _carried(p, imputed, ("imputation",), costs=False) for p in mapping["periods"]
            ]
        else:
            carried = _carried(mapping, imputed, ("imputation",), costs=False)
            result.update(costs=carried["costs"], funding=carried["funding"])
        return result
    carried = _carried(mapping, original, FUNDING_EXTRAS)
    result.update(costs=carried["costs"], funding=carried["funding"])
    return result


def _carried(new, old, extras, costs=True):
    """`new`'s costs and funding with the cost lines the form does not show and the `extras`
    clauses of the first line of the same financer taken from `old`."""
    result = dict(new)
    extra_costs = {k: v for k, v in (old.get("costs") or {}).items() if k not in COST_FIELDS}
    result["costs"] = {**new.get("costs", {}), **(extra_costs if costs else {})}
    old_lines = {}
    for line in old.get("funding") or []:
        old_lines.setdefault(line.get("financer"), line)
    result["funding"] = [
        {
            **{
                k: old_lines[f["financer"]][k]
                for k in extras
                if k in old_lines.get(f.get("financer"), {})
            },
            **f,
        }
        for f in new.get("funding", [])
    ]
    return result


def kept(rows):
    """The rows of a repeatable section that hold something (blank rows are ignored)."""
    return [row for row in rows or [] if any(_filled(v) for v in row.values())]


def kept_positions(rows):
    """Form row index of each kept row, in order."""
    return [i for i, row in enumerate(rows or []) if any(_filled(v) for v in row.values())]


def kept_periods(rows):
    """The period rows that hold something: a label, a date, a cost or a funding line."""
    positions = period_positions(rows)
    return [row for i, row in enumerate(rows or []) if i in positions]


def period_positions(rows):
    """Form row index of each kept period row, in order."""
    return [
        i
        for i, row in enumerate(rows or [])
        if any(_filled(row.get(k)) for k in PERIOD_FIELDS) or kept(row.get("funding"))
    ]


def financial_year_end(value):
    """The closing day typed `JJ/MM` ("31/12") as the file's `MM-DD`; other text unchanged."""
    text = _text(value)
    if text is None:
        return None
    match = _DAY_MONTH.match(text)
    if match:
        day, month = (int(part) for part in match.groups())
        return f"{month:02d}-{day:02d}"
    return text


def locate(message, reference, data):
    """Where a schema error points in the form: ("parties", 1, "iban"), ("salary",),
    ("periods", 1, "salary"), ("periods", 1, "funding", 0, "share"), or None.

    `message` reads "<reference>.<path> : <problem>"; list positions in the path count the
    kept rows only, so they are turned back into the form's row indices. A problem with a whole
    period (its costs, its funding) is ("periods", i); with the list of periods, ("periods",).
    A funding rule's message "période 2026 : …" points at the period of that label.
    """
    prefix = f"{reference or 'convention n°1'}."
    period = re.match(r"^période (\S+) : ", message)
    if period and data.get("financing") == PERIODS:
        rows = data.get("periods")
        labels = [(_text(rows[i].get("label")), i) for i in period_positions(rows)]
        return next((("periods", i) for label, i in labels if label == period.group(1)), None)
    if not message.startswith(prefix) or " : " not in message:
        return None
    path, _ = message[len(prefix) :].split(" : ", 1)
    steps = _PATH_STEP.findall(path)
    if not steps or ".".join(s[0] for s in steps) != re.sub(r"\[\d+\]", "", path):
        return None
    (head, index), rest = steps[0], [s[0] for s in steps[1:]]
    if head == "periods":
        return _locate_in_period(index, steps[1:], data.get("periods"))
    if head in TOP_FIELDS and not index and not rest:
        return (head,)
    if head == "costs":
        return (rest[0],) if rest and rest[0] in COST_FIELDS else ("costs",)
    if head in ("parties", "funding"):
        if not index:
            return (head,)
        positions = kept_positions(data.get(head))
        row = int(index) - 1
        if not 0 <= row < len(positions):
            return (head,)
        fields = PARTY_FIELDS if head == "parties" else FUNDING_FIELDS
        field = rest[0] if rest and rest[0] in fields else None
        return (head, positions[row], field) if field else (head,)
    return None


def _locate_in_period(index, steps, rows):
    positions = period_positions(rows)
    if not index or not 0 < int(index) <= len(positions):
        return ("periods",)
    row = positions[int(index) - 1]
    (head, line), rest = steps[0] if steps else ("", ""), [s[0] for s in steps[1:]]
    if head == "costs" and rest and rest[0] in COST_FIELDS:
        return ("periods", row, rest[0])
    if head in PERIOD_FIELDS and not line and not rest:
        return ("periods", row, head)
    if head == "funding" and line:
        lines = kept_positions(rows[row].get("funding"))
        if 0 < int(line) <= len(lines) and rest and rest[0] in FUNDING_FIELDS:
            return ("periods", row, "funding", lines[int(line) - 1], rest[0])
    return ("periods", row)


def problem(message):
    """The problem part of a schema message, without the field path."""
    return message.split(" : ", 1)[1] if " : " in message else message


def _party(row, known_kinds):
    party = {}
    for name in PARTY_FIELDS:
        _put(party, name, _text(row.get(name)))
    if "kind" not in party and party.get("name") in known_kinds:
        party["kind"] = known_kinds[party["name"]]
    return party


def _costs(row):
    return {k: row[k] for k in COST_FIELDS if row.get(k) is not None}


def _period(row):
    period = {}
    _put(period, "label", _text(row.get("label")))
    for name in PERIOD_DATES:
        _put(period, name, row.get(name))
    period["costs"] = _costs(row)
    period["funding"] = [_funding(line) for line in kept(row.get("funding"))]
    return period


def _funding_row(line):
    return {
        **{k: _shown(line.get(k)) for k in FUNDING_TEXTS},
        **{k: line.get(k) for k in FUNDING_AMOUNTS},
    }


def _funding(row):
    line = {}
    for name in FUNDING_TEXTS:
        _put(line, name, _text(row.get(name)))
    for name in FUNDING_AMOUNTS:
        _put(line, name, row.get(name))
    return line


def _put(mapping, key, value):
    if value is not None:
        mapping[key] = value


def _filled(value):
    return value is not None and not (isinstance(value, str) and not value.strip())


def _text(value):
    if value is None or isinstance(value, Decimal | date | int):
        return value
    text = " ".join(str(value).split())
    return text or None


def _whole(value):
    text = _text(value)
    if isinstance(text, str) and text.isdigit():
        return int(text)
    return text


def _decimal_text(value):
    text = _text(value)
    return text.replace(",", ".").replace(" ", "") if isinstance(text, str) else text


def _french_number(value):
    if value is None:
        return ""
    number = Decimal(str(value))
    return f"{number.normalize():f}".replace(".", ",")


def _day_month(value):
    if not value:
        return "31/12"
    month, day = str(value).split("-")
    return f"{day}/{month}"


def _shown(value):
    return "" if value is None else str(value)
