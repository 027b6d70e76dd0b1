"""The figures kept beside each convention (totals, gap, search text, one commitment per share)
always equal what the rules compute from its terms, after every kind of change."""

from datetime import date

import yaml

from convention_manager.extensions import db as _db
from convention_manager.models import Convention
from convention_manager.services import conventions, demo, lifecycle, schedules


def assert_current(convention):
    computed = schedules.compute(convention)
    assert (convention.total_cost, convention.funded, convention.gap) == (
        computed.total_cost,
        computed.funded,
        computed.gap,
    ), convention.reference
    assert convention.warning_count == len(computed.warnings)
    assert convention.search_text == schedules.search_text(convention)
    kept = sorted(
        (c.period_label, c.financer_key, c.amount, c.period_cost) for c in convention.commitments
    )
    assert kept == sorted(
        (period.label, share.financer, share.amount, period.total_cost)
        for period in computed.periods
        for share in period.shares
    ), convention.reference


def test_every_demo_convention_keeps_its_computed_figures(db):
    demo.load()
    db.session.commit()

    stored = db.session.scalars(db.select(Convention)).all()

    assert len(stored) == 4
    for convention in stored:
        assert_current(convention)
    haut_rhin = conventions.get("HAUT-RHIN-ISG-2024")
    assert haut_rhin.gap > 0 and {c.year for c in haut_rhin.commitments} == {2024}


def test_figures_follow_an_avenant_an_event_and_a_termination(app, cli, example_file, tmp_path):
    signed = tmp_path / "signed.yaml"
    signed.write_text(
        example_file.read_text(encoding="utf-8") + "status: active\nsigned: 2023-06-30\n",
        encoding="utf-8",
    )
    assert cli("import", signed).exit_code == 0
    data = yaml.safe_load(cli("export", "NORD-CA2C-2023").stdout)
    data["costs"]["travel"] = "4000"  # the cost rises: a gap opens, shares unchanged
    amended = tmp_path / "amended.yaml"
    amended.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    with app.app_context():
        before = conventions.get("NORD-CA2C-2023").total_cost
    assert cli("amend", "NORD-CA2C-2023", amended).exit_code == 0

    with app.app_context():
        convention = conventions.get("NORD-CA2C-2023")
        assert convention.total_cost > before
        assert_current(convention)
        lifecycle.record_event(convention, "etat", notified=date(2023, 7, 20))
        lifecycle.terminate(convention, date(2023, 9, 1))
        _db.session.commit()
        assert_current(conventions.get("NORD-CA2C-2023"))


def test_a_rewritten_draft_keeps_figures_of_its_new_terms(db, example_file):
    raw = yaml.safe_load(example_file.read_text(encoding="utf-8"))
    conventions.import_all([raw])
    db.session.commit()
    raw["title"] = "Poste ISG du Cambrésis"
    raw["territory"] = "Cambrésis"
    raw["funding"] = raw["funding"][:2]  # one financer leaves: a third of the cost is unfunded

    (convention,) = conventions.import_all([raw])
    db.session.commit()

    assert_current(convention)
    assert convention.gap > 0 and "cambrésis" in convention.search_text
    assert {c.financer_key for c in convention.commitments} == {"etat", "nord"}
