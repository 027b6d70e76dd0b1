"""The convention document's context: parties, the post, its financing and obligations, in French.

Pure: the caller passes the schedule mapping of `services.reports.schedule` and the facts of
`services.documents.convention_facts`. Every value is already text; a missing one is the
visible blank "……", never "None".
"""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from dateutil.relativedelta import relativedelta
from num2words import num2words

from convention_manager import formatting
from convention_manager.documents import financing
from convention_manager.documents.context import (
    BLANK,
    amount,
    as_decimal,
    obligation,
    party,
    text,
    when,
    words,
)

WEEKLY_HOURS = 35
# Post kind -> what the worker is called, and where the work is done.
POSTS = {
    "ISG": ("intervenant social en gendarmerie (ISG)", "unités de gendarmerie"),
    "ISC": ("intervenant social en commissariat (ISC)", "commissariat de police"),
    "ISCG": (
        "intervenant social en commissariat et en gendarmerie (ISCG)",
        "commissariat de police et unités de gendarmerie",
    ),
}
ROLES = {
    "financer": "financeur",
    "employer": "employeur de l'intervenant social (autorité hiérarchique)",
    "functional_authority": "autorité fonctionnelle",
}
PUBLIC_EMPLOYERS = ("department", "commune", "epci")


def convention_context(report, facts):
    """Context of the convention document (docx_templates/convention.docx)."""
    parties = list(facts.get("parties") or ())
    signatories = [party_block(p) for p in parties if p.get("signatory", True)]
    gap = as_decimal(report.get("gap"))
    post_label, workplace = POSTS.get(facts.get("post_kind"), POSTS["ISCG"])
    return {
        "reference": text(report.get("reference") or facts.get("reference")),
        "title": text(facts.get("title")),
        "territory": text(facts.get("territory")),
        "post_label": post_label,
        "post_title": post_label[0].upper() + post_label[1:],
        "workplace": workplace,
        "posts": posts_phrase(facts.get("posts")),
        "working_time": working_time(facts.get("fte")),
        "staffing": staffing(facts.get("posts"), facts.get("fte")),
        "start": when(facts.get("start"), BLANK),
        "end": when(facts.get("end"), BLANK),
        "duration": duration(facts.get("start"), facts.get("end")),
        "employer": text(facts.get("employer")),
        "employer_representative": _employer_representative(parties),
        "employer_status": employer_status(facts.get("employer_kind")),
        "functional_authority": text(facts.get("functional_authority")),
        "court": text(facts.get("court")),
        "consolidated": consolidated_note(facts.get("avenants") or ()),
        "parties": [party_block(p) for p in parties],
        "signatories": signatories,
        "copies": num2words(max(len(signatories), 1), lang="fr"),
        "has_fipd": any(financing.is_fipd(line) for line in _lines(facts)),
        "multi_period": len(report.get("periods") or ()) > 1,
        "total_cost": amount(report.get("total_cost")),
        "total_cost_words": words(report.get("total_cost")),
        "funded": amount(report.get("funded")),
        "funded_words": words(report.get("funded")),
        "has_gap": bool(gap),
        "gap": amount(report.get("gap")),
        "gap_words": words(abs(gap) if gap is not None else None),
        "periods": financing.periods(report, facts),
        "imputations": financing.imputations(facts),
        "bank": bank(facts.get("bank") or {}, facts.get("employer")),
        "financial_year_end": year_end(facts.get("financial_year_end")),
        "obligations": [_obligation(o) for o in report.get("obligations") or ()],
        "pre_assessment": _pre_assessment(report.get("obligations") or ()),
    }


def party_block(facts):
    """A party as the parties block and the signature table print it."""
    block = party(facts)
    roles = [ROLES[r] for r in facts.get("roles") or () if r in ROLES]
    block["roles"] = ", ".join(roles) if roles else "partie signataire"
    return block


def posts_phrase(count):
    """ "un poste", "trois postes"."""
    count = int(count or 1)
    return "un poste" if count == 1 else f"{num2words(count, lang='fr')} postes"


def staffing(count, fte):
    """ "un poste, pourvu à temps plein…", "trois postes, chacun pourvu à temps plein…"."""
    each = "pourvu" if int(count or 1) == 1 else "chacun pourvu"
    return f"{posts_phrase(count)}, {each} {working_time(fte)}"


def working_time(fte):
    """Full or part time per post, with the weekly hours on a 35-hour base."""
    fte = as_decimal(fte) or Decimal(1)
    minutes = int((fte * WEEKLY_HOURS * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    hours, rest = divmod(minutes, 60)
    weekly = f"{hours}\xa0h\xa0{rest:02d}" if rest else f"{hours}\xa0heures"
    if fte >= 1:
        return f"à temps plein, soit {weekly} par semaine"
    share = formatting.number(fte, 2)
    return (
        f"à temps partiel, à raison de {share} équivalent temps plein, soit {weekly} par "
        f"semaine sur une base de {WEEKLY_HOURS}\xa0heures"
    )


def duration(start, end):
    """The length of the convention in words ("six mois", "trois ans"), or its days."""
    start, end = _date(start), _date(end)
    if not start or not end:
        return BLANK
    span = relativedelta(end + timedelta(days=1), start)
    if span.days:
        days = (end - start).days + 1
        return f"{num2words(days, lang='fr')} jours"
    parts = []
    if span.years:
        parts.append(_count(span.years, "an", "ans"))
    if span.months:
        parts.append(_count(span.months, "mois", "mois"))
    return " et ".join(parts)


def _count(number, singular, plural):
    return f"{num2words(number, lang='fr')} {singular if number == 1 else plural}"


def _date(value):
    if isinstance(value, str) and value:
        return date.fromisoformat(value)
    return value or None


def employer_status(kind):
    """What the worker's employment status is, by the kind of employer."""
    if kind == "association":
        return (
            "L'intervenant social est salarié de droit privé de l'employeur ; il relève du code "
            "du travail et de la convention collective que l'employeur applique."
        )
    if kind in PUBLIC_EMPLOYERS:
        return (
            "L'intervenant social est agent de l'employeur, titulaire ou contractuel de la "
            "fonction publique territoriale, ou mis à sa disposition ; il relève des règles "
            "statutaires qui lui sont propres."
        )
    return "L'intervenant social relève du statut ou du contrat qui le lie à son employeur."


def consolidated_note(avenants):
    """ "Texte à jour de l'avenant n°1 du …" when avenants exist, else ""."""
    if not avenants:
        return ""
    listed = [
        f"n°{a.get('number')}" + (f" du {when(a.get('signed'))}" if a.get("signed") else "")
        for a in avenants
    ]
    noun = "de l'avenant" if len(listed) == 1 else "des avenants"
    return f"Texte consolidé, à jour {noun} {', '.join(listed)}."


def bank(details, holder):
    """The employer's bank details, blanks where unknown."""
    return {
        "holder": text(holder),
        "iban": text(details.get("iban")),
        "bic": text(details.get("bic")),
    }


def year_end(value):
    """The employer's financial year closing day in words ("31 décembre")."""
    if not value:
        return "31 décembre"
    month, day = (int(part) for part in str(value).split("-"))
    if month == 2 and day >= 28:
        return "dernier jour de février"
    day_text = "1er" if day == 1 else str(day)
    return f"{day_text} {format_date(date(2000, month, day), 'MMMM', locale='fr_FR')}"


def _employer_representative(parties):
    found = next((p for p in parties if "employer" in (p.get("roles") or ())), {})
    return text(found.get("representative"))


def _lines(facts):
    return [line for period in facts.get("periods") or () for line in period.get("funding") or ()]


def _obligation(item):
    written = obligation(item)
    document = written["document"]
    return {"document": document[:1].upper() + document[1:], "due": written["due"]}


def _pre_assessment(obligations):
    due = next((o.get("due") for o in obligations if o.get("kind") == "pre_assessment"), None)
    return when(due) if due else ""
