"""Template contexts: the schedule mapping and a convention's facts, written out in French.

Pure: neither Flask nor the database is imported; the caller passes the mapping of
`services.reports.schedule` and a small dict of facts taken from the model. Every value handed to
a template is already text (amounts, percentages, dates, labels), so templates only place it.
A missing value becomes a visible blank, never "None" nor an empty gap a reader could miss.

Text is passed through unchanged (no escaping here): the renderer's autoescaping environment
escapes it for the DOCX XML, so "CIDFF 68 & <partenaires>" prints as typed.
"""

from datetime import date
from decimal import Decimal

from convention_manager import formatting, labels

BLANK = "……"
UNTIL_CONDITION = "à la réalisation de la condition"
NOT_DATED = "date à venir"
# What an obligation without a date waits for, when it waits for something else than a date.
OBLIGATION_TRIGGER = {"fipd_spend_attestation": "dès 60 % du coût de la période dépensés"}

# Organisation kinds of the model (models.organisations.ORGANISATION_KINDS), as a reader says them.
PARTY_KIND = {
    "state": "État",
    "department": "département",
    "epci": "intercommunalité (EPCI)",
    "commune": "commune",
    "association": "association",
    "gendarmerie": "gendarmerie",
    "police": "police",
    "other": "autre organisme",
}


def schedule_context(report, convention_facts):
    """Context of the échéancier: the schedule mapping plus the convention's facts, in French.

    `convention_facts` holds reference, title, territory, start, end (dates or ISO strings),
    employer (a name) and parties (dicts with key, name, kind, representative, title).
    """
    parties = list(convention_facts.get("parties") or ())
    names = {p.get("key"): p.get("name") for p in parties}
    gap = as_decimal(report.get("gap"))
    return {
        "reference": text(report.get("reference") or convention_facts.get("reference")),
        "title": text(convention_facts.get("title")),
        "territory": text(convention_facts.get("territory")),
        "start": when(convention_facts.get("start"), BLANK),
        "end": when(convention_facts.get("end"), BLANK),
        "employer": text(convention_facts.get("employer")),
        "status": label(labels.CONVENTION_STATUS, report.get("status")),
        "parties": [party(p) for p in parties],
        "total_cost": amount(report.get("total_cost")),
        "total_cost_words": words(report.get("total_cost")),
        "funded": amount(report.get("funded")),
        "funded_words": words(report.get("funded")),
        "funded_percent": ratio(report.get("funded"), report.get("total_cost")),
        "gap": amount(report.get("gap")),
        "gap_words": words(abs(gap) if gap is not None else None),
        "has_gap": bool(gap),
        "admin_fee_rate": rate(report.get("admin_fee_rate")),
        "shares": [_share(s, names) for s in report.get("shares") or ()],
        "periods": _periods(report, names),
        "obligations": [obligation(o) for o in report.get("obligations") or ()],
        "warnings": [text(w.get("message")) for w in report.get("warnings") or ()],
    }


def text(value):
    """The value as text, or the visible blank when it is missing or empty."""
    if value is None or not str(value).strip():
        return BLANK
    return str(value)


def amount(value):
    """Euros written the French way ("7 500,00 €"), or the blank."""
    return text(formatting.money(as_decimal(value)))


def words(value):
    """Euros in French words ("sept mille cinq cents euros"), or the blank."""
    return text(formatting.amount_in_words(as_decimal(value)))


def rate(value):
    """A percentage given in percent ("33.33" -> "33,33 %"), or the blank."""
    return text(formatting.percent(as_decimal(value)))


def when(value, missing=UNTIL_CONDITION):
    """A date in words ("1er juillet 2023"); `missing` when it is not known yet."""
    if isinstance(value, str) and value:
        value = date.fromisoformat(value)
    return formatting.long_date(value) if value else missing


def as_decimal(value):
    """The value as a Decimal, or None when it is missing."""
    if value is None or value == "":
        return None
    return Decimal(str(value))


def label(table, code):
    """The French label of a code; an unknown code prints as itself rather than vanishing."""
    return text(table.get(code, code) if code is not None else None)


def ratio(part, whole):
    """`part` as a percentage of `whole` ("40,63 %"), or the blank."""
    part, whole = as_decimal(part), as_decimal(whole)
    if part is None or not whole:
        return BLANK
    return rate(part * 100 / whole)


def party(facts):
    """A party's name, kind, representative and title, blanks where missing."""
    return {
        "key": text(facts.get("key")),
        "name": text(facts.get("name")),
        "kind": label(PARTY_KIND, facts.get("kind")),
        "representative": text(facts.get("representative")),
        "title": text(facts.get("title")),
    }


def financer_name(key, names):
    """The financer's name; its key when the facts do not name it."""
    return text(names.get(key) or key)


def _share(share, names):
    return {
        "financer": financer_name(share.get("financer"), names),
        "amount": amount(share.get("amount")),
        "percent": rate(share.get("percent")),
    }


def _periods(report, names):
    """Each period with its own figures and the payments that belong to it, in schedule order."""
    payments = report.get("payments") or ()
    return [
        {
            "label": text(period.get("label")),
            "start": when(period.get("start"), BLANK),
            "end": when(period.get("end"), BLANK),
            "total_cost": amount(period.get("total_cost")),
            "funded": amount(period.get("funded")),
            "gap": amount(period.get("gap")),
            "has_gap": bool(as_decimal(period.get("gap"))),
            "shares": [_share(s, names) for s in period.get("shares") or ()],
            "payments": [
                _payment(p, names) for p in payments if p.get("period") == period.get("label")
            ],
        }
        for period in report.get("periods") or ()
    ]


def _payment(payment, names):
    kind = label(labels.KIND, payment.get("kind"))
    if payment.get("kind") == "tranche" and payment.get("tranche"):
        kind = f"{kind} n°{payment['tranche']}"
    condition = label(labels.CONDITION, payment.get("condition"))
    if payment.get("spend_threshold"):
        condition = f"{condition} (au moins {amount(payment['spend_threshold'])} dépensés)"
    return {
        "financer": financer_name(payment.get("financer"), names),
        "kind": kind,
        "condition": condition,
        "due": when(payment.get("due")),
        "amount": amount(payment.get("amount")),
        "status": label(labels.STATUS, payment.get("status")),
    }


def obligation(item):
    """A document the employer owes: its name, its deadline (or what it waits for), its state."""
    return {
        "document": _document(item.get("kind"), item.get("subject")),
        "due": when(item.get("due"), OBLIGATION_TRIGGER.get(item.get("kind"), NOT_DATED)),
        "status": label(labels.STATUS, item.get("status")),
    }


def _document(kind, subject):
    """The document's name, with the financial year or period it covers."""
    name = label(labels.KIND, kind)
    if not subject:
        return name
    if kind in ("financial_report", "activity_report"):
        try:
            return f"{name}, exercice clos le {when(subject)}"
        except ValueError:  # a subject that is not a closing day: print it as recorded
            return f"{name}, {subject}"
    return f"{name}, période {subject}"
