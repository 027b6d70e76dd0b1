"""A convention's history page: its audit entries, newest first, 50 a page, in French.

Rows and values are named as a person reads them (`history_names`): an organisation's name,
"acompte, période 2024 — État, …", never an internal id. Access follows the convention page: an
association sees only its own conventions' history; anything else is NotFound.
"""

import re
from dataclasses import dataclass
from datetime import UTC
from decimal import Decimal
from zoneinfo import ZoneInfo

from convention_manager import formatting, labels
from convention_manager.exceptions import NotFound
from convention_manager.extensions import db
from convention_manager.models import AuditEntry, Convention
from convention_manager.services import history_names, loading

PAGE_SIZE = 50
LOCAL_TIME = ZoneInfo("Europe/Paris")
ENTITY = {
    "convention": "convention",
    "party": "partie",
    "period": "période",
    "cost_line": "ligne de coût",
    "funding_line": "financement",
    "payment": "versement",
    "obligation": "justificatif",
    "avenant": "avenant",
}
ACTION = {"create": "création", "update": "modification", "delete": "suppression"}
FIELD = {
    "reference": "référence", "title": "intitulé", "post_kind": "type de poste",
    "posts": "postes", "fte": "ETP", "territory": "territoire", "start": "début", "end": "fin",
    "financial_year_end": "fin d'exercice", "court": "juridiction", "status": "statut",
    "signed_on": "signée le", "activated_on": "en cours depuis le", "ended_on": "terminée le",
    "formal_notice_on": "mise en demeure le", "terminated_on": "résiliée le",
    "extra": "autres clauses", "key": "clé", "organisation_id": "organisme",
    "representative": "représentant", "position": "rang", "employer": "employeur",
    "functional_authority": "autorité fonctionnelle", "signatory": "signataire",
    "label": "libellé", "explicit": "période explicite", "kind": "nature", "amount": "montant",
    "fund": "fonds", "share": "part", "cap": "plafond", "requested": "demandé",
    "voted": "voté", "notified": "notifié le", "budget_vote": "vote du budget le",
    "imputation": "imputation", "note": "note", "period_label": "période",
    "financer_key": "financeur", "financer_id": "financeur", "tranche": "tranche",
    "condition": "condition",
    "due": "échéance", "spend_threshold": "seuil de dépenses", "requested_on": "demandé le",
    "ordered_on": "mandaté le", "paid_on": "payé le", "subject": "objet",
    "sent_on": "envoyé le", "received_on": "reçu le", "number": "numéro",
    "answer_due": "réponse attendue le", "summary": "résumé",
}  # fmt: skip
MONEY_FIELDS = {"amount", "cap", "requested", "voted", "spend_threshold"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Line:
    """One entry as the page shows it."""

    when: str
    who: str
    entity: str  # "versement"
    subject: str  # "acompte, période 2024 — État, préfecture du Haut-Rhin"; "" for the convention
    action: str
    changes: list  # [(field label, before, after)]

    @property
    def what(self):
        """The row in one phrase: "versement « acompte, période 2024 — État, … »"."""
        return f"{self.entity} « {self.subject} »" if self.subject else self.entity


@dataclass(frozen=True)
class History:
    """One page of a convention's history."""

    convention: Convention
    lines: list
    page: int
    pages: int
    total: int


def visible(reference, organisation_id=None):
    """The convention if this scope may see it, else NotFound."""
    query = db.select(Convention).where(Convention.reference == reference)
    if organisation_id is not None:
        query = query.where(loading.party_to(organisation_id))
    convention = db.session.scalars(query).first()
    if convention is None:
        raise NotFound(f"aucune convention « {reference} »")
    return convention


def entries(convention_id):
    """The query of a convention's entries, newest first."""
    return (
        db.select(AuditEntry)
        .where(AuditEntry.convention_id == convention_id)
        .order_by(AuditEntry.id.desc())
    )


def page(reference, organisation_id=None, number=1):
    """Page `number` of the history of `reference` as seen by a user of that scope."""
    convention = visible(reference, organisation_id)
    found = db.paginate(
        entries(convention.id), page=max(number, 1), per_page=PAGE_SIZE, error_out=False
    )
    return History(
        convention=convention,
        lines=lines(found.items),
        page=found.page,
        pages=max(found.pages, 1),
        total=found.total,
    )


def lines(entries):
    """The entries in French, their rows and values named as a person reads them."""
    entries = list(entries)
    names = history_names.Names(entries)
    return [line(e, names) for e in entries]


def line(entry, names=None):
    """An entry in French: who, when, which row, and each field before → after (bookkeeping
    columns left out, ids replaced by names)."""
    names = names or history_names.Names([entry])
    changes = []
    for field, (before, after) in (entry.changes or {}).items():
        if field in history_names.HIDDEN:
            continue
        shown = [_shown(names, entry.entity, field, value) for value in (before, after)]
        if shown[0] != shown[1]:
            changes.append((FIELD.get(field, field), *shown))
    return Line(
        when=when(entry.at),
        who=entry.actor,
        entity=ENTITY.get(entry.entity, entry.entity),
        subject=names.subject(entry),
        action=ACTION.get(entry.action, entry.action),
        changes=changes,
    )


def _shown(names, entity, field, value):
    named = history_names.value(names, entity, field, value)
    return show(field, value) if named is None else named


def when(moment):
    """A UTC timestamp as French local date and time: "22/11/2026 à 13:05"."""
    if moment.tzinfo is None:  # SQLite gives back naive datetimes
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TIME).strftime("%d/%m/%Y à %H:%M")


def show(field, value):
    """A recorded value in French: dates, amounts, yes/no, status labels."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if field in MONEY_FIELDS:
        return formatting.money(Decimal(value))
    if isinstance(value, str) and ISO_DATE.match(value):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    if field == "status":
        return labels.CONVENTION_STATUS.get(value) or labels.STATUS.get(value, value)
    if field == "kind":
        return labels.KIND.get(value, value)
    return str(value)
