"""The console command of interface.md, end to end on a real database."""

import json
from datetime import date
from pathlib import Path

import pytest

from convention_manager.extensions import db as _db
from convention_manager.models import Convention, Organisation, Payment


def schedule_json(cli, reference):
    result = cli("schedule", reference, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_import_then_schedule_prints_the_interface_json(cli, example_file):
    result = cli("import", example_file)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "NORD-CA2C-2023"

    report = schedule_json(cli, "NORD-CA2C-2023")

    assert report["reference"] == "NORD-CA2C-2023"
    assert (report["total_cost"], report["funded"], report["gap"]) == (
        "22500.00",
        "22500.00",
        "0.00",
    )
    assert report["fully_funded"] is True
    assert report["admin_fee_rate"] == "6.67"
    assert report["shares"] == [
        {"financer": "etat", "amount": "7500.00", "percent": "33.33"},
        {"financer": "nord", "amount": "7500.00", "percent": "33.33"},
        {"financer": "ca2c", "amount": "7500.00", "percent": "33.33"},
    ]
    period = report["periods"][0]
    assert (period["label"], period["start"], period["end"]) == ("2023", "2023-07-01", "2023-12-31")
    first = report["payments"][0]
    assert {
        k: first[k] for k in ("period", "financer", "kind", "amount", "condition", "due", "status")
    } == {
        "period": "2023",
        "financer": "etat",
        "kind": "single",
        "amount": "7500.00",
        "condition": "notification",
        "due": None,
        "status": "planned",
    }
    assert [(p["financer"], p["condition"]) for p in report["payments"]] == [
        ("etat", "notification"),
        ("nord", "signature_and_budget_vote"),
        ("ca2c", "on_request"),
    ]
    assert {"kind": "financial_report", "due": "2024-06-30", "status": "pending"}.items() <= (
        report["obligations"][0].items()
    )
    assert report["warnings"] == []


def test_export_then_import_gives_the_same_convention_back(app, cli, example_file, tmp_path):
    cli("import", example_file)
    exported = cli("export", "NORD-CA2C-2023")
    assert exported.exit_code == 0, exported.stderr
    before = schedule_json(cli, "NORD-CA2C-2023")

    with app.app_context():
        _db.drop_all()
        _db.create_all()
    copy = tmp_path / "copy.yaml"
    copy.write_text(exported.stdout, encoding="utf-8")
    assert cli("import", copy).exit_code == 0

    assert cli("export", "NORD-CA2C-2023").stdout == exported.stdout
    assert schedule_json(cli, "NORD-CA2C-2023") == before


@pytest.mark.parametrize(
    "mutation, message",
    [
        (lambda t: t.replace("financer: ca2c", "financer: inconnu"), "financeur inconnu"),
        (
            lambda t: t.replace(
                'share: "1/3"\n  - financer: ca2c', 'share: "150%"\n  - financer: ca2c'
            ),
            "100 %",
        ),
        (lambda t: t.replace("end: 2023-12-31", "end: 2023-01-31"), "précède"),
        (lambda t: t.replace("travel: 1500", "travel: -1500"), "négatif"),
        (
            lambda t: t.replace(
                "iban: FR76 3000 6000 0112 3456 7890 189", "iban: FR76 3000 6000 0112 3456 7890 188"
            ),
            "IBAN invalide",
        ),
        (
            lambda t: t.replace("key: asso\n", "key: asso\n    siret: '12345678901234'\n"),
            "SIRET invalide",
        ),
        (lambda t: t.replace("parties:", "parties: [oops"), "syntaxe invalide"),
        (lambda t: t.replace("posts: 1\n", "posts: 2147483648\n"), "au plus 999"),
    ],
    ids=[
        "unknown-financer",
        "share-above-100",
        "end-before-start",
        "negative-amount",
        "bad-iban",
        "bad-siret",
        "malformed",
        "posts-beyond-an-integer",  # PostgreSQL refused it at the INSERT: a 500 in the form
    ],
)
def test_bad_input_prints_one_line_exits_non_zero_and_stores_nothing(
    app, cli, example_file, tmp_path, mutation, message
):
    bad = tmp_path / "bad.yaml"
    bad.write_text(mutation(example_file.read_text(encoding="utf-8")), encoding="utf-8")

    result = cli("import", bad)

    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    with app.app_context():
        assert _db.session.scalar(_db.select(_db.func.count(Convention.id))) == 0
        assert _db.session.scalar(_db.select(_db.func.count(Organisation.id))) == 0


def test_import_of_several_conventions_is_all_or_nothing(app, cli, example_file, tmp_path):
    text = example_file.read_text(encoding="utf-8")
    good = "- " + text.replace("\n", "\n  ").replace("- key", "- key")
    second = good.replace("NORD-CA2C-2023", "NORD-CA2C-2024").replace(
        "financer: ca2c", "financer: nobody"
    )
    both = tmp_path / "both.yaml"
    both.write_text(good + "\n" + second, encoding="utf-8")

    result = cli("import", both)

    assert result.exit_code == 1
    assert "NORD-CA2C-2024" in result.stderr and "financeur inconnu" in result.stderr
    with app.app_context():
        assert _db.session.scalar(_db.select(_db.func.count(Convention.id))) == 0


def test_import_refuses_to_replace_a_convention_past_draft(cli, example_file, tmp_path):
    signed = tmp_path / "signed.yaml"
    signed.write_text(
        example_file.read_text(encoding="utf-8") + "status: signed\nsigned: 2023-06-30\n",
        encoding="utf-8",
    )
    assert cli("import", signed).exit_code == 0

    result = cli("import", example_file)

    assert result.exit_code == 1
    assert "avenant" in result.stderr
    assert schedule_json(cli, "NORD-CA2C-2023")["status"] == "signed"


def test_import_replaces_a_draft(cli, example_file, tmp_path):
    cli("import", example_file)
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        example_file.read_text(encoding="utf-8").replace("salary: 19000", "salary: 20500"),
        encoding="utf-8",
    )

    assert cli("import", changed).exit_code == 0

    assert schedule_json(cli, "NORD-CA2C-2023")["total_cost"] == "24000.00"


def test_demo_loads_the_three_real_cases_and_is_idempotent(app, cli):
    assert cli("demo").exit_code == 0
    assert cli("demo").exit_code == 0

    haut_rhin = schedule_json(cli, "HAUT-RHIN-ISG-2024")
    assert (haut_rhin["total_cost"], haut_rhin["funded"], haut_rhin["gap"]) == (
        "176550.00",
        "173274.00",
        "3276.00",
    )
    assert "financing_gap" in [w["code"] for w in haut_rhin["warnings"]]
    cea = next(s for s in haut_rhin["shares"] if s["financer"] == "cea")
    assert (cea["amount"], cea["percent"]) == ("71724.00", "40.63")
    bas_rhin = schedule_json(cli, "BAS-RHIN-ISG-2024")
    assert (bas_rhin["total_cost"], bas_rhin["gap"]) == ("205000.00", "0.00")
    with app.app_context():
        assert _db.session.scalar(_db.select(_db.func.count(Convention.id))) == 4


def test_demo_takes_conventions_through_their_life(cli):
    cli("demo")

    nord = schedule_json(cli, "NORD-CA2C-2023")
    bas_rhin = schedule_json(cli, "BAS-RHIN-ISG-2024")
    haut_rhin = schedule_json(cli, "HAUT-RHIN-ISG-2024")

    assert nord["status"] == "ended"
    assert {p["status"] for p in nord["payments"]} == {"paid"}
    balance = next(p for p in bas_rhin["payments"] if p["kind"] == "balance")
    assert (balance["amount"], balance["spend_threshold"], balance["due"], balance["status"]) == (
        "18750.00",
        "123000.00",
        "2024-10-07",
        "paid",
    )
    waiting = next(p for p in haut_rhin["payments"] if p["kind"] == "balance")
    assert (waiting["due"], waiting["status"]) == (None, "planned")  # attestation still awaited
    late = json.loads(cli("deadlines", "--as-of", "2025-07-01", "--json").stdout)
    assert {(i["reference"], i["kind"]) for i in late if i["status"] == "late"} == {
        ("HAUT-RHIN-ISG-2024", "activity_report")
    }


def test_schedule_of_an_unknown_reference_is_one_clear_line(cli):
    result = cli("schedule", "NOPE", "--json")

    assert result.exit_code == 1
    assert result.stderr.strip() == "erreur : aucune convention « NOPE »"


def test_deadlines_lists_late_and_upcoming_items_soonest_first(cli, example_file):
    cli("import", example_file)

    result = cli("deadlines", "--as-of", "2025-07-01", "--json")

    items = json.loads(result.stdout)
    assert items[0] == {
        "reference": "NORD-CA2C-2023",
        "type": "obligation",
        "kind": "financial_report",
        "subject": "2023-12-31",
        "due": "2024-06-30",
        "status": "late",
        "days": -366,
    }
    assert [i["due"] for i in items] == sorted(i["due"] for i in items)


def test_deadlines_as_text_say_how_late_or_how_soon_in_french(cli, example_file):
    cli("import", example_file)

    then = cli("deadlines", "--as-of", "2025-07-01").stdout.splitlines()
    on_the_day = cli("deadlines", "--as-of", "2024-06-30").stdout.splitlines()
    before = cli("deadlines", "--as-of", "2024-06-01", "--within", "29").stdout.splitlines()

    report = "NORD-CA2C-2023         compte rendu financier"
    assert then[0].startswith("30 juin 2024") and report in then[0]
    assert then[0].endswith("en retard de 366 j")
    assert [line for line in on_the_day if report in line][0].endswith("aujourd'hui")
    assert all(line.endswith("dans 29 j") for line in before) and len(before) == 2
    years_later = cli("deadlines", "--as-of", "2030-01-01").stdout.splitlines()[0]
    days = (date(2030, 1, 1) - date(2024, 6, 30)).days  # 2 011: grouped the French way
    assert years_later.endswith(f"en retard de {days // 1000}\u202f{days % 1000:03d} j")


def test_deadlines_within_keeps_late_items_and_those_due_inside_the_window(cli, example_file):
    cli("import", example_file)

    inside = json.loads(
        cli("deadlines", "--as-of", "2024-06-01", "--within", "28", "--json").stdout
    )
    edge = json.loads(cli("deadlines", "--as-of", "2024-06-01", "--within", "29", "--json").stdout)

    assert inside == []
    assert {i["kind"] for i in edge} == {"financial_report", "activity_report"}
    assert all(i["days"] == 29 and i["status"] == "upcoming" for i in edge)


def test_recorded_payment_state_survives_a_draft_replacement(app, cli, example_file, tmp_path):
    cli("import", example_file)
    exported = cli("export", "NORD-CA2C-2023").stdout
    planned = (
        "  financer: etat\n  kind: single\n  tranche: 0\n  amount: '7500.00'\n"
        "  condition: notification\n  due: null\n  status: planned"
    )
    paid = exported.replace(planned, planned.replace("planned", "paid\n  paid: 2023-10-02"))
    assert paid != exported
    path = tmp_path / "paid.yaml"
    path.write_text(paid, encoding="utf-8")
    assert cli("import", path).exit_code == 0

    with app.app_context():
        payment = _db.session.scalars(_db.select(Payment).filter_by(financer_key="etat")).one()
        assert (payment.status, payment.paid_on.isoformat()) == ("paid", "2023-10-02")


def test_the_shipped_example_is_the_interface_example(example_file):
    shared = Path(__file__).resolve().parents[3] / "shared" / "examples" / "nord-ca2c-2023.yaml"
    if not shared.exists():
        pytest.skip(f"{shared} is not beside the project (only in the development workspace)")

    assert example_file.read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")


def test_a_database_not_yet_created_is_one_line_pointing_at_init_db(app, cli):
    with app.app_context():
        _db.drop_all()

    result = cli("schedule", "NORD-CA2C-2023", "--json")

    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "convention-manager init-db" in result.stderr
