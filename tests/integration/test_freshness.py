"""Figures kept until the data changes: every committed write moves the data stamp, and what a
page keeps under an older stamp is never served again, in this process or another."""

from datetime import date

import pytest
from sqlalchemy import event

from convention_manager import create_app, freshness
from convention_manager.extensions import db as _db
from convention_manager.models import Convention
from convention_manager.services import accounts, conventions, dashboard, demo, lifecycle

TODAY = date(2025, 7, 1)
HAUT_RHIN = "HAUT-RHIN-ISG-2024"


@pytest.fixture
def demo_data(db):
    demo.load()
    db.session.commit()


def late_total():
    return dashboard.attention(TODAY).late.total


def statements(engine, action):
    """(result of action(), SQL statements it sent)."""
    seen = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        return action(), seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def send_activity_report(on=date(2025, 7, 1)):
    lifecycle.record_obligation(
        conventions.get(HAUT_RHIN), "activity_report", "2024-12-31", "sent", on
    )


def test_a_second_ask_under_the_same_stamp_reads_only_the_stamp(app, db, demo_data):
    first, sent_first = statements(db.engine, late_total)
    again, sent_again = statements(db.engine, late_total)  # same transaction: stamp known
    db.session.rollback()  # the next request's transaction reads the stamp again
    later, sent_later = statements(db.engine, late_total)

    assert again == first == later == 1
    assert len(sent_first) > 3
    assert sent_again == []
    assert len(sent_later) == 1 and "data_stamp" in sent_later[0]


def test_a_transaction_reads_the_stamp_once_and_the_next_one_sees_a_new_stamp(app, db, demo_data):
    before = freshness.current()
    other = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]}
    )
    with other.app_context():
        freshness.bump(_db.session)
        _db.session.commit()

    assert freshness.current() == before  # this transaction filed its figures under `before`
    db.session.close()  # a transaction ended without commit nor rollback (a closed session)
    assert freshness.current() == before + 1


def test_a_committed_change_is_seen_at_once(app, db, demo_data):
    stamp = freshness.current()
    assert late_total() == 1

    send_activity_report()
    db.session.commit()

    assert freshness.current() == stamp + 1
    assert late_total() == 0


def test_a_change_not_committed_is_never_kept_for_others(app, db, demo_data):
    assert late_total() == 1
    send_activity_report()

    assert late_total() == 0  # this transaction sees its own change...
    db.session.rollback()

    assert late_total() == 1  # ...which nobody was served once it was rolled back


def test_a_rolled_back_transaction_leaves_the_stamp(app, db, demo_data):
    stamp = freshness.current()
    send_activity_report()
    db.session.flush()
    db.session.rollback()

    assert freshness.current() == stamp


def test_a_bulk_update_moves_the_stamp(app, db, demo_data):
    stamp = freshness.current()
    db.session.execute(
        _db.update(Convention).where(Convention.reference == HAUT_RHIN).values(title="Autre")
    )
    db.session.commit()

    assert freshness.current() == stamp + 1


def test_accounts_and_sign_ins_do_not_move_the_stamp(app, db, client, demo_data):
    stamp = freshness.current()
    accounts.create_user("finances@example.org", "un mot de passe assez long", "finance")
    db.session.commit()
    response = client.post(
        "/connexion",
        data={"email": "finances@example.org", "password": "un mot de passe assez long"},
    )

    assert response.status_code == 302
    assert freshness.current() == stamp


def test_another_process_sees_the_change_of_the_first(app, demo_data):
    """Two apps on one database stand for two server processes, each with its own store."""
    other = create_app(
        {**app.config, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]}
    )
    with other.app_context():
        assert late_total() == 1
        _db.session.remove()
    with app.app_context():
        assert late_total() == 1
        send_activity_report()
        _db.session.commit()
    with other.app_context():
        assert late_total() == 0
        _db.session.remove()
        _db.engine.dispose()


def test_without_keep_figures_every_ask_computes(app, db, demo_data):
    app.config["KEEP_FIGURES"] = False
    late_total()

    _, sent = statements(db.engine, late_total)

    assert len(sent) > 3
