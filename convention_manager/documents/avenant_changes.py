"""An avenant's changes read as French: which article of the convention each one modifies, what
it touches ("la date de fin de la convention") and its value before and after, written out.

The changes are those of `exchange.diff`: a path (`periods[2024].funding[cea].share`), the part
of the convention it belongs to, and the values before and after as stored (ISO dates, amounts
as strings, nested mappings). Pure: no Flask, no database.
"""

import re

from stdnum import iban as stdnum_iban

from convention_manager.documents import articles
from convention_manager.documents.context import PARTY_KIND, amount, as_decimal, text, when
from convention_manager.documents.convention_context import POSTS, year_end
from convention_manager.documents.financing import (
    CONDITION_PHRASES,
    COST_LABELS,
    IMPUTATION_LABELS,
    share_text,
)

NOTHING = "néant"
SEGMENT = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?")

# Where each change sits in the convention document: an article key, or the parties block.
FIELD_ARTICLE = {
    "title": "object",
    "post_kind": "object",
    "territory": "object",
    "employer": "object",
    "functional_authority": "object",
    "posts": "status",
    "fte": "status",
    "start": "duration",
    "end": "duration",
    "financial_year_end": "reporting",
    "court": "disputes",
    "signatories": "parties",
}
PARTY_FIELD_ARTICLE = {"iban": "financial", "bic": "financial"}

FIELDS = {
    "title": "l'intitulé de la convention",
    "post_kind": "la nature du poste",
    "territory": "le territoire d'intervention",
    "posts": "le nombre de postes",
    "fte": "le temps de travail de chaque poste",
    "start": "la date de début de la convention",
    "end": "la date de fin de la convention",
    "financial_year_end": "la date de clôture de l'exercice de l'employeur",
    "court": "la juridiction compétente",
    "employer": "l'employeur (autorité hiérarchique)",
    "functional_authority": "l'autorité fonctionnelle",
    "signatories": "les parties signataires",
}
PARTY_FIELDS = {
    "name": "la dénomination",
    "kind": "la catégorie",
    "representative": "le représentant",
    "title": "la qualité du représentant",
    "siret": "le numéro SIRET",
    "address": "l'adresse",
    "iban": "l'IBAN",
    "bic": "le BIC",
}
FUNDING_FIELDS = {
    "share": "la participation {of}{period} (part du coût)",
    "amount": "la participation {of}{period} (montant)",
    "cap": "le plafond de la participation {of}{period}",
    "requested": "le montant demandé par le financeur « {name} »{period}",
    "voted": "le montant voté par le financeur « {name} »{period}",
    "fund": "le fonds mobilisé par le financeur « {name} »{period}",
    "notified": "la date de notification de l'acte attributif {of}{period}",
    "budget_vote": "la date du vote du budget du financeur « {name} »{period}",
    "imputation": "l'imputation budgétaire de la participation {of}{period}",
    "tranches": "les tranches de versement de la participation {of}{period}",
}
DATE_FIELDS = {"start", "end", "notified", "budget_vote"}
MONEY_FIELDS = {"amount", "cap", "requested", "voted"}


def parse(path):
    """`periods[2024].funding[cea].share` -> [("periods", "2024"), ("funding", "cea"), ...]."""
    return [(m.group(1), m.group(2)) for m in SEGMENT.finditer(path)]


def article_of(change):
    """The convention article key the change modifies, or "parties" for the parties block."""
    segments = parse(change.get("path") or "")
    if not segments:
        return "object"
    top, key = segments[0]
    if top == "parties":
        field = segments[1][0] if len(segments) > 1 else None
        return PARTY_FIELD_ARTICLE.get(field, "parties")
    if top in ("periods", "costs", "funding"):
        return "financial"
    return FIELD_ARTICLE.get(top, top if top in articles.KEYS else "other")


def describe(change, names, period_label=None):
    """One change as {what, before, after}, all in French."""
    segments = parse(change.get("path") or "")
    context = _Context(names, period_label)
    what, field = context.subject(segments)
    return {
        "what": what[:1].upper() + what[1:],
        "before": context.value(field, change.get("before")),
        "after": context.value(field, change.get("after")),
    }


class _Context:
    """Walks a path's segments, remembering the party, financer and period it went through."""

    def __init__(self, names, period_label):
        self.names = names
        self.period = period_label

    def name(self, key):
        return text(self.names.get(key) or key)

    def subject(self, segments):
        """What the path designates, and the field whose values it holds."""
        top, key = segments[0] if segments else ("", None)
        rest = segments[1:]
        if top == "parties":
            return self._party(key, rest)
        if top == "periods":
            self.period = key
            return self._period(rest)
        if top in ("costs", "funding"):
            return self._period(segments)
        return FIELDS.get(top, top), top

    def _party(self, key, rest):
        party = f"la partie « {self.name(key)} »"
        if not rest:
            return party, "party"
        field = rest[0][0]
        return f"{PARTY_FIELDS.get(field, field)} de {party}", field

    def _period(self, segments):
        suffix = f" pour la période {self.period}" if self.period else ""
        if not segments:
            return f"la période {self.period}", "period"
        (top, key), rest = segments[0], segments[1:]
        if top == "costs":
            kind = rest[0][0] if rest else ""
            cost = COST_LABELS.get(kind, kind.replace("_", " "))
            return f"la ligne de coût « {cost} »{suffix}", "cost"
        if top == "funding":
            return self._funding(key, rest, suffix)
        return f"la date de {'début' if top == 'start' else 'fin'} de la période {self.period}", top

    def _funding(self, key, rest, suffix):
        name = self.name(key)
        of = f"du financeur « {name} »"
        if not rest:
            return f"la participation {of}{suffix}", "funding"
        field = rest[0][0]
        pattern = FUNDING_FIELDS.get(field, field + " {of}{period}")
        what = pattern.format(of=of, name=name, period=suffix)
        if field == "imputation" and len(rest) > 1:
            detail = IMPUTATION_LABELS.get(rest[1][0], rest[1][0])
            detail = detail[:1].lower() + detail[1:]
            what = f"{what} : {detail}"
            field = "imputation_item"
        return what, field

    def value(self, field, value):
        """A stored value written for a reader."""
        if value is None or value == "" or value == []:
            return NOTHING
        writer = getattr(self, f"_value_{field}", None)
        if writer is not None:
            return writer(value)
        if field in DATE_FIELDS:
            return when(value, NOTHING)
        if field in MONEY_FIELDS or field == "cost":
            return amount(value)
        return text(value)

    def _value_share(self, value):
        return f"{share_text(value)} du coût"

    def _value_fte(self, value):
        fte = as_decimal(value)
        return "temps plein" if fte >= 1 else f"{str(fte).replace('.', ',')} équivalent temps plein"

    def _value_post_kind(self, value):
        return POSTS.get(value, (value,))[0]

    def _value_financial_year_end(self, value):
        return year_end(value)

    def _value_employer(self, value):
        return self.name(value)

    _value_functional_authority = _value_employer

    def _value_signatories(self, value):
        return ", ".join(self.name(k) for k in value)

    def _value_kind(self, value):
        return PARTY_KIND.get(value, value)

    def _value_iban(self, value):
        return stdnum_iban.format(value)

    def _value_party(self, value):
        return text(value.get("name")) if isinstance(value, dict) else text(value)

    def _value_period(self, value):
        if not isinstance(value, dict):
            return text(value)
        return f"du {when(value.get('start'), NOTHING)} au {when(value.get('end'), NOTHING)}"

    def _value_funding(self, value):
        if not isinstance(value, dict):
            return text(value)
        if value.get("voted") is not None:
            return f"{amount(value['voted'])} (montant voté)"
        if value.get("amount") is not None:
            result = amount(value["amount"])
        elif value.get("share") is not None:
            result = self._value_share(value["share"])
        else:
            result = f"{amount(value.get('requested'))} (montant demandé)"
        if value.get("cap") is not None:
            result += f", dans la limite de {amount(value['cap'])}"
        return result

    def _value_imputation(self, value):
        if not isinstance(value, dict):
            return text(value)
        return " ; ".join(f"{IMPUTATION_LABELS.get(k, k)} : {v}" for k, v in value.items())

    def _value_tranches(self, value):
        if not isinstance(value, list):
            return text(value)
        return " ; ".join(_tranche(t) for t in value)


def _tranche(tranche):
    part = (
        share_text(tranche["percent"]) if tranche.get("percent") else amount(tranche.get("amount"))
    )
    condition = tranche.get("condition")
    if condition == "date":
        return f"{part} le {when(tranche.get('due'), NOTHING)}"
    return f"{part} {CONDITION_PHRASES.get(condition, condition)}"
