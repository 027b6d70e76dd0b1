"""What every template shares: A4 page, French language, fonts and colours, the table style,
the header with the reference and "Page N sur M" (real fields), the "Article" heading style
numbered by Word, and the document properties."""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from convention_manager.documents import typography

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans
NAVY = RGBColor(0x1F, 0x38, 0x64)
RED = RGBColor(0xC0, 0x00, 0x00)
GREY = RGBColor(0x59, 0x59, 0x59)
TABLE_STYLE = "Tableau échéancier"
TEXT_WIDTH = Cm(17)  # 21 cm less two 2 cm margins
ARTICLE_STYLE = "Article"
NOTE_STYLE = "Note"
ARTICLE_NUMBERING_ID = 90  # far above the ids of python-docx's own list numberings

TABLE_STYLE_XML = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="TableauEcheancier">
  <w:name w:val="{TABLE_STYLE}"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>
    <w:jc w:val="left"/></w:pPr>
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

# "Article 1 –", "Article 2 –"… : a real list numbering bound to the article heading style.
ARTICLE_NUMBERING_XML = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="{ARTICLE_NUMBERING_ID}">
  <w:multiLevelType w:val="singleLevel"/>
  <w:lvl w:ilvl="0">
    <w:start w:val="1"/>
    <w:numFmt w:val="decimal"/>
    <w:pStyle w:val="{ARTICLE_STYLE}"/>
    <w:suff w:val="space"/>
    <w:lvlText w:val="Article %1 –"/>
    <w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr>
  </w:lvl>
</w:abstractNum>
"""
ARTICLE_NUM_XML = f"""
<w:num {nsdecls("w")} w:numId="{ARTICLE_NUMBERING_ID}">
  <w:abstractNumId w:val="{ARTICLE_NUMBERING_ID}"/>
</w:num>
"""


def french_spacing(document):
    """No-break spaces where French typography wants them (see documents.typography)."""
    typography.apply(document)


def new_document(title, header_label, footer_text, justified=False):
    """A4 document with the shared styles, header, footer and properties."""
    document = Document()
    section = document.sections[0]
    set_up_page(section)
    set_up_styles(document, justified)
    set_up_header(section, header_label, footer_text)
    set_properties(document, title)
    return document


def set_up_page(section):
    """A4 portrait, 2 cm margins (python-docx starts from US Letter)."""
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.header_distance = section.footer_distance = Cm(1)


def set_up_styles(document, justified=False):
    """French language, one sober font, navy headings, the table style with a header row."""
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
    if justified:
        normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name, size, before in (("Title", 20, 0), ("Heading 1", 13, 14), ("Heading 2", 11, 10)):
        style = styles[name]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
        style.font.color.rgb = NAVY
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    styles["Subtitle"].font.name = FONT
    styles["Subtitle"].font.color.rgb = GREY
    styles["Subtitle"].font.italic = False
    styles["Subtitle"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    letter_spacing = styles["Subtitle"].element.rPr.find(qn("w:spacing"))
    if letter_spacing is not None:
        styles["Subtitle"].element.rPr.remove(letter_spacing)
    styles["List Bullet"].font.name = FONT
    for name in ("Header", "Footer"):
        styles[name].font.name, styles[name].font.size = FONT, Pt(8)
        styles[name].font.color.rgb = GREY
        styles[name].paragraph_format.tab_stops.clear_all()  # US Letter centre and right tabs
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    add_note_style(styles)
    styles.element.append(parse_xml(TABLE_STYLE_XML))
    drop_theme(styles.element)


def add_note_style(styles):
    """Small grey text for roles and remarks."""
    note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.size, note.font.color.rgb = Pt(9), GREY
    note.paragraph_format.space_after = Pt(6)


def add_article_style(document):
    """The article heading style, numbered "Article 1 –", "Article 2 –"… by Word itself."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(ARTICLE_NUMBERING_XML)
    if first_num is not None:
        first_num.addprevious(abstract)  # abstract numberings come before the nums
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(ARTICLE_NUM_XML))
    style = document.styles.add_style(ARTICLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 1"]
    style.next_paragraph_style = document.styles["Normal"]
    style.font.name, style.font.size, style.font.bold = FONT, Pt(12), True
    style.font.color.rgb = NAVY
    style.paragraph_format.space_before = Pt(14)
    style.paragraph_format.keep_with_next = True
    style.element.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = ARTICLE_NUMBERING_ID
    return style


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


def set_up_header(section, label, footer_text):
    """`label` on the left, "Page N sur M" on the right; a short notice in the footer."""
    header = section.header.paragraphs[0]
    header.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    header.add_run(f"{label}\tPage ")
    add_field(header, "PAGE", "1")
    header.add_run(" sur ")
    add_field(header, "NUMPAGES", "1")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(footer_text)


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


def set_properties(document, title):
    """Document properties without Jinja tags (docxtpl renders them too)."""
    properties = document.core_properties
    properties.title = title
    properties.subject = "Convention de partenariat, intervenant social en police et gendarmerie"
    properties.author = properties.last_modified_by = "convention-manager"
    properties.comments = ""
    properties.language = "fr-FR"
