"""Life after drafting: statuses, payment steps, documents, event dates, termination."""

import json

REF = "NORD-CA2C-2023"


def report(cli):
    result = cli("schedule", REF, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def payment(cli, financer, kind="single"):
    return next(
        p for p in report(cli)["payments"] if p["financer"] == financer and p["kind"] == kind
    )


def test_status_moves_forward_with_dates_and_refuses_to_skip(cli, example_file):
    cli("import", example_file)

    skipped = cli("status", REF, "active", "--date", "2023-07-01")
    signed = cli("status", REF, "signed", "--date", "2023-06-30")
    backwards = cli("status", REF, "active", "--date", "2023-06-01")
    active = cli("status", REF, "active", "--date", "2023-07-01")

    assert skipped.exit_code == 1 and "passage impossible" in skipped.stderr
    assert signed.exit_code == 0 and active.exit_code == 0
    assert backwards.exit_code == 1 and "précède" in backwards.stderr
    assert report(cli)["status"] == "active"


def test_budget_vote_and_signature_date_the_departement_payment(cli, example_file):
    cli("import", example_file)
    cli("event", REF, "--financer", "nord", "--budget-vote", "2023-04-03")
    assert payment(cli, "nord")["due"] is None  # still waiting for the signature

    cli("status", REF, "signed", "--date", "2023-06-30")

    assert payment(cli, "nord")["due"] == "2023-06-30"


def test_notification_dates_the_fipd_payment_and_paid_state_is_kept(cli, example_file):
    cli("import", example_file)
    cli("event", REF, "--financer", "etat", "--notified", "2023-09-15")
    assert payment(cli, "etat")["due"] == "2023-09-15"

    for step, day in (
        ("requested", "2023-09-20"),
        ("ordered", "2023-10-01"),
        ("paid", "2023-10-10"),
    ):
        result = cli(
            "payment",
            REF,
            "--period",
            "2023",
            "--financer",
            "etat",
            "--kind",
            "single",
            "--status",
            step,
            "--date",
            day,
        )
        assert result.exit_code == 0, result.stderr
    again = cli(
        "payment",
        REF,
        "--period",
        "2023",
        "--financer",
        "etat",
        "--kind",
        "single",
        "--status",
        "ordered",
        "--date",
        "2023-10-11",
    )

    etat = payment(cli, "etat")
    assert (etat["status"], etat["requested"], etat["ordered"], etat["paid"]) == (
        "paid",
        "2023-09-20",
        "2023-10-01",
        "2023-10-10",
    )
    assert again.exit_code == 1 and "déjà" in again.stderr


def test_spend_attestation_dates_the_fipd_balance(cli, example_file, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text(
        example_file.read_text(encoding="utf-8").replace("salary: 19000", "salary: 79000"),
        encoding="utf-8",
    )
    cli("import", big)
    balance = payment(cli, "etat", "balance")
    assert (balance["amount"], balance["spend_threshold"], balance["due"]) == (
        "6875.00",
        "49500.00",
        None,
    )

    cli(
        "obligation",
        REF,
        "fipd_spend_attestation",
        "--subject",
        "2023",
        "--status",
        "sent",
        "--date",
        "2023-11-02",
    )

    assert payment(cli, "etat", "balance")["due"] == "2023-11-02"
    assert payment(cli, "etat", "advance")["amount"] == "20625.00"


def test_deadlines_drop_a_report_once_sent(cli, example_file):
    cli("import", example_file)
    cli(
        "obligation",
        REF,
        "financial_report",
        "--subject",
        "2023-12-31",
        "--status",
        "sent",
        "--date",
        "2024-06-20",
    )

    items = json.loads(cli("deadlines", "--as-of", "2024-07-01", "--json").stdout)

    assert [i["kind"] for i in items] == ["activity_report"]


def test_termination_cancels_unpaid_payments_and_plans_pro_rata_refunds(cli, example_file):
    cli("import", example_file)
    cli("status", REF, "signed", "--date", "2023-06-30")
    cli(
        "payment",
        REF,
        "--period",
        "2023",
        "--financer",
        "etat",
        "--kind",
        "single",
        "--status",
        "paid",
        "--date",
        "2023-08-01",
    )

    early = cli("terminate", REF, "--notice", "2023-09-01", "--date", "2023-10-15")
    result = cli("terminate", REF, "--notice", "2023-09-01", "--date", "2023-11-01")

    assert early.exit_code == 1 and "2023-11-01" in early.stderr
    assert result.exit_code == 0, result.stderr
    # 2023-07-01..12-31 is 184 days; performed up to 1 Nov included, 60 days not performed.
    # 7 500 x 60 / 184 = 2 445.652... -> 2 445.65
    assert "2\u202f445,65\xa0€" in result.stdout
    payments = report(cli)["payments"]
    assert [(p["financer"], p["kind"], p["amount"], p["status"]) for p in payments] == [
        ("etat", "single", "7500.00", "paid"),
        ("etat", "refund", "2445.65", "planned"),
    ]
    assert report(cli)["status"] == "terminated"
