"""The template catalogue says exactly what the contexts hold, and docs/templates.md lists it all.

The contexts are built from the demo convention files without a database: their clauses give the
facts (`services.documents.clause_facts`) and the planned schedule, an avenant is two changes of
the Haut-Rhin convention. Every list is filled in at least one of them, so its fields are checked.
"""

import copy
from datetime import date
from pathlib import Path

import pytest

from convention_manager.documents import avenant_context, catalogue, context, convention_context
from convention_manager.exchange import diff, files, schema
from convention_manager.formatting import JINJA_FILTERS
from convention_manager.services import documents
from tests.conftest import DEMO

DOCS = Path(__file__).resolve().parents[2] / "docs" / "templates.md"
DEMO_FILES = sorted(p for p in DEMO.glob("*.yaml") if p.name != "progress.yaml")


def facts_and_report(raw):
    canonical = schema.normalise(raw)
    facts = documents.clause_facts(canonical)
    report = documents.planned_report(canonical, date(2023, 6, 30))
    facts.update(
        status="active",
        signed=date(2023, 6, 30),
        planned_payments=report["payments"],
        avenants=[{"number": 1, "signed": date(2023, 9, 1)}, {"number": 2, "signed": None}],
    )
    # What reports.schedule adds to the planned schedule: totals by financer, warnings.
    report["shares"] = report["periods"][0]["shares"]
    report["warnings"] = [{"message": "Reste à financer : 3 276,00 €"}]
    return facts, report


def avenant_facts(raw):
    after = copy.deepcopy(raw)
    after["end"] = "2025-06-30"
    after["parties"][0]["representative"] = "Mme la préfète"
    changes = diff.changes(files.jsonable(raw), files.jsonable(after))
    return {
        "number": 2,
        "requested": date(2024, 3, 1),
        "changes": [c.as_dict() for c in changes],
        "names": {p["key"]: p["name"] for p in raw["parties"]},
        "period_label": None,
    }


def contexts(kind):
    """The context of `kind` for every demo convention."""
    built = []
    for path in DEMO_FILES:
        for raw in files.read(path):
            facts, report = facts_and_report(raw)
            if kind == "schedule":
                built.append(context.schedule_context(report, facts))
            elif kind == "convention":
                built.append(convention_context.convention_context(report, facts))
            else:
                built.append(avenant_context.avenant_context(report, facts, avenant_facts(raw)))
    return built


def shape(values):
    """Field name -> shape of its values, merged over several contexts; None for a leaf."""
    merged = {}
    for value in values:
        for name, item in value.items():
            merged.setdefault(name, []).append(item)
    return {name: _inner(items) for name, items in merged.items()}


def _inner(items):
    if all(isinstance(item, dict) for item in items):
        return shape(items)
    if all(isinstance(item, list) for item in items):
        elements = [element for item in items for element in item]
        assert elements, "an empty list in every sample: its fields go unchecked"
        return shape(elements) if isinstance(elements[0], dict) else None
    return None


def catalogue_shape(variables):
    return {v.name: catalogue_shape(v.fields) if v.fields else None for v in variables}


@pytest.mark.parametrize("kind", catalogue.KINDS)
def test_the_catalogue_names_exactly_the_context_keys(kind):
    built = contexts(kind)
    assert built
    for one in built:
        assert set(one) == catalogue.names(kind)


@pytest.mark.parametrize("kind", catalogue.KINDS)
def test_the_catalogue_describes_every_field_of_the_lists_and_objects(kind):
    assert catalogue_shape(catalogue.variables(kind)) == shape(contexts(kind))


@pytest.mark.parametrize("kind", catalogue.KINDS)
def test_flags_are_booleans_and_everything_else_has_its_type(kind):
    expected = {
        catalogue.TEXT: str,
        catalogue.FLAG: bool,
        catalogue.LIST: list,
        catalogue.OBJECT: dict,
    }
    for one in contexts(kind):
        for variable in catalogue.variables(kind):
            assert isinstance(one[variable.name], expected[variable.type]), variable.name


def test_every_variable_is_described_once_per_kind():
    for kind in catalogue.KINDS:
        variables = catalogue.variables(kind)
        assert len({v.name for v in variables}) == len(variables)
        assert all(v.description for v in variables)


def test_the_filters_are_the_environment_filters():
    assert set(catalogue.FILTERS) == set(JINJA_FILTERS)


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        catalogue.variables("letter")


@pytest.mark.parametrize("kind", catalogue.KINDS)
def test_the_docs_list_every_variable_with_its_fields(kind):
    written = DOCS.read_text(encoding="utf-8")
    missing = [path for path in catalogue.paths(kind) if f"`{path}`" not in written]
    assert missing == []


def test_the_docs_list_every_filter():
    written = DOCS.read_text(encoding="utf-8")
    assert [name for name in JINJA_FILTERS if f"`{name}`" not in written] == []
