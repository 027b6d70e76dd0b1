"""Helpers that write the templates' paragraphs and tables: docxtpl tags, labelled lines,
bulleted lists, the bold red alert, loop tables with a repeated header and a closing row.

Row loops use docxtpl's `{%tr %}` tags, paragraph blocks its `{%p %}` tags; a tag paragraph is
removed from the rendered document, so blocks and loops leave no empty line behind.
"""

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from .styles import RED, TABLE_STYLE


def tag(document, statement):
    """A docxtpl paragraph tag, `{%p statement %}`, removed when rendered."""
    return document.add_paragraph(f"{{%p {statement} %}}")


def paragraphs(document, texts, style=None):
    """One paragraph per text."""
    return [document.add_paragraph(text, style=style) for text in texts]


def bullets(document, texts):
    """A bulleted list."""
    return paragraphs(document, texts, style="List Bullet")


def labelled(document, label, value, style=None):
    """A paragraph "Label : value" with the label in bold."""
    paragraph = document.add_paragraph(style=style)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT  # justifying a short line only stretches it
    paragraph.add_run(f"{label} : ").bold = True
    paragraph.add_run(value)
    return paragraph


def alert(document, text):
    """A paragraph in bold red: what nobody may miss (a financing gap)."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.font.color.rgb = True, RED
    paragraph.paragraph_format.keep_together = True
    return paragraph


def loop_table(document, columns, loop, cells, right=(), together=True):
    """A table: a repeated header row, then one row per item of `loop` (docxtpl `{%tr %}`).

    `together` keeps a short table on one page (Word and LibreOffice honour "keep with next"
    on the paragraphs of every row but the last); a long one may still run over.
    """
    table = document.add_table(rows=4, cols=len(columns))
    table.style = document.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header, start, row, end = table.rows
    for index, (title, width) in enumerate(columns):
        table.columns[index].width = Cm(width)
        for each in table.rows:
            each.cells[index].width = Cm(width)
        header.cells[index].text = title
        header.cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    start.cells[0].text = f"{{%tr for {loop} %}}"
    end.cells[0].text = "{%tr endfor %}"
    for index, text in enumerate(cells):
        row.cells[index].text = text
        row.cells[index].paragraphs[0].alignment = (
            WD_ALIGN_PARAGRAPH.RIGHT if index in right else WD_ALIGN_PARAGRAPH.LEFT
        )
    repeat_as_header(header)
    for each in (header, row):
        keep_row_whole(each)
        if together:
            keep_with_next(each)
    document.add_paragraph()  # Word needs a paragraph after a table; it also gives air
    return table


def total_row(table, texts, right=()):
    """A closing row in bold, kept whole (a split row leaves a ghost row on the next page)."""
    row = table.add_row()
    keep_row_whole(row)
    total_cells(row.cells, texts, right)
    return row


def total_cells(cells, texts, right=()):
    """Fill a closing row in bold: `texts` maps a cell's index to its text."""
    for index, text in texts.items():
        paragraph = cells[index].paragraphs[0]
        paragraph.add_run(text).bold = True
        paragraph.alignment = (
            WD_ALIGN_PARAGRAPH.RIGHT if index in right else WD_ALIGN_PARAGRAPH.LEFT
        )


def repeat_as_header(row):
    """Repeat the row at the top of every page the table runs onto."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def keep_with_next(row):
    """Keep the row on the same page as the next one."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def keep_row_whole(row):
    """Keep a row from being split across two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def minimum_height(row, height):
    """Give a row at least `height` (room to sign)."""
    row_height = OxmlElement("w:trHeight")
    row_height.set(qn("w:val"), str(int(height.twips)))
    row_height.set(qn("w:hRule"), "atLeast")
    row._tr.get_or_add_trPr().append(row_height)
