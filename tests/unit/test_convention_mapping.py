"""The convention form's data as the file format's mapping, and back; schema errors located."""

from datetime import date
from decimal import Decimal

import pytest

from convention_manager.exceptions import InvalidConvention
from convention_manager.exchange import schema
from convention_manager.forms import convention_mapping as cm


def form_data(**overrides):
    """Form data as WTForms gives it: texts, Decimals, dates, rows with blank ones."""
    data = {
        "reference": " NORD-CA2C-2023 ",
        "title": "Intervenant social en gendarmerie",
        "post_kind": "ISG",
        "posts": "1",
        "fte": "0,5",
        "territory": "Nord",
        "start": date(2023, 7, 1),
        "end": date(2023, 12, 31),
        "financial_year_end": "31/12",
        "court": "",
        "parties": [
            {"key": "etat", "kind": "state", "name": "État", "representative": "", "title": "",
             "siret": "", "iban": ""},
            {"key": "", "kind": "", "name": "", "representative": "", "title": "", "siret": "",
             "iban": ""},
            {"key": "asso", "kind": "", "name": "Association employeuse", "representative": "",
             "title": "", "siret": "", "iban": "FR76 3000 6000 0112 3456 7890 189"},
            {"key": "gend", "kind": "gendarmerie", "name": "Groupement", "representative": "",
             "title": "", "siret": "", "iban": ""},
        ],
        "employer": "asso",
        "functional_authority": "gend",
        "salary": Decimal("19000"),
        "travel": Decimal("1500"),
        "training": None,
        "admin_fees": Decimal("1500.50"),
        "funding": [
            {"financer": "etat", "fund": "FIPD", "share": "41 %", "amount": None, "cap": None,
             "requested": None, "voted": None},
            {"financer": "", "fund": "", "share": "", "amount": None, "cap": None,
             "requested": None, "voted": None},
            {"financer": "asso", "fund": "", "share": "", "amount": Decimal("100"),
             "cap": None, "requested": None, "voted": None},
        ],
    }  # fmt: skip
    data.update(overrides)
    return data


def test_the_mapping_has_the_file_format_keys_without_blanks():
    mapping = cm.to_mapping(form_data(), known_kinds={"Association employeuse": "association"})

    assert mapping["reference"] == "NORD-CA2C-2023"
    assert "court" not in mapping
    assert mapping["posts"] == 1 and mapping["fte"] == "0.5"
    assert mapping["financial_year_end"] == "12-31"
    assert [p["key"] for p in mapping["parties"]] == ["etat", "asso", "gend"]
    assert mapping["parties"][1]["kind"] == "association"  # from the known organisation
    assert mapping["costs"] == {
        "salary": Decimal("19000"),
        "travel": Decimal("1500"),
        "admin_fees": Decimal("1500.50"),
    }
    assert mapping["funding"] == [
        {"financer": "etat", "fund": "FIPD", "share": "41 %"},
        {"financer": "asso", "amount": Decimal("100")},
    ]
    assert schema.normalise(mapping)["periods"][0]["label"] == "2023"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("31/12", "12-31"), ("28/2", "02-28"), (" 31 / 08 ", "08-31"), ("12-31", "12-31"), ("", None)],
)
def test_financial_year_end_is_typed_day_then_month(typed, expected):
    assert cm.financial_year_end(typed) == expected


def test_from_mapping_gives_back_the_form_data():
    mapping = cm.to_mapping(form_data(), known_kinds={"Association employeuse": "association"})
    data = cm.from_mapping(mapping)

    assert data["financial_year_end"] == "31/12" and data["fte"] == "0,5"
    assert data["parties"][1]["kind"] == "association" and data["parties"][0]["iban"] == ""
    assert data["funding"][1]["amount"] == Decimal("100") and data["funding"][1]["share"] == ""
    assert cm.to_mapping(data) == mapping


def test_carry_over_keeps_what_the_form_does_not_show():
    original = {
        "reference": "R",
        "parties": [{"key": "etat", "address": "Lille"}, {"key": "asso", "bic": "BNPAFRPP"}],
        "signatories": ["etat"],
        "costs": {"salary": 1, "other": Decimal("5")},
        "funding": [{"financer": "etat", "notified": date(2023, 9, 1), "share": "1/2"}],
    }
    mapping = {
        "reference": "R",
        "parties": [{"key": "etat"}, {"key": "asso"}, {"key": "new"}],
        "costs": {"salary": Decimal("2")},
        "funding": [{"financer": "etat", "share": "1/3"}],
    }

    result = cm.carry_over(mapping, original)

    assert result["parties"][0] == {"key": "etat", "address": "Lille"}
    assert result["parties"][1] == {"key": "asso", "bic": "BNPAFRPP"}
    assert result["signatories"] == ["etat", "new"]
    assert result["costs"] == {"salary": Decimal("2"), "other": Decimal("5")}
    assert result["funding"] == [{"financer": "etat", "notified": date(2023, 9, 1), "share": "1/3"}]


def test_carry_over_keeps_explicit_periods():
    result = cm.carry_over(
        {"costs": {}, "funding": [], "parties": []}, {"periods": [{"label": "A"}]}
    )

    assert result["periods"] == [{"label": "A"}] and "costs" not in result


def _error(data):
    mapping = cm.to_mapping(data, known_kinds={"Association employeuse": "association"})
    with pytest.raises(InvalidConvention) as caught:
        schema.normalise(mapping)
    return cm.locate(caught.value.message, mapping.get("reference"), data), caught.value.message


@pytest.mark.parametrize(
    ("overrides", "target"),
    [
        ({"title": ""}, ("title",)),
        ({"post_kind": "XX"}, ("post_kind",)),
        ({"employer": "gend"}, ("functional_authority",)),
        ({"salary": Decimal("1.234")}, ("salary",)),
        ({"reference": ""}, ("reference",)),
    ],
)
def test_schema_errors_point_at_the_form_field(overrides, target):
    assert _error(form_data(**overrides))[0] == target


def test_row_errors_point_at_the_form_row_counting_blank_rows():
    data = form_data()
    data["parties"][2]["iban"] = "FR76 0000"
    target, message = _error(data)

    assert target == ("parties", 2, "iban")
    assert cm.problem(message) == "IBAN invalide « FR76 0000 »"

    data = form_data()
    data["funding"][2]["share"] = "1/3"
    assert _error(data)[0] == ("funding", 2, "share")


def test_messages_without_a_known_path_are_not_located():
    assert cm.locate("période 2023 : les financements dépassent", "R", {}) is None
    assert cm.locate("R.parties : une convention lie au moins deux parties", "R", {}) == (
        "parties",
    )
