"""The avenant document's context: its number, the parties, one article per article of the
convention it modifies (each change before and after, in French), then the financing and the
payments as the avenant leaves them.

Pure: the caller passes the schedule mapping and facts of the convention as the avenant leaves
it (`services.documents`), and the avenant's own facts (number, dates, changes, party names).
"""

from num2words import num2words

from convention_manager.documents import articles, avenant_changes, financing
from convention_manager.documents.context import BLANK, amount, as_decimal, text, when, words
from convention_manager.documents.convention_context import party_block

BLOCK_ORDER = ("parties", *articles.KEYS, "other")


def avenant_context(report, facts, avenant_facts):
    """Context of an avenant (docx_templates/avenant.docx)."""
    number = avenant_facts.get("number")
    parties = list(facts.get("parties") or ())
    signatories = [party_block(p) for p in parties if p.get("signatory", True)]
    changed = modified_articles(
        avenant_facts.get("changes") or (),
        avenant_facts.get("names") or {},
        avenant_facts.get("period_label"),
    )
    gap = as_decimal(report.get("gap"))
    return {
        "number": text(number),
        "reference": text(report.get("reference") or facts.get("reference")),
        "title": text(facts.get("title")),
        "territory": text(facts.get("territory")),
        "convention_signed": when(facts.get("signed"), BLANK),
        "earlier": [
            {"number": text(a.get("number")), "signed": when(a.get("signed"), BLANK)}
            for a in facts.get("avenants") or ()
            if number is not None and (a.get("number") or 0) < number
        ],
        "requested": when(avenant_facts.get("requested"), ""),
        "start": when(facts.get("start"), BLANK),
        "end": when(facts.get("end"), BLANK),
        "parties": [party_block(p) for p in parties],
        "signatories": signatories,
        "copies": num2words(max(len(signatories), 1), lang="fr"),
        "articles": changed,
        "periods": financing.periods(report, facts),
        "total_cost": amount(report.get("total_cost")),
        "total_cost_words": words(report.get("total_cost")),
        "funded": amount(report.get("funded")),
        "funded_words": words(report.get("funded")),
        "has_gap": bool(gap),
        "gap": amount(report.get("gap")),
        "gap_words": words(abs(gap) if gap is not None else None),
        "bank": {"holder": text(facts.get("employer")), **_bank(facts.get("bank") or {})},
    }


def modified_articles(changes, names, period_label=None):
    """The changes grouped by the part of the convention they modify, in the document's order."""
    groups = {}
    for change in changes:
        described = avenant_changes.describe(change, names, period_label)
        groups.setdefault(avenant_changes.article_of(change), []).append(described)
    return [{**_heading(key), "changes": groups[key]} for key in BLOCK_ORDER if key in groups]


def _heading(key):
    if key == "parties":
        return {
            "heading": "Désignation des parties",
            "intro": "La désignation des parties, en tête de la convention, est modifiée "
            "comme suit :",
        }
    if key == "other":
        return {
            "heading": "Autres dispositions",
            "intro": "Les autres dispositions de la convention sont modifiées comme suit :",
        }
    number, title = articles.number(key), articles.title(key)
    return {
        "heading": f"Modification de l'article {number} de la convention",
        "intro": f"L'article {number} de la convention, « {title} », est modifié comme suit :",
    }


def _bank(details):
    return {"iban": text(details.get("iban")), "bic": text(details.get("bic"))}
