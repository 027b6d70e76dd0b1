"""The échéancier (payment schedule) template: the convention's facts, financing, points of
attention, payments per period and obligations. Context: `documents.context.schedule_context`."""

from .common import keep_row_whole, labelled, loop_table, total_cells, total_row
from .styles import RED, french_spacing, new_document

NAME = "schedule"


def build(output):
    """Write the échéancier template to `output`."""
    document = new_document(
        "Échéancier de versement",
        "{{ reference }} · Échéancier de versement",
        "Document de suivi établi d'après la convention telle qu'elle est enregistrée ; "
        "seule la convention signée, et ses avenants, font foi.",
    )
    document.add_paragraph("Échéancier de versement", style="Title")
    document.add_paragraph("{{ title }}", style="Subtitle")
    write_facts(document)
    write_financing(document)
    write_warnings(document)
    write_payments(document)
    write_obligations(document)
    french_spacing(document)
    document.save(output)
    return output


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
    total_row(
        table, {0: "Total financé", 1: "{{ funded }}", 2: "{{ funded_percent }}"}, right=(1, 2)
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
    row = table.add_row()
    keep_row_whole(row)
    cells = row.cells
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
