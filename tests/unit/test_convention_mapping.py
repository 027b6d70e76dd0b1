"""The convention form's data as the file format's mapping, and back; schema errors located."""

from datetime import date
from decimal import Decimal

import pytest
import yaml

from convention_manager.exceptions import InvalidConvention
from convention_manager.exchange import schema
from convention_manager.forms import convention_mapping as cm
from tests.conftest import DEMO

DEMO_YEARLY = DEMO / "exemple-pluriannuel-2025.yaml"


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


def _line(financer, fund="", share="", amount=None):
    return {"financer": financer, "fund": fund, "share": share, "amount": amount, "cap": None,
            "requested": None, "voted": None}  # fmt: skip


def _blank_line():
    return _line("")


def yearly_data(**overrides):
    """The form data of a convention financed year by year (80/50/30 % for the State)."""
    data = form_data(
        start=date(2025, 1, 1),
        end=date(2026, 12, 31),
        financing="periods",
        salary=None,
        travel=None,
        admin_fees=None,
        funding=[_blank_line()],
        periods=[
            {"label": "2025", "start": date(2025, 1, 1), "end": date(2025, 12, 31),
             "salary": Decimal("52000"), "travel": Decimal("2500"), "training": None,
             "admin_fees": Decimal("4500"),
             "funding": [_line("etat", "FIPD", "80 %"), _blank_line(), _line("asso", "", "20%")]},
            {"label": "", "start": None, "end": None, "salary": None, "travel": None,
             "training": None, "admin_fees": None, "funding": [_blank_line()]},
            {"label": " 2026 ", "start": date(2026, 1, 1), "end": date(2026, 12, 31),
             "salary": Decimal("53000"), "travel": None, "training": None,
             "admin_fees": Decimal("4600"),
             "funding": [_line("etat", "FIPD", "50%"), _line("asso", amount=Decimal("28800"))]},
        ],
    )  # fmt: skip
    data.update(overrides)
    return data


def test_a_yearly_form_gives_the_periods_of_the_file_format():
    mapping = cm.to_mapping(yearly_data(), known_kinds={"Association employeuse": "association"})

    assert "costs" not in mapping and "funding" not in mapping
    assert mapping["periods"] == [
        {
            "label": "2025",
            "start": date(2025, 1, 1),
            "end": date(2025, 12, 31),
            "costs": {
                "salary": Decimal("52000"),
                "travel": Decimal("2500"),
                "admin_fees": Decimal("4500"),
            },
            "funding": [
                {"financer": "etat", "fund": "FIPD", "share": "80 %"},
                {"financer": "asso", "share": "20%"},
            ],
        },
        {
            "label": "2026",
            "start": date(2026, 1, 1),
            "end": date(2026, 12, 31),
            "costs": {"salary": Decimal("53000"), "admin_fees": Decimal("4600")},
            "funding": [
                {"financer": "etat", "fund": "FIPD", "share": "50%"},
                {"financer": "asso", "amount": Decimal("28800")},
            ],
        },
    ]
    assert [p["label"] for p in schema.normalise(mapping)["periods"]] == ["2025", "2026"]


def test_the_single_period_mapping_is_unchanged_whatever_the_periods_rows_hold():
    kinds = {"Association employeuse": "association"}
    typed = form_data(financing="single", periods=yearly_data()["periods"])

    assert cm.to_mapping(typed, kinds) == cm.to_mapping(form_data(), kinds)


def test_periods_go_back_to_the_form_and_round_trip():
    mapping = cm.to_mapping(yearly_data(), known_kinds={"Association employeuse": "association"})
    data = cm.from_mapping(mapping)

    assert data["financing"] == "periods"
    assert data["salary"] is None and data["funding"] == []
    assert [p["label"] for p in data["periods"]] == ["2025", "2026"]
    assert data["periods"][0]["start"] == date(2025, 1, 1)
    assert data["periods"][1]["admin_fees"] == Decimal("4600")
    assert data["periods"][1]["funding"][1] == {
        "financer": "asso", "fund": "", "share": "", "amount": Decimal("28800"), "cap": None,
        "requested": None, "voted": None,
    }  # fmt: skip
    assert cm.to_mapping(data) == mapping
    assert cm.from_mapping(cm.to_mapping(form_data()))["financing"] == "single"


def test_the_demo_yearly_convention_round_trips_through_the_form():
    mapping = yaml.safe_load(DEMO_YEARLY.read_text(encoding="utf-8"))

    again = cm.to_mapping(cm.from_mapping(mapping))

    assert again["periods"] == mapping["periods"]
    assert schema.normalise(again)["periods"] == schema.normalise(mapping)["periods"]


def test_yearly_periods_cut_the_convention_by_calendar_year():
    rows = cm.yearly_periods(
        date(2025, 3, 1), date(2027, 6, 30), funding=[_line("etat", "FIPD", "80 %"), _blank_line()]
    )

    assert [(r["label"], r["start"], r["end"]) for r in rows] == [
        ("2025", date(2025, 3, 1), date(2025, 12, 31)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2027", date(2027, 1, 1), date(2027, 6, 30)),
    ]
    assert rows[2]["funding"] == [{"financer": "etat", "fund": "FIPD", "share": "80 %"}]
    assert cm.yearly_periods(None, date(2027, 6, 30)) == []


def test_yearly_periods_keep_what_the_periods_already_hold():
    typed = yearly_data()["periods"]
    rows = cm.yearly_periods(date(2025, 1, 1), date(2027, 12, 31), typed)

    assert [r["label"] for r in rows] == ["2025", "2026", "2027"]
    assert rows[1]["salary"] == Decimal("53000")  # the third row typed, the second kept
    assert rows[2]["funding"] == []


def test_carry_over_keeps_what_the_form_does_not_show_in_each_period():
    original = {
        "parties": [{"key": "etat"}],
        "periods": [
            {"label": "2025", "costs": {"salary": 1, "other": Decimal("7")},
             "funding": [{"financer": "etat", "notified": date(2025, 3, 1), "share": "80%"}]},
            {"label": "2026", "costs": {"salary": 1},
             "funding": [{"financer": "etat", "imputation": {"programme": "216"}}]},
        ],
    }  # fmt: skip
    mapping = {
        "parties": [{"key": "etat"}],
        "periods": [
            {"label": "2025", "costs": {"salary": 2}, "funding": [{"financer": "etat"}]},
            {"label": "2026", "costs": {"salary": 3}, "funding": [{"financer": "etat"}]},
        ],
    }

    result = cm.carry_over(mapping, original)

    assert "costs" not in result and "funding" not in result
    assert result["periods"][0]["costs"] == {"salary": 2, "other": Decimal("7")}
    assert result["periods"][0]["funding"] == [{"financer": "etat", "notified": date(2025, 3, 1)}]
    assert result["periods"][1]["funding"] == [
        {"financer": "etat", "imputation": {"programme": "216"}}
    ]


def test_carry_over_from_one_period_to_yearly_keeps_the_imputation_only():
    original = {
        "parties": [{"key": "etat", "address": "Lille"}],
        "costs": {"salary": 1, "other": 5},
        "funding": [{"financer": "etat", "notified": date(2025, 3, 1), "imputation": {"uo": "X"}}],
    }
    mapping = {
        "parties": [{"key": "etat"}],
        "periods": [{"label": "2025", "costs": {"salary": 2}, "funding": [{"financer": "etat"}]}],
    }

    result = cm.carry_over(mapping, original)

    assert result["parties"] == [{"key": "etat", "address": "Lille"}]
    assert "funding" not in result
    assert result["periods"][0]["funding"] == [{"financer": "etat", "imputation": {"uo": "X"}}]
    assert result["periods"][0]["costs"] == {"salary": 2}


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


def test_period_errors_point_at_the_period_row_counting_blank_periods_and_lines():
    data = yearly_data()
    data["periods"][2]["funding"][0]["share"] = "cinquante"
    target, message = _error(data)
    assert target == ("periods", 2, "funding", 0, "share")
    assert message.startswith("NORD-CA2C-2023.periods[2].funding[1].share : ")

    data = yearly_data()
    data["periods"][2]["salary"] = Decimal("1.234")
    assert _error(data)[0] == ("periods", 2, "salary")

    data = yearly_data()
    data["periods"][2]["label"] = ""
    assert _error(data)[0] == ("periods", 2, "label")

    data = yearly_data()
    data["periods"][2]["start"] = date(2025, 6, 1)
    assert _error(data)[0] == ("periods",)  # the periods overlap


def test_period_paths_without_a_field_point_at_the_period_or_the_list():
    data = yearly_data()
    assert cm.locate("R.periods[2].costs : le coût total doit être positif", "R", data) == (
        "periods",
        2,
    )
    assert cm.locate("R.periods[2].funding[1].share : x", "R", data) == (
        "periods", 2, "funding", 0, "share",
    )  # fmt: skip
    assert cm.locate("R.periods[1].funding[2].share : x", "R", data) == (
        "periods", 0, "funding", 2, "share",
    )  # fmt: skip
    assert cm.locate("R.periods[9].label : x", "R", data) == ("periods",)
    assert cm.locate("période 2026 : les financements dépassent", "R", data) == ("periods", 2)
    assert cm.locate("période 2031 : les financements dépassent", "R", data) is None
