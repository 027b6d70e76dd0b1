"""The convention template: title, parties, preamble, the twelve articles and the annex.

The articles follow `convention_manager.documents.articles.CONVENTION_ARTICLES`, the list the
avenants use to name the article they modify; Word numbers them through the article style.
Context: `convention_manager.documents.convention_context.convention_context`.
"""

from convention_manager.documents.articles import CONVENTION_ARTICLES

from . import annex, blocks, convention_articles, convention_terms
from .common import labelled, paragraphs, tag
from .styles import NOTE_STYLE, add_article_style, french_spacing, new_document

NAME = "convention"


def build(output):
    """Write the convention template to `output`."""
    document = new_document(
        "Convention de partenariat",
        "{{ reference }} · Convention de partenariat",
        "Convention de partenariat relative à l'intervention sociale en commissariat "
        "et en gendarmerie",
        justified=True,
    )
    add_article_style(document)
    write_title(document)
    write_preamble(document)
    writers = {**convention_articles.ARTICLE_WRITERS, **convention_terms.ARTICLE_WRITERS}
    for key, title in CONVENTION_ARTICLES:
        blocks.article(document, title)
        writers[key](document)
    convention_terms.write_signatures(document)
    annex.write(document)
    french_spacing(document)
    document.save(output)
    return output


def write_title(document):
    """Title, subject, reference and the parties."""
    document.add_paragraph("Convention de partenariat", style="Title")
    document.add_paragraph(
        "relative à l'intervention sociale en commissariat et en gendarmerie", style="Subtitle"
    )
    labelled(document, "Objet", "{{ title }}")
    labelled(document, "Référence", "{{ reference }}")
    tag(document, "if consolidated")
    document.add_paragraph("{{ consolidated }}", style=NOTE_STYLE)
    tag(document, "endif")
    blocks.gap_alert(document, "à ce jour, ")
    document.add_heading("Entre les parties suivantes", level=2)
    blocks.parties(document)


def write_preamble(document):
    """The legal bases and the reasons for the post, in our own words."""
    document.add_heading("Préambule", level=2)
    paragraphs(
        document,
        [
            "Vu le code de l'action sociale et des familles, notamment son article L. 121-1-1 ;",
            "Vu le code pénal, notamment ses articles 226-13 et 226-14 relatifs au secret "
            "professionnel ;",
            "Vu la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs "
            "relations avec les administrations, notamment son article 10, et l'arrêté du "
            "11 octobre 2006 fixant le contenu du compte rendu financier ;",
            "Vu les circulaires interministérielles du 1er août et du 21 décembre 2006 relatives "
            "aux intervenants sociaux dans les commissariats de police et les unités de "
            "gendarmerie ;",
            "Vu le cadre de référence des intervenants sociaux dans les commissariats de police "
            "et les unités de gendarmerie, actualisé en 2025 par le Comité interministériel de "
            "prévention de la délinquance et de la radicalisation ;",
        ],
    )
    tag(document, "if has_fipd")
    document.add_paragraph(
        "Vu les crédits du fonds interministériel de prévention de la délinquance (FIPD), "
        "inscrits au programme 216 « Conduite et pilotage des politiques de l'intérieur » ;"
    )
    tag(document, "endif")
    paragraphs(
        document,
        [
            "Considérant que policiers et gendarmes rencontrent chaque jour des personnes dont "
            "la situation appelle d'abord une réponse sociale ;",
            "Considérant qu'un travailleur social présent dans les locaux mêmes des forces de "
            "sécurité peut offrir à ces personnes une écoute et une orientation immédiates, en "
            "complément du traitement policier ou judiciaire de leur situation ;",
            "Considérant que ce dispositif concourt à la prévention de la délinquance, à la "
            "lutte contre les violences intrafamiliales et les violences faites aux femmes et "
            "au soutien des personnes vulnérables, sans se confondre avec l'aide aux victimes, "
            "qu'il complète ;",
            "Les parties sont convenues de ce qui suit.",
        ],
    )
