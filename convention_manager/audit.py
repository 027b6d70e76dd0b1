"""The audit trail, recorded automatically: every row of a convention and its parts that a
transaction creates, changes or deletes becomes an `AuditEntry` naming who did it.

The session's `before_flush` event reads `session.new`, `session.dirty` and `session.deleted`:
changed columns only, with their value before and after. Rows that only the flush itself
deletes (orphans dropped from a collection, and their cascade) are caught by the mapper's
`after_delete` event, the only place they are visible. Entries wait in `session.info` until the
transaction commits, then are folded (a row deleted and re-created with the same identity, as
replacing a draft does, reads as one update) and inserted; a rollback drops them.

The actor is the signed-in user within a request, else the command line.
"""

import itertools
import json
from datetime import UTC, date, datetime
from decimal import Decimal

from flask import has_request_context
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, attributes

from convention_manager.models import (
    AuditEntry,
    Avenant,
    Convention,
    CostLine,
    FundingLine,
    Obligation,
    Party,
    Payment,
    Period,
)

COMMAND_LINE = "ligne de commande"
PENDING = "audit_pending"
# How many pending entries earlier flushes already completed: each flush only completes its own,
# so a long transaction (an import of thousands of conventions) stays linear.
COMPLETED = "audit_completed"
# Bookkeeping columns: ids, links, ordering and version say nothing the history needs.
NOT_AUDITED = {
    "id",
    "version",
    "created_at",
    "updated_at",
    "convention_id",
    "period_id",
    "position",
}
NOT_AUDITED_BY_ENTITY = {
    "avenant": {"before", "after", "changes"},
    "funding_line": {"financer_id"},
    # Figures the rules compute from the terms (`services.schedules.summarise`): the history
    # shows the terms that changed, not what follows from them.
    "convention": {"total_cost", "funded", "gap", "warning_count", "search_text"},
}


def _position_of_period(row):
    return row.period.position if row.period is not None else None


# What a row is within its convention, stable when a draft is rewritten (new ids, same rows).
IDENTITY = {
    Convention: lambda c: (c.reference,),
    Party: lambda p: (p.key,),
    Period: lambda p: (p.position,),
    CostLine: lambda c: (_position_of_period(c), c.kind),
    FundingLine: lambda f: (
        _position_of_period(f),
        f.financer.key if f.financer else None,
        f.fund,
    ),
    Payment: lambda p: p.key,
    Obligation: lambda o: o.key,
    Avenant: lambda a: (a.number,),
}
AUDITED = tuple(IDENTITY)


def register(app):
    """Listen to every session's flushes, commits and rollbacks (once per process)."""
    if event.contains(Session, "before_flush", _before_flush):
        return
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_soft_rollback", _after_rollback)
    for model in AUDITED:
        event.listen(model, "after_delete", _after_delete)


def actor():
    """(user id, label) of whoever is acting: the signed-in user, else the command line."""
    if has_request_context():
        from flask_login import current_user

        if current_user and current_user.is_authenticated:
            return current_user.id, current_user.email
    return None, COMMAND_LINE


def plain(value):
    """A value as JSON keeps it: Decimals and dates as strings."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict | list | tuple):
        return json.loads(json.dumps(value, default=str))
    return value


def _entity(row):
    return type(row).__tablename__


def _fields(row):
    skipped = NOT_AUDITED | NOT_AUDITED_BY_ENTITY.get(_entity(row), set())
    return [a.key for a in inspect(type(row)).column_attrs if a.key not in skipped]


def _values(row):
    state = inspect(row)
    return {key: plain(state.dict[key]) for key in _fields(row) if state.dict.get(key) is not None}


def _gone(row):
    return {key: [value, None] for key, value in _values(row).items()}


def _changed(session, row):
    """{field: [before, after]} of the columns that really changed."""
    histories = {key: attributes.get_history(row, key) for key in _fields(row)}
    histories = {key: h for key, h in histories.items() if h.added or h.deleted}
    # A value set after the row expired (after a commit) has no "before": read it back.
    unknown = [key for key, h in histories.items() if h.added and not h.deleted]
    stored = _stored(session, row, unknown) if unknown else {}
    changes = {}
    for key, history in histories.items():
        before = plain(history.deleted[0] if history.deleted else stored.get(key))
        after = plain(history.added[0]) if history.added else None
        if before != after:
            changes[key] = [before, after]
    return changes


def _stored(session, row, keys):
    """The values of `keys` as the database holds them, before this flush."""
    mapper = inspect(type(row))
    columns = [mapper.columns[key] for key in keys]
    found = (
        session.connection()
        .execute(select(*columns).where(mapper.primary_key[0] == row.id))
        .first()
    )
    return dict(zip(keys, found, strict=True)) if found else {}


def convention_of(row):
    """(convention id, reference, convention or None) of a row; the foreign keys first, since
    a row dropped from its parent's collection has already lost its link to the parent."""
    if isinstance(row, Convention):
        return row.id, row.reference, row
    if isinstance(row, CostLine | FundingLine):
        period = row.period
        if period is None:
            return None, None, None
        row = period
    convention = row.convention
    if convention is not None and convention.id in (row.convention_id, None):
        return convention.id, convention.reference, convention
    return row.convention_id, None, convention


def _pending(session):
    return session.info.setdefault(PENDING, [])


def _note(session, row, action, changes):
    convention_id, reference, convention = convention_of(row)
    _pending(session).append(
        {
            "row": row,
            "convention": convention,
            "convention_id": convention_id,
            "reference": reference,
            "entity": _entity(row),
            "entity_id": row.id,
            "identity": IDENTITY[type(row)](row),
            "action": action,
            "changes": changes,
        }
    )


def _before_flush(session, flush_context, instances):
    for row in session.new:
        if isinstance(row, AUDITED):
            _note(session, row, "create", None)  # values taken after the flush, ids included
    for row in session.dirty:
        if isinstance(row, AUDITED) and session.is_modified(row, include_collections=False):
            changes = _changed(session, row)
            if changes:
                _note(session, row, "update", changes)
    for row in session.deleted:
        if isinstance(row, AUDITED):
            _note(session, row, "delete", _gone(row))
            session.info.setdefault("audit_noted_deletes", set()).add(id(row))


def _after_delete(mapper, connection, row):
    session = Session.object_session(row)
    if session is None:
        return
    noted = session.info.setdefault("audit_noted_deletes", set())
    if id(row) not in noted:
        noted.add(id(row))
        _note(session, row, "delete", _gone(row))


def _after_flush(session, flush_context):
    """New rows now have their ids and defaults: take their values."""
    pending = _pending(session)
    for entry in pending[session.info.get(COMPLETED, 0) :]:
        row = entry["row"]
        if entry["action"] == "create" and entry["changes"] is None:
            entry["entity_id"] = row.id
            entry["changes"] = {k: [None, v] for k, v in _values(row).items()}
        convention = entry["convention"]
        if convention is not None and entry["convention_id"] is None:
            entry["convention_id"], entry["reference"] = convention.id, convention.reference
    session.info[COMPLETED] = len(pending)
    session.info.pop("audit_noted_deletes", None)


def _after_rollback(session, previous_transaction):
    if not previous_transaction.nested:
        session.info.pop(PENDING, None)
        session.info.pop(COMPLETED, None)
        session.info.pop("audit_noted_deletes", None)


def _before_commit(session):
    if not session.info.get(PENDING) and not (session.new or session.dirty or session.deleted):
        return
    session.flush()
    entries = fold(session.info.pop(PENDING, []))
    session.info.pop(COMPLETED, None)
    if not entries:
        return
    user_id, label = actor()
    now = datetime.now(UTC)
    gone = {
        e["convention_id"]
        for e in entries
        if e["entity"] == "convention" and e["action"] == "delete"
    }
    _fill_references(session, entries)
    versions = {
        row.id: row.version for row in session.identity_map.values() if isinstance(row, Convention)
    }
    session.connection().execute(
        AuditEntry.__table__.insert(),
        [
            {
                "at": now,
                "user_id": user_id,
                "actor": label,
                "convention_id": None if e["convention_id"] in gone else e["convention_id"],
                "reference": e["reference"],
                "entity": e["entity"],
                "entity_id": e["entity_id"],
                "action": e["action"],
                "changes": e["changes"],
                "version": versions.get(e["convention_id"]),
            }
            for e in entries
        ],
    )


def _fill_references(session, entries):
    missing = {e["convention_id"] for e in entries if e["reference"] is None} - {None}
    if missing:
        found = dict(
            session.execute(
                select(Convention.id, Convention.reference).where(Convention.id.in_(missing))
            ).all()
        )
        for entry in entries:
            if entry["reference"] is None:
                entry["reference"] = found.get(entry["convention_id"])


def fold(entries):
    """One entry per row and transaction: updates merged into the row's creation or first
    update, a delete and a re-creation of the same identity merged into an update, and
    changes that cancel out dropped."""
    merged = {}
    for entry in entries:
        key = (entry["entity"], entry["convention_id"], entry["identity"])
        earlier = merged.get(key)
        if earlier is None:
            merged[key] = dict(entry)
        else:
            merged[key] = _merge(earlier, entry)
    return [e for e in merged.values() if e is not None and e["changes"]]


def _merge(earlier, later):
    if earlier["action"] == "create" and later["action"] == "delete":
        return dict(earlier, changes={})  # created and dropped within the transaction
    action = earlier["action"]
    if earlier["action"] == "delete" and later["action"] == "create":
        action = "update"
    elif later["action"] == "delete":
        action = "delete"
    changes = {}
    for field in dict.fromkeys(itertools.chain(earlier["changes"], later["changes"])):
        before = earlier["changes"].get(field, later["changes"].get(field))[0]
        after = later["changes"].get(field, earlier["changes"].get(field))[1]
        if action == "create" or action == "delete" or before != after:
            changes[field] = [before, after]
    return dict(later, action=action, changes=changes)
