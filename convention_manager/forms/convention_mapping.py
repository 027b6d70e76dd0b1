"""The convention form's data turned into the convention mapping of the file format, and back.

Pure functions: they take and return plain dicts (WTForms' `form.data` shape), so the form, the
preview and the tests share one translation. Blank repeatable rows are left out; empty texts are
left out so that `schema.normalise` names the missing field. `locate` turns the field path of an
InvalidConvention message into the form field to mark.
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
    mapping["costs"] = {k: data[k] for k in COST_FIELDS if data.get(k) is not None}
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
    data["funding"] = [
        {
            **{k: _shown(line.get(k)) for k in FUNDING_TEXTS},
            **{k: line.get(k) for k in FUNDING_AMOUNTS},
        }
        for line in mapping.get("funding") or []
    ]
    return data


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
    if "periods" in original:
        result.pop("costs", None)
        result.pop("funding", None)
        result["periods"] = original["periods"]
        return result
    extra_costs = {k: v for k, v in (original.get("costs") or {}).items() if k not in COST_FIELDS}
    result["costs"] = {**mapping.get("costs", {}), **extra_costs}
    old_lines = {}
    for line in original.get("funding") or []:
        old_lines.setdefault(line.get("financer"), line)
    result["funding"] = [
        {
            **{
                k: old_lines[f["financer"]][k]
                for k in FUNDING_EXTRAS
                if k in old_lines.get(f.get("financer"), {})
            },
            **f,
        }
        for f in mapping.get("funding", [])
    ]
    return result


def kept(rows):
    """The rows of a repeatable section that hold something (blank rows are ignored)."""
    return [row for row in rows or [] if any(_filled(v) for v in row.values())]


def kept_positions(rows):
    """Form row index of each kept row, in order."""
    return [i for i, row in enumerate(rows or []) if any(_filled(v) for v in row.values())]


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
    """Where a schema error points in the form: ("parties", 1, "iban"), ("salary",), or None.

    `message` reads "<reference>.<path> : <problem>"; list positions in the path count the
    kept rows only, so they are turned back into the form's row indices.
    """
    prefix = f"{reference or 'convention n°1'}."
    if not message.startswith(prefix) or " : " not in message:
        return None
    path, _ = message[len(prefix) :].split(" : ", 1)
    steps = _PATH_STEP.findall(path)
    if not steps or ".".join(s[0] for s in steps) != re.sub(r"\[\d+\]", "", path):
        return None
    (head, index), rest = steps[0], [s[0] for s in steps[1:]]
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
