"""Migrations keep data: rows written in the first schema come through `upgrade` to the latest
one unchanged, money to the cent, and the app computes the convention's schedule from them."""

import json
from datetime import date
from decimal import Decimal

import pytest
from flask_migrate import upgrade
from sqlalchemy import inspect

from convention_manager.extensions import db as _db
from convention_manager.models import Convention, Payment

FIRST_REVISION = "c3314a265acd"
BEFORE_SUMMARIES = "a545b9bcc2a9"  # the audit trail, last revision without kept figures
ROWS = {
    "organisation": [
        dict(id=1, kind="state", name="État, préfecture du Nord"),
        dict(id=2, kind="department", name="Département du Nord"),
        dict(id=3, kind="epci", name="Communauté d'agglomération du Caudrésis et du Catésis"),
        dict(
            id=4,
            kind="association",
            name="Association « Accueil & Écoute »",
            siret="12345678900011",
        ),
        dict(id=5, kind="gendarmerie", name="Groupement de gendarmerie du Nord"),
    ],
    "convention": [
        dict(
            id=1,
            reference="NORD-CA2C-2023",
            title="Intervenant social en gendarmerie",
            post_kind="ISG",
            posts=1,
            fte=100,
            territory="Nord",
            start=date(2023, 7, 1),
            end=date(2023, 12, 31),
            financial_year_end="12-31",
            court="Tribunal administratif de Lille",
            status="active",
            signed_on=date(2023, 6, 30),
            activated_on=date(2023, 7, 1),
            version=3,
        ),
    ],
    "party": [
        dict(
            id=i,
            convention_id=1,
            organisation_id=i,
            position=i - 1,
            key=key,
            employer=key == "asso",
            functional_authority=key == "gendarmerie",
            signatory=True,
        )
        for i, key in enumerate(("etat", "nord", "ca2c", "asso", "gendarmerie"), start=1)
    ],
    "period": [
        dict(
            id=1,
            convention_id=1,
            position=0,
            label="2023",
            start=date(2023, 7, 1),
            end=date(2023, 12, 31),
            explicit=False,
        ),
    ],
    "cost_line": [
        dict(id=1, period_id=1, position=0, kind="salary", amount=1900000),
        dict(id=2, period_id=1, position=1, kind="travel", amount=150001),
        dict(id=3, period_id=1, position=2, kind="training", amount=50000),
        dict(id=4, period_id=1, position=3, kind="admin_fees", amount=149999),
    ],
    "funding_line": [
        dict(id=1, period_id=1, financer_id=1, position=0, fund="FIPD", share="1/3"),
        dict(id=2, period_id=1, financer_id=2, position=1, share="1/3", voted=750000),
        dict(
            id=3,
            period_id=1,
            financer_id=3,
            position=2,
            share="1/3",
            cap=750000,
            budget_vote=date(2023, 3, 27),
        ),
    ],
    "payment": [
        dict(
            id=1,
            convention_id=1,
            period_label="2023",
            financer_key="nord",
            kind="single",
            tranche=0,
            amount=750000,
            condition="on_request",
            status="paid",
            ordered_on=date(2023, 7, 10),
            paid_on=date(2023, 7, 20),
        ),
        dict(
            id=2,
            convention_id=1,
            period_label="2023",
            financer_key="etat",
            kind="single",
            tranche=0,
            amount=750000,
            condition="notification",
            status="requested",
            requested_on=date(2023, 9, 20),
        ),
        dict(
            id=3,
            convention_id=1,
            period_label="2023",
            financer_key="ca2c",
            kind="single",
            tranche=0,
            amount=749999,
            condition="on_request",
            due=date(2023, 12, 1),
            status="ordered",
            requested_on=date(2023, 10, 1),
            ordered_on=date(2023, 10, 9),
        ),
    ],
    "obligation": [
        dict(
            id=1,
            convention_id=1,
            kind="financial_report",
            subject="2023-12-31",
            due=date(2024, 6, 30),
            status="sent",
            sent_on=date(2024, 6, 24),
        ),
        dict(
            id=2,
            convention_id=1,
            kind="activity_report",
            subject="2023-12-31",
            due=date(2024, 6, 30),
            status="received",
            sent_on=date(2024, 6, 24),
            received_on=date(2024, 7, 8),
        ),
        dict(
            id=3, convention_id=1, kind="fipd_spend_attestation", subject="2023", status="pending"
        ),
    ],
}


def insert(connection, table, row):
    columns = ", ".join(f'"{c}"' for c in row)
    values = ", ".join(f":{c}" for c in row)
    connection.execute(_db.text(f'INSERT INTO "{table}" ({columns}) VALUES ({values})'), row)


def snapshot(connection, tables):
    """Every row of the given tables, with the columns of the first schema only."""
    return {
        table: [
            {k: v for k, v in row._mapping.items() if k in columns}
            for row in connection.execute(_db.text(f'SELECT * FROM "{table}" ORDER BY id'))
        ]
        for table, columns in tables.items()
    }


@pytest.fixture
def empty_database(app):
    """No table at all, not even alembic_version: the state before the first init-db."""
    with app.app_context():
        _db.drop_all()
        with _db.engine.begin() as connection:
            connection.execute(_db.text("DROP TABLE IF EXISTS alembic_version"))
    return app


def test_upgrade_from_the_first_revision_keeps_every_row(empty_database, cli):
    app = empty_database
    with app.app_context():
        directory = app.extensions["migrate"].directory
        upgrade(directory=directory, revision=FIRST_REVISION)
        first_columns = {
            table: {c["name"] for c in inspect(_db.engine).get_columns(table)} for table in ROWS
        }
        with _db.engine.begin() as connection:
            for table, rows in ROWS.items():
                for row in rows:
                    insert(connection, table, row)
            before = snapshot(connection, first_columns)

        upgrade(directory=directory)

        with _db.engine.connect() as connection:
            after = snapshot(connection, first_columns)
            revision = connection.execute(_db.text("SELECT version_num FROM alembic_version"))
            assert revision.scalar() != FIRST_REVISION
        assert after == before
        assert sum(len(rows) for rows in after.values()) == sum(len(r) for r in ROWS.values())
        ordered = _db.session.get(Payment, 3)
        assert ordered.amount == Decimal("7499.99") and ordered.status == "ordered"
        _db.session.remove()

    result = cli("schedule", "NORD-CA2C-2023", "--json")

    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    text = json.dumps(report)
    assert "22500.00" in text
    assert '"7499.99"' in text and '"paid"' in text


def test_init_db_computes_the_kept_figures_of_conventions_stored_before_them(empty_database, cli):
    app = empty_database
    with app.app_context():
        directory = app.extensions["migrate"].directory
        upgrade(directory=directory, revision=BEFORE_SUMMARIES)
        columns = {
            table: {c["name"] for c in inspect(_db.engine).get_columns(table)} for table in ROWS
        }
        with _db.engine.begin() as connection:
            for table, rows in ROWS.items():
                for row in rows:
                    insert(connection, table, row)
            before = snapshot(connection, columns)

    result = cli("init-db")

    assert result.exit_code == 0, result.stderr
    assert "Chiffres recalculés pour 1 convention(s)" in result.stdout
    with app.app_context():
        convention = _db.session.get(Convention, 1)
        assert (convention.total_cost, convention.funded, convention.gap) == (
            Decimal("22500.00"),
            Decimal("22500.00"),
            Decimal("0.00"),
        )
        assert convention.search_text == "nord-ca2c-2023\nintervenant social en gendarmerie\nnord"
        assert sorted((c.year, c.financer_key, c.amount) for c in convention.commitments) == [
            (2023, "ca2c", Decimal("7500.00")),
            (2023, "etat", Decimal("7500.00")),
            (2023, "nord", Decimal("7500.00")),
        ]
        with _db.engine.connect() as connection:
            assert snapshot(connection, columns) == before  # payments and obligations untouched
        _db.session.remove()

    again = cli("init-db")
    assert again.exit_code == 0 and "Chiffres recalculés" not in again.stdout
