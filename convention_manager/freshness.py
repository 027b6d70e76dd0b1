"""Figures kept until the data changes: the data stamp and the per-process store it guards.

Counts, sums and panels over thousands of conventions cost tens of milliseconds of SQL, and
the same figures are asked again and again between two changes. Every transaction that writes
anything but an account or the audit trail moves the data stamp (`models.DataStamp`) at its
commit, in the same transaction as its changes; `remembered` reads the stamp (one primary-key
lookup) and serves what was computed under the same stamp, or computes it again.

The stamp is bumped last, just before COMMIT, so on PostgreSQL its row lock is held for an
instant and never while the transaction waits for another lock (no deadlock). A request reads
the stamp before the figures: what it keeps is at least as new as the stamp it is filed under.
A session holding changes not committed yet bypasses the store, so nobody is served figures a
rollback could undo.
"""

import itertools
import threading

from flask import current_app
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from convention_manager.extensions import db
from convention_manager.models import STAMP_ID, AuditEntry, DataStamp, User

CHANGED = "freshness_changed"  # session.info: this transaction wrote something that counts
STAMP = "freshness_stamp"  # session.info: the stamp this transaction read
BUMPING = "freshness_bumping"  # session.info: bump() runs (its UPDATE is no change)
# Rows whose changes no kept figure reads: sign-ins write the account, every change the trail.
UNTRACKED = (User, AuditEntry, DataStamp)
UNTRACKED_TABLES = {model.__tablename__ for model in UNTRACKED}
LIMIT = 512  # entries per process; the store is emptied whenever the stamp moves anyway


class Store:
    """What was computed under one stamp, shared by the threads of one process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.stamp = None
        self.values = {}

    def get(self, stamp, key):
        """(True, value) when `key` was kept under `stamp`, else (False, None)."""
        with self.lock:
            if self.stamp != stamp:
                return False, None
            return (True, self.values[key]) if key in self.values else (False, None)

    def put(self, stamp, key, value):
        """Keep `value` under `stamp`; a newer stamp empties the store first."""
        with self.lock:
            if self.stamp is None or stamp > self.stamp:
                self.stamp, self.values = stamp, {}
            if stamp == self.stamp and len(self.values) < LIMIT:
                self.values[key] = value


def register(app):
    """Give the app its store and listen to every session's writes (once per process)."""
    app.extensions["freshness"] = Store()
    if event.contains(Session, "after_flush", _after_flush):
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "do_orm_execute", _after_statement)
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_commit", _forget)
    event.listen(Session, "after_rollback", _forget)
    event.listen(Session, "after_transaction_end", _end_transaction)


def remembered(key, compute):
    """`compute()`, or what it returned under the current stamp in this process.

    `key` names the figures and every argument they depend on (scope, filters, today), and
    must be hashable; the value must hold no database object (it outlives its session).
    """
    session = db.session
    if (
        not current_app.config["KEEP_FIGURES"]
        or session.info.get(CHANGED)
        or session.new
        or session.dirty
        or session.deleted
    ):
        return compute()
    store = current_app.extensions["freshness"]
    stamp = current()
    found, value = store.get(stamp, key)
    if found:
        return value
    value = compute()
    store.put(stamp, key, value)
    return value


def current():
    """The committed data stamp (0 before the first write), read once per transaction: a
    page asks for several kept figures, and they are all filed under the same stamp."""
    info = db.session.info
    if STAMP not in info:
        info[STAMP] = db.session.scalar(select(DataStamp.value).where(DataStamp.id == STAMP_ID))
    return info[STAMP] or 0


def bump(session):
    """Move the stamp by one within the session's transaction (creating its row if needed)."""
    session.info[BUMPING] = True
    try:
        moved = session.execute(
            update(DataStamp).where(DataStamp.id == STAMP_ID).values(value=DataStamp.value + 1)
        ).rowcount
        if not moved:
            session.add(DataStamp(id=STAMP_ID, value=1))
            session.flush()
    finally:
        session.info.pop(BUMPING, None)


def _after_flush(session, flush_context):
    rows = itertools.chain(session.new, session.dirty, session.deleted)
    if any(not isinstance(row, UNTRACKED) for row in rows):
        session.info[CHANGED] = True


def _after_statement(state):
    """Bulk UPDATE and DELETE statements bypass the flush: they count too."""
    if state.session.info.get(BUMPING) or not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) not in UNTRACKED_TABLES:
        state.session.info[CHANGED] = True


def _before_commit(session):
    session.flush()  # before_commit comes before the commit's own flush: see everything
    if session.info.get(CHANGED):
        bump(session)


def _forget(session):
    session.info.pop(CHANGED, None)


def _end_transaction(session, transaction):
    """A transaction ended (committed, rolled back or closed): the next one reads the stamp."""
    session.info.pop(STAMP, None)
