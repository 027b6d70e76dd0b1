"""Check a convention mapping read from a file and turn it into its canonical form.

The canonical form has the file's keys with exact types (date, Decimal, int), every party with
its roles, and always a list of periods (a file without `periods` is one period). Any problem
raises InvalidConvention naming the convention and the field.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError
from stdnum.fr import siret as stdnum_siret

from convention_manager.exceptions import InvalidConvention
from convention_manager.exchange import states
from convention_manager.rules import deadlines, money, payments, terms
from convention_manager.rules.terms import PARTY_KINDS, POST_KINDS

IMPUTATION_KEYS = (
    "programme",
    "uo",
    "cost_centre",
    "functional_domain",
    "activity_code",
    "authorising_officer",
    "accountant",
)
TRANCHE_CONDITIONS = tuple(c for c in payments.CONDITIONS if c != "spend_attestation")
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,79}$")
_COST_KIND = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_TEXT = 500

INTEGER_MAX = 2**31 - 1  # the largest value of an INTEGER column (PostgreSQL checks; SQLite not)
MAX_POSTS = 999  # posts one convention creates: a handful in practice


class Fields:
    """Typed access to one mapping of the file, with error messages that say where."""

    def __init__(self, data, where):
        if not isinstance(data, dict):
            raise InvalidConvention(f"{where} : attendu un objet (clé: valeur)")
        self.data = data
        self.where = where

    def fail(self, key, problem):
        """Raise the error for one field."""
        raise InvalidConvention(f"{self.where}.{key} : {problem}")

    def text(self, key, required=True, pattern=None, choices=None, limit=MAX_TEXT):
        """A non-empty string of at most `limit` characters, optionally matching a pattern or
        one of choices."""
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(key, "champ obligatoire")
            return None
        if isinstance(value, date):
            value = value.isoformat()  # YAML reads codes such as 0216-10-02 as dates
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            self.fail(key, "attendu du texte")
        value = str(value).strip()
        if len(value) > limit:
            self.fail(key, f"texte trop long ({len(value)} caractères, {limit} au plus)")
        if pattern and not pattern.match(value):
            self.fail(key, f"valeur invalide « {value} »")
        if choices and value not in choices:
            self.fail(key, f"« {value} » inconnu (attendu : {', '.join(choices)})")
        return value

    def date(self, key, required=True):
        """A date, from YAML's date type or an ISO string."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(key, "date obligatoire")
            return None
        try:
            found = value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError:
            self.fail(key, f"date invalide « {value} » (attendu AAAA-MM-JJ)")
        if isinstance(found, datetime):  # a YAML timestamp: its day
            found = found.date()
        if not terms.EARLIEST_DATE <= found <= terms.LATEST_DATE:
            self.fail(key, f"date hors des années 1900 à 2999 « {value} »")
        return found

    def amount(self, key, required=False):
        """An amount in euros, two decimals at most, not negative."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(key, "montant obligatoire")
            return None
        try:
            return money.parse_amount(value, field=f"{self.where}.{key}")
        except ValueError as error:
            raise InvalidConvention(str(error)) from None

    def integer(self, key, default, minimum=1, maximum=INTEGER_MAX):
        """A whole number from `minimum` to `maximum` (by default what an INTEGER column holds)."""
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
            self.fail(key, f"nombre entier attendu « {value} »")
        if int(value) < minimum:
            self.fail(key, f"au moins {minimum}")
        if int(value) > maximum:
            self.fail(key, f"au plus {maximum}")
        return int(value)

    def items(self, key, required=True):
        """A list of mappings."""
        value = self.data.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            self.fail(key, "liste attendue")
        return value


def normalise(raw, position=1):
    """Check one convention mapping and return its canonical form."""
    where = (
        str(raw.get("reference") or f"convention n°{position}")
        if isinstance(raw, dict)
        else (f"convention n°{position}")
    )
    f = Fields(raw, where)
    result = {
        "reference": f.text("reference", pattern=_REFERENCE),
        "title": f.text("title"),
        "post_kind": f.text("post_kind", choices=POST_KINDS),
        "posts": f.integer("posts", 1, maximum=MAX_POSTS),
        "fte": _fte(f),
        "territory": f.text("territory", limit=200),
        "start": f.date("start"),
        "end": f.date("end"),
        "financial_year_end": _financial_year_end(f),
        "court": f.text("court", required=False, limit=300),
    }
    if result["end"] < result["start"]:
        f.fail("end", "la date de fin précède la date de début")
    parties = _parties(f)
    result["parties"] = parties
    keys = [p["key"] for p in parties]
    result["employer"] = f.text("employer", choices=keys)
    result["functional_authority"] = f.text("functional_authority", choices=keys)
    if result["employer"] == result["functional_authority"]:
        f.fail(
            "functional_authority", "l'autorité fonctionnelle doit être distincte de l'employeur"
        )
    result["signatories"] = _signatories(f, keys)
    kinds = {p["key"]: p["kind"] for p in parties}
    result["periods"] = _periods(f, result, kinds)
    result["state"] = states.normalise(raw, where, result)
    return result


def _fte(f):
    value = f.data.get("fte", 1)
    try:
        fte = Decimal(str(value))
    except InvalidOperation:
        f.fail("fte", f"nombre attendu « {value} »")
    if not fte.is_finite() or not 0 < fte <= 1 or fte != fte.quantize(Decimal("0.01")):
        f.fail("fte", f"temps de travail par poste entre 0,01 et 1 attendu « {value} »")
    return fte.quantize(Decimal("0.01"))


def _financial_year_end(f):
    value = f.text("financial_year_end", required=False) or "12-31"
    try:
        deadlines.parse_financial_year_end(value)
    except InvalidConvention as error:
        f.fail("financial_year_end", str(error))
    return value


def _parties(f):
    parties = []
    for index, item in enumerate(f.items("parties")):
        p = Fields(item, f"{f.where}.parties[{index + 1}]")
        party = {
            "key": p.text("key", pattern=_KEY),
            "kind": p.text("kind", choices=PARTY_KINDS),
            "name": p.text("name", limit=300),
            "representative": p.text("representative", required=False, limit=200),
            "title": p.text("title", required=False, limit=300),
            "siret": _checked(p, "siret", stdnum_siret),
            "address": p.text("address", required=False),
            "iban": _checked(p, "iban", stdnum_iban),
            "bic": _checked(p, "bic", stdnum_bic),
        }
        if party["key"] in {q["key"] for q in parties}:
            p.fail("key", f"clé « {party['key']} » en double")
        parties.append(party)
    if len(parties) < 2:
        f.fail("parties", "une convention lie au moins deux parties")
    return parties


def _checked(p, key, validator):
    value = p.text(key, required=False)
    if value is None:
        return None
    try:
        return validator.validate(value)
    except ValidationError:
        labels = {"siret": "SIRET", "iban": "IBAN", "bic": "BIC"}
        p.fail(key, f"{labels[key]} invalide « {value} »")


def _signatories(f, keys):
    value = f.data.get("signatories")
    if value is None:
        return list(keys)
    if not isinstance(value, list) or any(k not in keys for k in value):
        f.fail("signatories", "liste de clés de parties attendue")
    return [k for k in keys if k in value]


def _periods(f, convention, kinds):
    if "periods" in f.data:
        if "costs" in f.data or "funding" in f.data:
            f.fail("periods", "donner soit `periods`, soit `costs` et `funding`, pas les deux")
        periods = [
            _period(Fields(item, f"{f.where}.periods[{i + 1}]"), kinds, explicit=True)
            for i, item in enumerate(f.items("periods"))
        ]
        _check_period_bounds(f, convention, periods)
        return periods
    whole = dict(f.data, label=default_label(convention["start"], convention["end"]))
    whole.update(start=convention["start"], end=convention["end"])
    return [_period(Fields(whole, f.where), kinds, explicit=False)]


def default_label(start, end):
    """`2023` for a convention within one year, else `2024-2026`."""
    return str(start.year) if start.year == end.year else f"{start.year}-{end.year}"


def _period(p, kinds, explicit):
    period = {
        "label": p.text("label", pattern=_KEY),
        "start": p.date("start"),
        "end": p.date("end"),
        "explicit": explicit,
        "costs": _costs(p),
        "funding": [
            _funding(Fields(item, f"{p.where}.funding[{i + 1}]"), kinds)
            for i, item in enumerate(p.items("funding"))
        ],
    }
    if period["end"] < period["start"]:
        p.fail("end", "la date de fin précède la date de début")
    return period


def _costs(p):
    costs = p.data.get("costs")
    if not isinstance(costs, dict) or not costs:
        p.fail("costs", "lignes de coût attendues (ex. salary: 19000)")
    result = {}
    lines = Fields(costs, f"{p.where}.costs")
    for kind in costs:
        if not isinstance(kind, str) or not _COST_KIND.match(kind):
            p.fail("costs", f"nature de coût invalide « {kind} »")
        result[kind] = lines.amount(kind, required=True)
    if sum(result.values()) <= 0:
        p.fail("costs", "le coût total doit être positif")
    return result


def _funding(p, kinds):
    financer = p.text("financer")
    if financer not in kinds:
        p.fail("financer", f"financeur inconnu « {financer} » (aucune partie n'a cette clé)")
    line = {
        "financer": financer,
        "fund": p.text("fund", required=False, limit=20),
        "share": _share(p),
        "amount": p.amount("amount"),
        "cap": p.amount("cap"),
        "requested": p.amount("requested"),
        "voted": p.amount("voted"),
        "notified": p.date("notified", required=False),
        "budget_vote": p.date("budget_vote", required=False),
        "imputation": _imputation(p),
    }
    if line["share"] is not None and line["amount"] is not None:
        p.fail("share", "donner une part ou un montant, pas les deux")
    if all(line[k] is None for k in ("share", "amount", "requested", "voted")):
        p.fail("share", "part, montant, montant demandé ou voté attendu")
    line["tranches"] = [
        _tranche(Fields(item, f"{p.where}.tranches[{i + 1}]"))
        for i, item in enumerate(p.items("tranches", required=False))
    ]
    return line


def _share(p):
    value = p.text("share", required=False)
    if value is None:
        return None
    try:
        money.parse_share(value)
    except ValueError as error:
        p.fail("share", str(error))
    return value


def _imputation(p):
    value = p.data.get("imputation")
    if value is None:
        return None
    q = Fields(value, f"{p.where}.imputation")
    unknown = set(value) - set(IMPUTATION_KEYS)
    if unknown:
        q.fail(sorted(unknown)[0], "clé inconnue")
    return {k: q.text(k, required=False) for k in IMPUTATION_KEYS if value.get(k) is not None}


def _tranche(t):
    tranche = {
        "percent": t.text("percent", required=False),
        "amount": t.amount("amount"),
        "condition": t.text("condition", required=False, choices=TRANCHE_CONDITIONS)
        or "on_request",
        "due": t.date("due", required=False),
    }
    if (tranche["percent"] is None) == (tranche["amount"] is None):
        t.fail("percent", "chaque tranche a soit `percent`, soit `amount`")
    if tranche["percent"] is not None:
        try:
            money.parse_share(tranche["percent"])
        except ValueError as error:
            t.fail("percent", str(error))
    if tranche["condition"] == "date" and tranche["due"] is None:
        t.fail("due", "une tranche à date fixe a besoin de sa date")
    return tranche


def _check_period_bounds(f, convention, periods):
    labels = [p["label"] for p in periods]
    if len(set(labels)) != len(labels):
        f.fail("periods", "deux périodes portent le même libellé")
    for previous, period in zip(periods, periods[1:], strict=False):
        if period["start"] <= previous["end"]:
            f.fail("periods", f"la période {period['label']} chevauche la précédente")
    for period in periods:
        if period["start"] < convention["start"] or period["end"] > convention["end"]:
            f.fail("periods", f"la période {period['label']} déborde de la convention")
