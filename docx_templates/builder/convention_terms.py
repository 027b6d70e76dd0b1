"""The convention's money and procedure articles: financing, supporting documents, avenants,
disputes and termination; then the signature block."""

from docx.shared import Pt

from . import blocks
from .common import bullets, labelled, loop_table, paragraphs, tag, total_row


def write_financial(document):
    """Article: the post's cost, each period's financing and payment rules, imputation, bank."""
    document.add_paragraph(
        "Le coût du poste est établi par l'employeur. Il comprend le salaire et les charges, "
        "les déplacements, la formation et les frais de gestion administrative, ces derniers "
        "représentant entre 5 % et 10 % du coût total. Les moyens fournis par l'autorité "
        "fonctionnelle n'y sont pas inclus."
    )
    labelled(document, "Coût total de la convention", "{{ total_cost }} ({{ total_cost_words }})")
    labelled(document, "Montant financé", "{{ funded }} ({{ funded_words }})")
    blocks.gap_alert(document, "")
    tag(document, "for period in periods")
    document.add_heading(
        "Période {{ period.label }} : du {{ period.start }} au {{ period.end }}", 2
    )
    costs = loop_table(
        document,
        [("Poste de dépense", 12), ("Montant", 5)],
        "c in period.costs",
        ["{{ c.label }}", "{{ c.amount }}"],
        right=(1,),
    )
    total_row(costs, {0: "Coût total de la période", 1: "{{ period.total_cost }}"}, (1,))
    document.add_paragraph(
        "Ce coût, soit {{ period.total_cost_words }}, est financé comme suit :"
    ).paragraph_format.keep_with_next = True
    blocks.period_financing(document)
    heading = document.add_paragraph()
    heading.add_run("Versements de la période {{ period.label }}").bold = True
    heading.paragraph_format.keep_with_next = True
    tag(document, "for r in period.rules")
    rule = document.add_paragraph(style="List Bullet")
    rule.add_run("{{ r.financer }} : ").bold = True
    rule.add_run("{{ r.text }}")
    tag(document, "endfor")
    tag(document, "endfor")
    document.add_paragraph(
        "Aucun financeur ne compense de droit la défaillance d'un autre : si l'un d'eux verse "
        "moins que prévu, ou ne verse pas, la différence n'est pas mise à la charge des autres, "
        "sauf avenant."
    )
    write_imputations(document)
    document.add_heading("Compte de versement", 2)
    document.add_paragraph(
        "Les participations sont versées, selon les procédures comptables en vigueur, sur le "
        "compte de l'employeur :"
    ).paragraph_format.keep_with_next = True
    blocks.bank(document)
    document.add_heading("Reversement", 2)
    paragraphs(
        document,
        [
            "Si les justificatifs prévus ne sont pas produits, si l'action n'est pas exécutée "
            "en tout ou partie, si les crédits versés ne sont pas consommés, ou si le projet est "
            "substantiellement modifié sans l'accord écrit des financeurs, chacun d'eux peut, "
            "après examen des justificatifs et après avoir entendu l'employeur, exiger le "
            "reversement de tout ou partie des sommes versées, suspendre sa participation ou en "
            "réduire le montant.",
            "Le refus de communiquer le compte rendu financier ou les comptes entraîne la "
            "suppression de la subvention.",
        ],
    )


def write_imputations(document):
    """The budget imputation of the State's (or any) participation, when the file gives it."""
    tag(document, "if imputations")
    document.add_heading("Imputation budgétaire", 2)
    tag(document, "for i in imputations")
    document.add_paragraph(
        "Participation du financeur « {{ i.financer }} » :"
    ).paragraph_format.keep_with_next = True
    loop_table(
        document,
        [("Donnée", 6), ("Valeur", 11)],
        "r in i.rows",
        ["{{ r.label }}", "{{ r.value }}"],
    )
    tag(document, "endfor")
    tag(document, "endif")


def write_reporting(document):
    """Article: yearly documents by the sixth month, the FIPD attestation, the pre-assessment."""
    document.add_paragraph(
        "L'employeur adresse à chaque financeur, par voie électronique et au plus tard le "
        "dernier jour du sixième mois qui suit la clôture de chaque exercice (exercice clos le "
        "{{ financial_year_end }}) :"
    ).paragraph_format.keep_with_next = True
    bullets(
        document,
        [
            "le compte rendu financier de l'action (formulaire Cerfa n° 15059, conforme à "
            "l'arrêté du 11 octobre 2006), accompagné d'un compte rendu quantitatif et "
            "qualitatif ;",
            "les comptes annuels et, lorsque la loi l'exige, le rapport du commissaire aux "
            "comptes ;",
            "le rapport d'activité annuel, sans aucune donnée nominative.",
        ],
    )
    tag(document, "if has_fipd")
    document.add_paragraph(
        "Pour le versement du solde de la participation de l'État, lorsque celle-ci dépasse "
        "23 000 €, l'employeur transmet au préfet une attestation signée de son représentant "
        "légal certifiant qu'au moins 60 % du budget initial a été dépensé, avec l'état "
        "récapitulatif des dépenses certifié par la personne habilitée."
    )
    tag(document, "endif")
    tag(document, "if pre_assessment")
    document.add_paragraph(
        "La convention durant plus d'un an, l'employeur remet en outre un pré-bilan, "
        "qualitatif et quantitatif, de l'ensemble de l'action au plus tard le "
        "{{ pre_assessment }}, trois mois avant son terme."
    )
    tag(document, "endif")
    tag(document, "if obligations")
    document.add_paragraph(
        "Documents attendus et dates limites :"
    ).paragraph_format.keep_with_next = True
    loop_table(
        document,
        [("Document", 11), ("Date limite", 6)],
        "o in obligations",
        ["{{ o.document }}", "{{ o.due }}"],
    )
    tag(document, "endif")
    document.add_paragraph(
        "L'employeur conserve les pièces justificatives originales, en remet copie à tout "
        "financeur qui la demande et produit, sur demande, tout document établissant la "
        "réalité de l'action financée."
    )


def write_avenants(document):
    """Article: changes only by avenant, registered letter, two months to answer."""
    paragraphs(
        document,
        [
            "La présente convention ne peut être modifiée que par avenant. La partie qui "
            "souhaite une modification en fait la demande aux autres par lettre recommandée avec "
            "accusé de réception, en précisant son objet, ses motifs et ses conséquences. Les "
            "autres parties disposent de deux mois à compter de l'envoi de cette demande pour "
            "l'accepter, dans la même forme.",
            "Les avenants sont numérotés. Chacun fait partie intégrante de la convention et "
            "reste soumis à celles de ses stipulations qu'il ne modifie pas.",
        ],
    )


def write_disputes(document):
    """Article: continuity, mediation, notice + two months, pro-rata refund, the court."""
    paragraphs(
        document,
        [
            "En cas de désaccord entre les parties, l'employeur maintient la continuité du "
            "service jusqu'à ce qu'une solution soit trouvée. Avant toute résiliation, une "
            "médiation peut être engagée à la demande de l'une des parties.",
            "Si une partie manque à l'une de ses obligations, toute autre partie peut la mettre "
            "en demeure de s'y conformer par lettre recommandée avec accusé de réception. Si "
            "cette mise en demeure reste sans effet pendant deux mois, la convention peut être "
            "résiliée de plein droit, sans préjudice des autres droits des parties.",
            "En cas de résiliation, chaque financeur peut exiger de l'employeur la restitution "
            "des sommes versées et non employées, au prorata de la durée d'action non réalisée : "
            "pour chaque période, en proportion des jours restant à courir après la date de "
            "résiliation.",
            "À défaut d'accord amiable, tout litige né de l'exécution de la présente convention "
            "est porté devant la juridiction compétente : {{ court }}.",
        ],
    )


def write_signatures(document):
    """The signature block: one row per signatory."""
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_before = Pt(12)
    blocks.signatures(document, "Fait en {{ copies }} exemplaires originaux, à ……, le ……")


ARTICLE_WRITERS = {
    "financial": write_financial,
    "reporting": write_reporting,
    "avenants": write_avenants,
    "disputes": write_disputes,
}
