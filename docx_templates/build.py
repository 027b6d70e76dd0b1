"""Build docx_templates/schedule.docx, the échéancier template, with python-docx.

Run from the project root: `.venv/bin/python docx_templates/build.py`. The template is built by
code rather than drawn by hand so that its styles, page set-up and Jinja tags stay reviewable in
one place; the .docx it writes is committed alongside and may be copied into
`instance/docx_templates/` and retouched in Word or LibreOffice (keep the `{{ }}` and `{% %}` tags).

Page: A4 portrait, 2 cm margins. Header: the reference and "Page N sur M" (real PAGE and
NUMPAGES fields). Row loops use docxtpl's `{%tr %}` tags, paragraph blocks its `{%p %}` tags.
The context it expects is `convention_manager.documents.context.schedule_context`.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "schedule.docx"

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans
NAVY = RGBColor(0x1F, 0x38, 0x64)
RED = RGBColor(0xC0, 0x00, 0x00)
GREY = RGBColor(0x59, 0x59, 0x59)
TABLE_STYLE = "Tableau échéancier"
TEXT_WIDTH = Cm(17)  # 21 cm less two 2 cm margins

TABLE_STYLE_XML = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="TableauEcheancier">
  <w:name w:val="{TABLE_STYLE}"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""


def build(output=OUTPUT):
    """Write the échéancier template to `output`."""
    document = Document()
    set_up_page(document.sections[0])
    set_up_styles(document)
    set_up_header(document.sections[0])
    set_properties(document)
    write_body(document)
    document.save(output)
    return output


def set_up_page(section):
    """A4 portrait, 2 cm margins (python-docx starts from US Letter)."""
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.header_distance = section.footer_distance = Cm(1)


def set_up_styles(document):
    """French language, one sober font, navy headings, and the table style with a header row."""
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        defaults.append(language)
    language.set(qn("w:val"), "fr-FR")
    language.set(qn("w:eastAsia"), "fr-FR")
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name, size, before in (("Title", 20, 0), ("Heading 1", 13, 14), ("Heading 2", 11, 10)):
        style = styles[name]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
        style.font.color.rgb = NAVY
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    styles["Subtitle"].font.name = FONT
    styles["Subtitle"].font.color.rgb = GREY
    styles["Subtitle"].font.italic = False
    letter_spacing = styles["Subtitle"].element.rPr.find(qn("w:spacing"))
    if letter_spacing is not None:
        styles["Subtitle"].element.rPr.remove(letter_spacing)
    styles["List Bullet"].font.name = FONT
    for name in ("Header", "Footer"):
        styles[name].font.name, styles[name].font.size = FONT, Pt(8)
        styles[name].font.color.rgb = GREY
        styles[name].paragraph_format.tab_stops.clear_all()  # US Letter centre and right tabs
    styles.element.append(parse_xml(TABLE_STYLE_XML))
    drop_theme(styles.element)


def drop_theme(styles_element):
    """Name the font and colours outright: theme attributes would override them in Word."""
    theme_attributes = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
    for fonts in styles_element.iter(qn("w:rFonts")):
        for attribute in theme_attributes:
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
        for attribute in ("ascii", "hAnsi", "cs"):
            fonts.set(qn(f"w:{attribute}"), FONT)
    for colour in styles_element.iter(qn("w:color")):
        for attribute in ("themeColor", "themeShade", "themeTint"):
            colour.attrib.pop(qn(f"w:{attribute}"), None)


def set_up_header(section):
    """Reference on the left, "Page N sur M" on the right; a short notice in the footer."""
    header = section.header.paragraphs[0]
    header.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    header.add_run("{{ reference }} · Échéancier de versement\tPage ")
    add_field(header, "PAGE", "1")
    header.add_run(" sur ")
    add_field(header, "NUMPAGES", "1")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(
        "Document de suivi établi d'après la convention telle qu'elle est enregistrée ; "
        "seule la convention signée, et ses avenants, font foi."
    )


def add_field(paragraph, instruction, placeholder):
    """A real Word field (w:fldSimple), recomputed by Word and LibreOffice when displayed."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def set_properties(document):
    """Document properties without Jinja tags (docxtpl renders them too)."""
    properties = document.core_properties
    properties.title = "Échéancier de versement"
    properties.subject = "Convention de partenariat, intervenant social en police et gendarmerie"
    properties.author = properties.last_modified_by = "convention-manager"
    properties.comments = ""
    properties.language = "fr-FR"


def write_body(document):
    """Title, the convention's facts, financing, warnings, payments per period, obligations."""
    document.add_paragraph("Échéancier de versement", style="Title")
    document.add_paragraph("{{ title }}", style="Subtitle")
    write_facts(document)
    write_financing(document)
    write_warnings(document)
    write_payments(document)
    write_obligations(document)


def write_facts(document):
    """Who, where and when, then the parties and their representatives."""
    document.add_heading("La convention", level=1)
    for label, value in (
        ("Référence", "{{ reference }}"),
        ("Territoire", "{{ territory }}"),
        ("Durée", "du {{ start }} au {{ end }}"),
        ("Employeur de l'intervenant social", "{{ employer }}"),
        ("État de la convention", "{{ status }}"),
    ):
        labelled(document, label, value)
    document.add_heading("Parties", level=2)
    loop_table(
        document,
        [("Partie", 7.5), ("Nature", 3.5), ("Représentée par", 6)],
        "p in parties",
        ["{{ p.name }}", "{{ p.kind }}", "{{ p.representative }}"],
    )


def write_financing(document):
    """Each financer's share, the total, and the gap in bold red when the cost is not covered."""
    document.add_heading("Plan de financement", level=1)
    table = loop_table(
        document,
        [("Financeur", 10), ("Montant", 4), ("Part du coût", 3)],
        "s in shares",
        ["{{ s.financer }}", "{{ s.amount }}", "{{ s.percent }}"],
        right=(1, 2),
    )
    total_cells(
        table.add_row().cells,
        {0: "Total financé", 1: "{{ funded }}", 2: "{{ funded_percent }}"},
        right=(1, 2),
    )
    labelled(document, "Coût total", "{{ total_cost }} ({{ total_cost_words }})")
    labelled(document, "Montant financé", "{{ funded }} ({{ funded_words }})")
    labelled(document, "Frais de gestion", "{{ admin_fee_rate }} du coût total")
    document.add_paragraph("{%p if has_gap %}")
    gap = document.add_paragraph()
    run = gap.add_run("Reste à financer : {{ gap }} ({{ gap_words }})")
    run.bold, run.font.color.rgb = True, RED
    document.add_paragraph("{%p else %}")
    document.add_paragraph("Le coût est entièrement financé.")
    document.add_paragraph("{%p endif %}")


def write_payments(document):
    """One table of payments per period, with what triggers each payment and when it is due."""
    document.add_heading("Versements", level=1)
    document.add_paragraph("{%p for period in periods %}")
    document.add_heading("Période {{ period.label }}, du {{ period.start }} au {{ period.end }}", 2)
    labelled(document, "Coût de la période", "{{ period.total_cost }}")
    table = loop_table(
        document,
        [
            ("Financeur", 4.2),
            ("Versement", 2.4),
            ("Condition", 3.6),
            ("Échéance", 2.7),
            ("Montant", 2.6),
            ("État", 1.5),
        ],
        "p in period.payments",
        [
            "{{ p.financer }}",
            "{{ p.kind }}",
            "{{ p.condition }}",
            "{{ p.due }}",
            "{{ p.amount }}",
            "{{ p.status }}",
        ],
        right=(4,),
    )
    cells = table.add_row().cells
    cells[0].merge(cells[3])  # before writing: merging carries each cell's empty paragraph along
    total_cells(cells, {0: "Financé sur la période", 4: "{{ period.funded }}"}, right=(4,))
    document.add_paragraph("{%p if period.has_gap and periods|length > 1 %}")
    gap = document.add_paragraph()
    run = gap.add_run("Reste à financer sur la période : {{ period.gap }}")
    run.bold, run.font.color.rgb = True, RED
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")


def write_obligations(document):
    """The documents the employer owes the financers, with their deadlines."""
    document.add_heading("Justificatifs à produire", level=1)
    document.add_paragraph("{%p if obligations %}")
    loop_table(
        document,
        [("Document", 10), ("Échéance", 4.5), ("État", 2.5)],
        "o in obligations",
        ["{{ o.document }}", "{{ o.due }}", "{{ o.status }}"],
    )
    document.add_paragraph("{%p else %}")
    document.add_paragraph("Aucun justificatif n'est prévu.")
    document.add_paragraph("{%p endif %}")


def write_warnings(document):
    """The points the parties must look at before signing or paying."""
    document.add_heading("Points d'attention", level=1)
    document.add_paragraph("{%p for w in warnings %}")
    document.add_paragraph("{{ w }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if not warnings %}")
    document.add_paragraph("Aucun point d'attention.")
    document.add_paragraph("{%p endif %}")


def labelled(document, label, value):
    """A paragraph "Label : value" with the label in bold."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label} : ").bold = True
    paragraph.add_run(value)
    return paragraph


def loop_table(document, columns, loop, cells, right=()):
    """A table: a repeated header row, then one row per item of `loop` (docxtpl `{%tr %}`)."""
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
    start.cells[0].text = f"{{%tr for {loop} %}}"
    end.cells[0].text = "{%tr endfor %}"
    for index, text in enumerate(cells):
        row.cells[index].text = text
        if index in right:
            row.cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    repeat_as_header(header)
    for each in (header, row):
        keep_row_whole(each)
    document.add_paragraph()  # Word needs a paragraph after a table; it also gives air
    return table


def total_cells(cells, texts, right=()):
    """Fill a closing row in bold: `texts` maps a cell's index to its text."""
    for index, text in texts.items():
        paragraph = cells[index].paragraphs[0]
        paragraph.add_run(text).bold = True
        if index in right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def repeat_as_header(row):
    """Repeat the row at the top of every page the table runs onto."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def keep_row_whole(row):
    """Keep a row from being split across two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


if __name__ == "__main__":
    print(build())
