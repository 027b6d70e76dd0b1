"""Avenants: the only way a convention past draft changes; numbered, with before and after."""

from convention_manager import locking
from convention_manager.exceptions import InvalidConvention, StateError
from convention_manager.exchange import diff, files, schema, states
from convention_manager.extensions import db
from convention_manager.models import Avenant
from convention_manager.rules import deadlines
from convention_manager.services import conventions, exports, schedules

AMENDABLE = ("signed", "active")
ARTICLE_LABELS = {
    "object": "objet de la convention",
    "duration": "durée",
    "parties": "parties",
    "status": "statut et temps de travail",
    "financial": "modalités financières",
    "reporting": "justificatifs",
    "disputes": "litiges et résiliation",
    "other": "autres dispositions",
}


def record(reference, raw, requested=None, signed=None, expected_version=None):
    """Apply the convention as it must read after the avenant, and record the avenant; refuses
    (ConcurrentUpdate) when the convention changed since the user loaded `expected_version`."""
    convention = conventions.get(reference)
    if convention.status not in AMENDABLE:
        hint = " ; modifiez le brouillon par import" if convention.status == "draft" else ""
        raise StateError(f"{reference} : pas d'avenant au statut « {convention.status} »{hint}")
    locking.check(convention, expected_version)
    with locking.guard():
        return _record(convention, raw, requested, signed)


def _record(convention, raw, requested, signed):
    reference = convention.reference
    canonical = schema.normalise(states.without_states(raw))
    if canonical["reference"] != reference:
        raise InvalidConvention(
            f"le fichier décrit « {canonical['reference']} », pas « {reference} »"
        )
    if signed and requested and signed < requested:
        raise InvalidConvention("l'avenant ne peut être signé avant d'avoir été demandé")
    before = files.jsonable(exports.clauses(convention))
    conventions.write_clauses(convention, canonical)
    schedules.refresh(convention)
    after = files.jsonable(exports.clauses(convention))
    changes = diff.changes(before, after)
    if not changes:
        raise InvalidConvention(f"{reference} : le fichier ne change rien à la convention")
    avenant = Avenant(
        number=len(convention.avenants) + 1,
        requested_on=requested,
        answer_due=deadlines.avenant_answer_due(requested) if requested else None,
        signed_on=signed,
        changes=[c.as_dict() for c in changes],
        before=before,
        after=after,
    )
    avenant.summary = "\n".join(describe(avenant))
    convention.avenants.append(avenant)
    db.session.flush()
    return avenant


def describe(avenant):
    """One French line per change: the article touched, the field, before and after."""
    return [
        f"{ARTICLE_LABELS[c['article']]} — {c['path']} : {_show(c['before'])} → {_show(c['after'])}"
        for c in avenant.changes
    ]


def _show(value):
    if value is None:
        return "(absent)"
    if isinstance(value, dict | list):
        return "(modifié)" if value else "(vide)"
    return str(value)
