"""Avenants: numbered changes to a signed convention, states kept, before/after recorded."""

import json

import yaml

from convention_manager.extensions import db as _db
from convention_manager.models import Avenant


def signed_file(example_file, tmp_path, extra=""):
    path = tmp_path / "signed.yaml"
    path.write_text(
        example_file.read_text(encoding="utf-8") + "status: active\nsigned: 2023-06-30\n" + extra,
        encoding="utf-8",
    )
    return path


def amended(tmp_path, cli, changes):
    data = yaml.safe_load(cli("export", "NORD-CA2C-2023").stdout)
    changes(data)
    path = tmp_path / "amended.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_amend_numbers_the_avenant_and_lists_what_changes(app, cli, example_file, tmp_path):
    cli("import", signed_file(example_file, tmp_path))

    def change(data):
        data["end"] = "2024-06-30"
        data["funding"][2]["cap"] = "9000"

    result = cli(
        "amend", "NORD-CA2C-2023", amended(tmp_path, cli, change), "--requested", "2023-11-30"
    )

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Avenant n°1 à NORD-CA2C-2023")
    assert "end : 2023-12-31 → 2024-06-30" in result.stdout
    assert "funding[ca2c].cap : 7500.00 → 9000.00" in result.stdout
    with app.app_context():
        avenant = _db.session.scalars(_db.select(Avenant)).one()
        assert avenant.answer_due.isoformat() == "2024-01-30"
        assert avenant.before["end"] == "2023-12-31" and avenant.after["end"] == "2024-06-30"
        assert {c["article"] for c in avenant.changes} == {"duration", "financial"}


def test_second_avenant_gets_number_two(cli, example_file, tmp_path):
    cli("import", signed_file(example_file, tmp_path))
    cli(
        "amend",
        "NORD-CA2C-2023",
        amended(tmp_path, cli, lambda d: d["costs"].update(travel="2000")),
    )

    result = cli(
        "amend",
        "NORD-CA2C-2023",
        amended(tmp_path, cli, lambda d: d["costs"].update(training="900")),
    )

    assert result.stdout.startswith("Avenant n°2")


def test_amend_keeps_a_paid_payment_and_plans_a_refund_when_the_share_drops(
    cli, example_file, tmp_path
):
    paid = (
        "payments:\n- {period: '2023', financer: ca2c, kind: single, amount: '7500.00',"
        " status: paid, paid: 2023-09-01}\n"
    )
    cli("import", signed_file(example_file, tmp_path, paid))

    def lower_cap(data):
        data["funding"][2]["cap"] = "6000"

    result = cli("amend", "NORD-CA2C-2023", amended(tmp_path, cli, lower_cap))

    assert result.exit_code == 0, result.stderr
    report = json.loads(cli("schedule", "NORD-CA2C-2023", "--json").stdout)
    ca2c = [p for p in report["payments"] if p["financer"] == "ca2c"]
    assert [(p["kind"], p["amount"], p["status"]) for p in ca2c] == [
        ("single", "7500.00", "paid"),
        ("refund", "1500.00", "planned"),
    ]
    assert report["gap"] == "1500.00"


def test_amend_refuses_a_draft_a_file_that_changes_nothing_and_another_reference(
    cli, example_file, tmp_path
):
    cli("import", example_file)
    draft = cli("amend", "NORD-CA2C-2023", example_file)
    assert draft.exit_code == 1 and "brouillon" in draft.stderr

    other = tmp_path / "other.yaml"
    other.write_text(
        example_file.read_text(encoding="utf-8").replace("NORD-CA2C-2023", "AUTRE"),
        encoding="utf-8",
    )
    signed = tmp_path / "s.yaml"
    signed.write_text(
        example_file.read_text(encoding="utf-8").replace(
            "reference: NORD-CA2C-2023", "reference: NORD-S\nstatus: signed\nsigned: 2023-06-30"
        ),
        encoding="utf-8",
    )
    cli("import", signed)
    same = tmp_path / "same.yaml"
    same.write_text(signed.read_text(encoding="utf-8"), encoding="utf-8")

    nothing = cli("amend", "NORD-S", same)
    wrong = cli("amend", "NORD-S", other)

    assert nothing.exit_code == 1 and "ne change rien" in nothing.stderr
    assert wrong.exit_code == 1 and "AUTRE" in wrong.stderr


def test_failed_amend_changes_nothing(app, cli, example_file, tmp_path):
    cli("import", signed_file(example_file, tmp_path))
    before = cli("export", "NORD-CA2C-2023").stdout

    def overfund(data):
        data["funding"][0] = {"financer": "etat", "fund": "FIPD", "amount": "30000"}

    result = cli("amend", "NORD-CA2C-2023", amended(tmp_path, cli, overfund))

    assert result.exit_code == 1 and "dépassent le coût total" in result.stderr
    assert cli("export", "NORD-CA2C-2023").stdout == before


def test_avenants_survive_export_and_import(app, cli, example_file, tmp_path):
    cli("import", signed_file(example_file, tmp_path))
    cli(
        "amend",
        "NORD-CA2C-2023",
        amended(tmp_path, cli, lambda d: d.update(court="Tribunal administratif de Douai")),
        "--requested",
        "2023-10-01",
        "--signed",
        "2023-11-15",
    )
    exported = cli("export", "--all").stdout
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    path = tmp_path / "all.yaml"
    path.write_text(exported, encoding="utf-8")

    assert cli("import", path).exit_code == 0

    assert cli("export", "--all").stdout == exported
