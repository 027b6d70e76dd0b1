"""Optimistic locking: no one saves over a change they have not seen.

A convention's `version` goes up by one in every transaction that changes the convention or any
of its parts (a session `before_flush` event sets it; SQLAlchemy's `version_id_col` then checks,
on every UPDATE, that nobody changed the row since it was read). The forms carry the version the
user loaded; `check` refuses a save made from an older one, naming who changed what since, from
the audit trail.
"""

import contextlib

from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from convention_manager import audit
from convention_manager.exceptions import ConcurrentUpdate
from convention_manager.extensions import db
from convention_manager.models import AuditEntry, Convention

BUMPED = "locking_bumped"  # the conventions whose version this transaction has set
SHOWN_CHANGES = 8
UNKNOWN_CHANGE = (
    "Cette convention a été modifiée par quelqu'un d'autre pendant que vous la modifiiez : "
    "rien n'a été enregistré ; rouvrez-la pour voir ses changements."
)


def register(app):
    """Listen to every session's flushes (once per process)."""
    if event.contains(Session, "before_flush", _before_flush):
        return
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_commit", _forget)
    event.listen(Session, "after_soft_rollback", _forget_on_rollback)


def check(convention, expected_version):
    """Refuse (ConcurrentUpdate) a save made from a version other than the stored one."""
    if expected_version is None or convention.version == expected_version:
        return
    raise ConcurrentUpdate(conflict_message(convention, expected_version))


@contextlib.contextmanager
def guard():
    """Turn SQLAlchemy's StaleDataError (a concurrent flush won) into ConcurrentUpdate."""
    try:
        yield
    except StaleDataError:
        raise ConcurrentUpdate(UNKNOWN_CHANGE) from None


def conflict_message(convention, since_version):
    """The French refusal: who changed the convention, when, and what, since `since_version`."""
    from convention_manager.services import history

    entries = db.session.scalars(
        db.select(AuditEntry)
        .where(AuditEntry.convention_id == convention.id, AuditEntry.version > since_version)
        .order_by(AuditEntry.id)
    ).all()
    if not entries:
        return UNKNOWN_CHANGE
    who = ", ".join(dict.fromkeys(e.actor for e in entries))
    changes = [
        f"{line.what} ({line.action}) : "
        + ", ".join(f"{field} {before} → {after}" for field, before, after in line.changes)
        for line in history.lines(entries)
    ]
    if len(changes) > SHOWN_CHANGES:
        changes = changes[:SHOWN_CHANGES] + [f"et {len(changes) - SHOWN_CHANGES} autres"]
    return (
        f"Cette convention a été modifiée par {who} le {history.when(entries[-1].at)} "
        f"pendant que vous la modifiiez : {' ; '.join(changes)}. Rien n'a été enregistré ; "
        "votre saisie est conservée ci-dessous : vérifiez-la, puis enregistrez à nouveau "
        "pour remplacer ces modifications."
    )


def _before_flush(session, flush_context, instances):
    bumped = session.info.setdefault(BUMPED, set())
    # A convention created in this transaction starts at its first version.
    bumped.update(row for row in session.new if isinstance(row, Convention))
    for convention in _touched(session):
        if convention not in bumped and convention not in session.deleted:
            bumped.add(convention)
            convention.version = convention.version + 1


def _touched(session):
    """The stored conventions that this flush changes, themselves or through a part."""
    for row in (*session.new, *session.dirty, *session.deleted):
        if isinstance(row, Convention):
            if row.id is not None and session.is_modified(row):
                yield row
        elif isinstance(row, audit.AUDITED):
            convention_id, _, convention = audit.convention_of(row)
            if convention is None and convention_id is not None:
                convention = session.get(Convention, convention_id)
            if convention is not None and convention.id is not None:
                yield convention


def _forget(session):
    session.info.pop(BUMPED, None)


def _forget_on_rollback(session, previous_transaction):
    if not previous_transaction.nested:
        _forget(session)
