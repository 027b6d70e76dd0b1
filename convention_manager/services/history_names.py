"""What the history page calls each row and each recorded value: names a person reads, never
the database's internal ids.

An audit entry keeps the row's id and the columns that changed. The page names the row instead
("acompte, période 2024 — État, préfecture du Haut-Rhin"), shows an organisation's name rather
than its id, and leaves out the bookkeeping columns. What names a row is read, in this order of
trust: the entry itself, the entry that created the row (it holds every column), and the row as
it is stored now (the only place that knows a funding line's financer and period).
"""

from types import SimpleNamespace

from convention_manager import labels
from convention_manager.documents.financing import COST_LABELS, IMPUTATION_LABELS
from convention_manager.extensions import db
from convention_manager.models import (
    AuditEntry,
    Avenant,
    CostLine,
    FundingLine,
    Obligation,
    Organisation,
    Party,
    Payment,
    Period,
)
from convention_manager.services.convention_page import obligation_subject

# Columns that say nothing to a reader (older entries may hold some of them).
HIDDEN = {
    "id",
    "version",
    "convention_id",
    "period_id",
    "funding_line_id",
    "user_id",
    "created_at",
    "updated_at",
    "position",
    "total_cost",
    "funded",
    "gap",
    "warning_count",
    "search_text",
}
MODELS = {
    "party": Party,
    "period": Period,
    "cost_line": CostLine,
    "funding_line": FundingLine,
    "payment": Payment,
    "obligation": Obligation,
    "avenant": Avenant,
}


class Names:
    """The names of the rows and organisations that a set of entries mention."""

    def __init__(self, entries):
        entries = list(entries)
        self._created = _creations(entries)
        self._stored = _stored_rows(entries)
        self._financers, self._parties = _parties({e.convention_id for e in entries} - {None})
        organisation_ids = {
            value
            for values in (*map(self._own_values, entries), *self._created.values())
            for value in [values.get("organisation_id")]
            if isinstance(value, int)
        }
        self._organisations = _organisation_names(organisation_ids)

    def subject(self, entry):
        """The row in words, without its kind: "acompte, période 2024 — État, …"."""
        facts = self.facts(entry)
        name = SUBJECTS.get(entry.entity)
        return name(self, facts) if name else ""

    def facts(self, entry):
        """The row's columns as best known: stored row, then its creation, then the entry."""
        facts = dict(self._stored.get((entry.entity, entry.entity_id), {}))
        facts.update(self._created.get((entry.entity, entry.entity_id), {}))
        facts.update({k: v for k, v in self._own_values(entry).items() if v is not None})
        return facts

    def organisation(self, organisation_id):
        """An organisation's name from its id (the id itself if the organisation is gone)."""
        return self._organisations.get(organisation_id, organisation_id)

    def financer(self, key):
        """A party's organisation name from its key in the convention."""
        return self._financers.get(key, key)

    def party(self, party_id):
        """A party's organisation name from its id (the id itself if the party is gone)."""
        return self._parties.get(party_id, party_id)

    @staticmethod
    def _own_values(entry):
        side = 0 if entry.action == "delete" else 1
        return {field: pair[side] for field, pair in (entry.changes or {}).items()}


def _party(names, facts):
    return str(names.organisation(facts.get("organisation_id")) or facts.get("key") or "")


def _period(names, facts):
    return str(facts.get("label") or "")


def _in_period(facts):
    return f", période {facts['period']}" if facts.get("period") else ""


def _cost_line(names, facts):
    kind = facts.get("kind") or ""
    return f"{COST_LABELS.get(kind, kind)}{_in_period(facts)}"


def _funding_line(names, facts):
    fund = f" ({facts['fund']})" if facts.get("fund") else ""
    # A deleted line's financer is not recorded (its party id meant nothing to a reader).
    who = facts.get("financer_name") or "ligne supprimée"
    return f"{who}{fund}{_in_period(facts)}"


def _payment(names, facts):
    kind = labels.KIND.get(facts.get("kind"), facts.get("kind") or "")
    tranche = f" n°{facts['tranche']}" if facts.get("tranche") else ""
    period = f", période {facts['period_label']}" if facts.get("period_label") else ""
    return f"{kind}{tranche}{period} — {names.financer(facts.get('financer_key'))}"


def _obligation(names, facts):
    kind = facts.get("kind")
    document = SimpleNamespace(kind=kind, subject=facts.get("subject") or "")
    try:
        about = obligation_subject(document)
    except ValueError:  # a subject that is not the expected date
        about = document.subject
    return f"{labels.KIND.get(kind, kind or '')}, {about}"


def _avenant(names, facts):
    return f"n°{facts['number']}" if facts.get("number") else ""


SUBJECTS = {
    "party": _party,
    "period": _period,
    "cost_line": _cost_line,
    "funding_line": _funding_line,
    "payment": _payment,
    "obligation": _obligation,
    "avenant": _avenant,
}


def value(names, entity, field, recorded):
    """A recorded value in words where the raw value is an id or a code; None to keep it."""
    if field == "organisation_id" and recorded is not None:
        return str(names.organisation(recorded))
    if field == "financer_key" and recorded is not None:
        return str(names.financer(recorded))
    if field == "financer_id" and recorded is not None:
        return str(names.party(recorded))
    if field == "kind" and entity == "cost_line":
        return COST_LABELS.get(recorded, recorded)
    if field == "condition":
        return labels.CONDITION.get(recorded, recorded)
    if field == "tranche" and not recorded:
        return "—"
    if isinstance(recorded, dict):
        return " ; ".join(
            f"{IMPUTATION_LABELS.get(key, key)} : {item}" for key, item in recorded.items()
        )
    return None


def _creations(entries):
    """(entity, id) -> the columns recorded when that row was created."""
    wanted = {(e.entity, e.entity_id) for e in entries if e.entity_id is not None}
    if not wanted:
        return {}
    found = db.session.scalars(
        db.select(AuditEntry)
        .where(
            AuditEntry.action == "create",
            AuditEntry.entity.in_({entity for entity, _ in wanted}),
            AuditEntry.entity_id.in_({entity_id for _, entity_id in wanted}),
            AuditEntry.convention_id.in_({e.convention_id for e in entries} - {None}),
        )
        .order_by(AuditEntry.id)
    ).all()
    # A row deleted then created again under the same id (SQLite reuses ids): the latest wins.
    return {
        (e.entity, e.entity_id): {k: after for k, (_, after) in (e.changes or {}).items()}
        for e in found
        if (e.entity, e.entity_id) in wanted
    }


def _stored_rows(entries):
    """(entity, id) -> the naming columns of the rows still stored."""
    stored = {}
    for entity, model in MODELS.items():
        ids = {e.entity_id for e in entries if e.entity == entity and e.entity_id is not None}
        if ids:
            for row in db.session.scalars(db.select(model).where(model.id.in_(ids))):
                stored[entity, row.id] = _naming_columns(entity, row)
    return stored


def _naming_columns(entity, row):
    columns = {
        key: getattr(row, key)
        for key in ("key", "organisation_id", "label", "kind", "fund", "number", "subject")
        if hasattr(row, key)
    }
    if entity in ("payment",):
        columns.update(period_label=row.period_label, financer_key=row.financer_key)
        columns["tranche"] = row.tranche
    if entity in ("cost_line", "funding_line") and row.period is not None:
        columns["period"] = row.period.label
    if entity == "funding_line" and row.financer is not None:
        columns["financer_name"] = row.financer.organisation.name
    return columns


def _parties(convention_ids):
    """Party key -> organisation name (parties present or past), and party id -> name
    (parties present)."""
    if not convention_ids:
        return {}, {}
    names = {}
    for entry in db.session.scalars(
        db.select(AuditEntry)
        .where(AuditEntry.convention_id.in_(convention_ids), AuditEntry.entity == "party")
        .order_by(AuditEntry.id)
    ):
        values = {k: pair[1] for k, pair in (entry.changes or {}).items()}
        if values.get("key") and values.get("organisation_id"):
            names[values["key"]] = values["organisation_id"]
    organisations = _organisation_names(set(names.values()))
    names = {key: organisations.get(org, key) for key, org in names.items()}
    by_id = {}
    parties = db.select(Party).where(Party.convention_id.in_(convention_ids))
    for party in db.session.scalars(parties):
        names[party.key] = by_id[party.id] = party.organisation.name
    return names, by_id


def _organisation_names(ids):
    if not ids:
        return {}
    return dict(
        db.session.execute(
            db.select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids))
        ).all()
    )
