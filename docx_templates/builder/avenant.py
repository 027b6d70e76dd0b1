"""The avenant template: number, parties, the convention and earlier avenants it builds on, one
article per article of the convention it modifies (before and after), then the financing and
payments as they now stand, and the signatures.
Context: `convention_manager.documents.avenant_context.avenant_context`.
"""

from . import blocks
from .common import labelled, loop_table, paragraphs, tag
from .styles import NOTE_STYLE, add_article_style, french_spacing, new_document

NAME = "avenant"


def build(output):
    """Write the avenant template to `output`."""
    document = new_document(
        "Avenant à la convention de partenariat",
        "{{ reference }} · Avenant n°{{ number }}",
        "Avenant à la convention de partenariat relative à l'intervention sociale en "
        "commissariat et en gendarmerie",
        justified=True,
    )
    add_article_style(document)
    write_title(document)
    write_changes(document)
    write_financing(document)
    blocks.article(document, "Autres stipulations")
    paragraphs(
        document,
        [
            "Les stipulations de la convention que le présent avenant ne modifie pas demeurent "
            "applicables.",
            "Le présent avenant fait partie intégrante de la convention. Il prend effet à la "
            "date de sa signature par la dernière des parties.",
        ],
    )
    blocks.signatures(document, "Fait en {{ copies }} exemplaires originaux, à ……, le ……")
    french_spacing(document)
    document.save(output)
    return output


def write_title(document):
    """Title, the convention it amends, the parties, what it rests on."""
    document.add_paragraph("Avenant n°{{ number }}", style="Title")
    document.add_paragraph(
        "à la convention de partenariat relative à l'intervention sociale en commissariat et "
        "en gendarmerie",
        style="Subtitle",
    )
    labelled(document, "Convention", "{{ reference }}, {{ title }}")
    document.add_heading("Entre les parties suivantes", level=2)
    blocks.parties(document)
    document.add_heading("Préambule", level=2)
    document.add_paragraph(
        "Vu la convention de partenariat {{ reference }}, signée le {{ convention_signed }} ;"
    )
    tag(document, "for a in earlier")
    document.add_paragraph(
        "Vu l'avenant n°{{ a.number }} à cette convention, signé le {{ a.signed }} ;"
    )
    tag(document, "endfor")
    tag(document, "if requested")
    document.add_paragraph(
        "Vu la demande de modification adressée aux parties le {{ requested }} par lettre "
        "recommandée avec accusé de réception ;"
    )
    tag(document, "endif")
    document.add_paragraph("Les parties sont convenues de ce qui suit.")


def write_changes(document):
    """One article per part of the convention modified, each change before and after."""
    tag(document, "for a in articles")
    blocks.article(document, "{{ a.heading }}")
    document.add_paragraph("{{ a.intro }}").paragraph_format.keep_with_next = True
    loop_table(
        document,
        [("Disposition", 6), ("Rédaction antérieure", 5.5), ("Nouvelle rédaction", 5.5)],
        "c in a.changes",
        ["{{ c.what }}", "{{ c.before }}", "{{ c.after }}"],
    )
    tag(document, "endfor")


def write_financing(document):
    """The financing of each period and its payments, as the avenant leaves them."""
    blocks.article(document, "Plan de financement et échéancier")
    document.add_paragraph(
        "À la suite de ces modifications, le financement du poste et le calendrier des "
        "versements s'établissent comme suit ; ils remplacent ceux qui figuraient "
        "jusqu'ici dans la convention."
    )
    labelled(document, "Coût total", "{{ total_cost }} ({{ total_cost_words }})")
    labelled(document, "Montant financé", "{{ funded }} ({{ funded_words }})")
    blocks.gap_alert(document, "après le présent avenant, ")
    tag(document, "for period in periods")
    document.add_heading(
        "Période {{ period.label }} : du {{ period.start }} au {{ period.end }}", 2
    )
    blocks.period_financing(document)
    heading = document.add_paragraph()
    heading.add_run("Versements de la période {{ period.label }}").bold = True
    heading.paragraph_format.keep_with_next = True
    loop_table(
        document,
        [("Financeur", 4.5), ("Versement", 2.6), ("Condition", 7), ("Montant", 2.9)],
        "p in period.payments",
        ["{{ p.financer }}", "{{ p.kind }}", "{{ p.condition }}", "{{ p.amount }}"],
        right=(3,),
    )
    tag(document, "endfor")
    document.add_paragraph(
        "Les participations sont versées sur le compte de l'employeur :"
    ).paragraph_format.keep_with_next = True
    blocks.bank(document)
    document.add_paragraph(
        "Si une participation est ramenée en dessous de ce qui a déjà été versé, l'employeur "
        "reverse la différence au financeur concerné.",
        style=NOTE_STYLE,
    )
