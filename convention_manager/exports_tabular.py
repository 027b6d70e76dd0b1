"""Lists written as spreadsheets: XLSX (openpyxl) and CSV for Excel in French.

Pure: rows in, bytes out; neither Flask nor the database is imported. Each column says what it
holds (text, money, date, percent, integer) so that the XLSX keeps real numbers and real dates
with French-looking formats, and the CSV writes them the way a French Excel reads them: ";" between
fields, a decimal comma, dates as JJ/MM/AAAA, and a UTF-8 byte order mark so accents survive.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

MONEY_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "DD/MM/YYYY"
PERCENT_FORMAT = '0.00" %"'
NUMBER_FORMATS = {"money": MONEY_FORMAT, "date": DATE_FORMAT, "percent": PERCENT_FORMAT}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Column:
    """A column's heading, what it holds (text, money, date, percent, integer) and its width."""

    title: str
    kind: str = "text"
    width: int = 14


def to_xlsx(sheet_title, columns, rows) -> bytes:
    """A workbook of one sheet: bold frozen header, column widths, typed cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]  # Excel's limit
    sheet.append([c.title for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell_value(c, v) for c, v in zip(columns, row, strict=True)])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        number_format = NUMBER_FORMATS.get(column.kind)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(columns, rows) -> bytes:
    """ ";"-separated UTF-8 with a byte order mark, French numbers and dates."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.title for c in columns])
    for row in rows:
        writer.writerow([_csv_text(c, v) for c, v in zip(columns, row, strict=True)])
    return text.getvalue().encode("utf-8-sig")


def _cell_value(column, value):
    if value is None:
        return None
    if column.kind in ("money", "percent"):
        # openpyxl writes a Decimal as a number; cents exactly as shown.
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    return value


def _csv_text(column, value):
    if value is None:
        return ""
    if column.kind in ("money", "percent"):
        return f"{Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)}".replace(".", ",")
    if column.kind == "date" and isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)
