"""Blocks the convention and its avenants both print: the parties, the financing of each period,
the gap alert and the signature table."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from .common import alert, labelled, loop_table, minimum_height, tag, total_row
from .styles import ARTICLE_STYLE, NOTE_STYLE


def article(document, title):
    """A numbered article heading ("Article N –" comes from the style's numbering)."""
    return document.add_paragraph(title, style=ARTICLE_STYLE)


def parties(document):
    """Each party: its name in bold, its legal representative and title, its roles."""
    tag(document, "for p in parties")
    name = document.add_paragraph()
    name.add_run("{{ p.name }}").bold = True
    name.paragraph_format.space_after = Pt(0)
    name.paragraph_format.keep_with_next = True
    represented = document.add_paragraph(
        "Représentant légal : {{ p.representative }}, en qualité de {{ p.title }}"
    )
    represented.alignment = WD_ALIGN_PARAGRAPH.LEFT
    represented.paragraph_format.space_after = Pt(0)
    represented.paragraph_format.keep_with_next = True
    document.add_paragraph("Rôle : {{ p.roles }}", style=NOTE_STYLE)
    tag(document, "endfor")
    document.add_paragraph("Ensemble désignées ci-après « les parties ».")


def period_financing(document, period="period"):
    """The financing table of one period: amounts in figures and in words, share, basis."""
    table = loop_table(
        document,
        [
            ("Financeur", 3.9),
            ("Montant", 2.5),
            ("Montant en lettres", 4.6),
            ("Part du coût", 1.8),
            ("Mode de calcul", 4.2),
        ],
        f"s in {period}.shares",
        ["{{ s.financer }}", "{{ s.amount }}", "{{ s.words }}", "{{ s.percent }}", "{{ s.basis }}"],
        right=(1, 3),
    )
    total_row(
        table,
        {
            0: "Total financé",
            1: f"{{{{ {period}.funded }}}}",
            2: f"{{{{ {period}.funded_words }}}}",
            3: f"{{{{ {period}.funded_percent }}}}",
            4: f"sur un coût de {{{{ {period}.total_cost }}}}",
        },
        right=(1, 3),
    )
    tag(document, f"if {period}.has_gap")
    alert(
        document,
        f"Reste à financer sur la période : {{{{ {period}.gap }}}} ({{{{ {period}.gap_words }}}}).",
    )
    tag(document, "endif")
    return table


def gap_alert(document, where):
    """The loud statement of a financing gap, shown only when there is one."""
    tag(document, "if has_gap")
    alert(
        document,
        f"Financement incomplet : {where}il manque {{{{ gap }}}} ({{{{ gap_words }}}}) pour "
        "couvrir le coût du poste. Le recrutement ne peut intervenir tant que le poste n'est "
        "pas financé à 100 %, et les autres financeurs ne compensent pas cette différence, "
        "sauf avenant.",
    )
    tag(document, "endif")


def bank(document):
    """The employer's account, where the participations are paid."""
    for label, value in (
        ("Titulaire du compte", "{{ bank.holder }}"),
        ("IBAN", "{{ bank.iban }}"),
        ("BIC", "{{ bank.bic }}"),
    ):
        line = labelled(document, label, value)
        line.paragraph_format.space_after = Pt(1)
        line.paragraph_format.left_indent = Cm(0.6)
    document.add_paragraph()


def signatures(document, made_where):
    """ "Fait à …" then one row per signatory: name, representative, title; room to sign."""
    document.add_paragraph(made_where).paragraph_format.keep_with_next = True
    table = loop_table(
        document,
        [("Partie signataire", 9.5), ("Date et signature", 7.5)],
        "s in signatories",
        ["{{ s.name }}", "Date : ……"],
        together=False,
    )
    row = table.rows[2]
    who = row.cells[0]
    who.paragraphs[0].runs[0].bold = True
    for text, italic in (("{{ s.representative }}", False), ("{{ s.title }}", True)):
        paragraph = who.add_paragraph()
        paragraph.add_run(text).italic = italic
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    sign = row.cells[1].add_paragraph("Signature")
    sign.alignment = WD_ALIGN_PARAGRAPH.LEFT
    minimum_height(row, Cm(3.2))
    return table
