"""The audit trail, written by the session itself: imports, avenants and draft replacements from
the command line leave entries with their actor and their values before and after; optimistic
locking refuses a write made from an older version."""

import pytest
import yaml
from sqlalchemy import text

from convention_manager import audit, locking
from convention_manager.exceptions import ConcurrentUpdate
from convention_manager.models import AuditEntry
from convention_manager.services import avenants, conventions, drafting, exports

REFERENCE = "NORD-CA2C-2023"


def entries(db, **where):
    return db.session.scalars(
        db.select(AuditEntry).filter_by(**where).order_by(AuditEntry.id)
    ).all()


def changed(tmp_path, cli, change, name="changed.yaml"):
    data = yaml.safe_load(cli("export", REFERENCE).stdout)
    change(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def signed(example_file, tmp_path):
    path = tmp_path / "signed.yaml"
    path.write_text(
        example_file.read_text(encoding="utf-8") + "status: active\nsigned: 2023-06-30\n",
        encoding="utf-8",
    )
    return path


def test_an_import_records_every_row_created_by_the_command_line(db, cli, example_file):
    assert cli("import", example_file).exit_code == 0

    created = entries(db)
    assert {e.action for e in created} == {"create"}
    assert {e.actor for e in created} == {audit.COMMAND_LINE}
    assert {e.user_id for e in created} == {None}
    assert {e.reference for e in created} == {REFERENCE}
    (convention,) = [e for e in created if e.entity == "convention"]
    assert convention.changes["territory"] == [None, "Nord"]
    assert convention.changes["fte"] == [None, "1.00"]  # Decimals as strings
    assert convention.changes["start"] == [None, "2023-07-01"]  # dates as ISO strings
    assert {"party", "period", "cost_line", "funding_line", "payment", "obligation"} <= {
        e.entity for e in created
    }
    (salary,) = [e for e in created if e.entity == "cost_line" and e.changes["kind"][1] == "salary"]
    assert salary.changes["amount"] == [None, "19000.00"]
    assert all(e.version == 1 for e in created)


def test_replacing_a_draft_reads_as_updates_not_as_rows_dropped_and_made_again(
    db, cli, example_file, tmp_path
):
    cli("import", example_file)
    first = len(entries(db))

    def change(data):
        data["territory"] = "Nord (Cambrésis)"
        data["costs"]["salary"] = "19500"

    assert cli("import", changed(tmp_path, cli, change)).exit_code == 0

    later = entries(db)[first:]
    assert {(e.entity, e.action) for e in later} >= {
        ("convention", "update"),
        ("cost_line", "update"),
    }
    assert not [e for e in later if e.action == "delete"]
    (convention,) = [e for e in later if e.entity == "convention"]
    assert convention.changes == {"territory": ["Nord", "Nord (Cambrésis)"]}
    (salary,) = [e for e in later if e.entity == "cost_line"]
    assert salary.changes == {"amount": ["19000.00", "19500.00"]}
    assert {e.version for e in later} == {2}
    assert conventions.get(REFERENCE).version == 2


def test_an_avenant_records_before_and_after(db, cli, example_file, tmp_path):
    cli("import", signed(example_file, tmp_path))
    first = len(entries(db))

    def change(data):
        data["end"] = "2024-06-30"
        data["funding"][2]["cap"] = "9000"

    result = cli("amend", REFERENCE, changed(tmp_path, cli, change), "--requested", "2023-11-30")

    assert result.exit_code == 0, result.stderr
    later = entries(db)[first:]
    assert {e.actor for e in later} == {audit.COMMAND_LINE}
    (convention,) = [e for e in later if e.entity == "convention"]
    assert convention.changes["end"] == ["2023-12-31", "2024-06-30"]
    (cap,) = [e for e in later if e.entity == "funding_line" and "cap" in e.changes]
    assert cap.changes["cap"] == ["7500.00", "9000.00"]
    (avenant,) = [e for e in later if e.entity == "avenant"]
    assert avenant.action == "create" and avenant.changes["number"] == [None, 1]
    assert "before" not in avenant.changes  # the avenant's snapshots are not repeated


def test_a_rolled_back_change_leaves_no_entry(db, cli, example_file):
    cli("import", example_file)
    count = len(entries(db))

    conventions.get(REFERENCE).territory = "Ailleurs"
    db.session.flush()
    db.session.rollback()
    db.session.commit()

    assert len(entries(db)) == count


def test_a_save_from_an_older_version_is_refused_naming_what_changed(db, cli, example_file):
    cli("import", example_file)
    mapping = exports.to_file(conventions.get(REFERENCE))
    drafting.replace_draft(REFERENCE, dict(mapping, territory="Nord (Cambrésis)"), 1)
    db.session.commit()

    with pytest.raises(ConcurrentUpdate) as refused:
        drafting.replace_draft(REFERENCE, dict(mapping, court="Tribunal de Douai"), 1)

    db.session.rollback()
    assert refused.value.message.startswith(
        f"Cette convention a été modifiée par {audit.COMMAND_LINE} le "
    )
    assert "territoire Nord → Nord (Cambrésis)" in refused.value.message
    assert conventions.get(REFERENCE).court == "Tribunal administratif de Lille"


def test_a_concurrent_flush_becomes_the_same_domain_error(db, cli, example_file, tmp_path):
    cli("import", signed(example_file, tmp_path))
    mapping = exports.to_file(conventions.get(REFERENCE))
    convention = conventions.get(REFERENCE)
    # Someone else's transaction committed in between: the row no longer has our version.
    db.session.execute(
        text("UPDATE convention SET version = version + 1 WHERE id = :id"), {"id": convention.id}
    )

    with pytest.raises(ConcurrentUpdate) as refused:
        avenants.record(REFERENCE, dict(mapping, end="2024-06-30"))

    assert refused.value.message == locking.UNKNOWN_CHANGE
    db.session.rollback()
