"""Spreadsheet exports: typed XLSX cells with French formats, and CSV for a French Excel."""

import csv
import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from convention_manager.exports_tabular import Column, to_csv, to_xlsx

COLUMNS = (
    Column("Financeur", width=40),
    Column("Montant", "money", 16),
    Column("Échéance", "date", 12),
    Column("Part", "percent", 10),
    Column("Conventions", "integer", 8),
)
ROWS = [
    (
        "Collectivité européenne d'Alsace",
        Decimal("201724.00"),
        date(2024, 6, 20),
        Decimal("52.87"),
        2,
    ),
    ('État; préfecture "68"', Decimal("16637.50"), None, Decimal("37.69"), 1),
    ("CAF", Decimal("0.105"), date(2024, 4, 30), None, 1),
]


def test_xlsx_keeps_numbers_and_dates_with_french_formats():
    sheet = load_workbook(io.BytesIO(to_xlsx("Versements", COLUMNS, ROWS))).active

    assert [c.value for c in sheet[1]] == [c.title for c in COLUMNS]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 40
    assert Decimal(str(sheet["B2"].value)) == Decimal("201724.00")
    assert Decimal(str(sheet["B3"].value)) == Decimal("16637.50")
    assert Decimal(str(sheet["B4"].value)) == Decimal("0.11")  # cents, half-up
    assert sheet["B2"].number_format == '#,##0.00 "€"'
    assert sheet["C2"].value.date() == date(2024, 6, 20)
    assert sheet["C2"].number_format == "DD/MM/YYYY"
    assert sheet["C3"].value is None and sheet["D4"].value is None
    assert sheet["E2"].value == 2


def test_csv_is_semicolon_separated_utf8_with_a_bom_and_french_numbers():
    data = to_csv(COLUMNS, ROWS)

    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Financeur", "Montant", "Échéance", "Part", "Conventions"]
    assert rows[1] == ["Collectivité européenne d'Alsace", "201724,00", "20/06/2024", "52,87", "2"]
    assert rows[2] == ['État; préfecture "68"', "16637,50", "", "37,69", "1"]  # quoted, intact
    assert rows[3][1] == "0,11"


def test_an_empty_list_is_a_header_alone():
    assert (
        to_csv(COLUMNS, []).decode("utf-8-sig") == "Financeur;Montant;Échéance;Part;Conventions\r\n"
    )
    assert load_workbook(io.BytesIO(to_xlsx("Vide", COLUMNS, []))).active.max_row == 1
