"""The convention's annex, the job description (fiche de poste), on a page of its own."""

from docx.shared import Pt

from .common import bullets, labelled, paragraphs

SECTIONS = (
    (
        "Contexte",
        [
            "L'intervention sociale en commissariat et en gendarmerie relève de la politique "
            "publique de prévention de la délinquance et de la récidive, de lutte contre les "
            "violences intrafamiliales et les violences faites aux femmes, et du soutien aux "
            "personnes en difficulté. Dispositif d'action sociale au sens de l'article "
            "L. 121-1-1 du code de l'action sociale et des familles, elle complète l'aide aux "
            "victimes sans s'y substituer.",
        ],
        None,
    ),
    (
        "Finalité du poste",
        [
            "Dans les locaux mêmes des forces de sécurité, l'intervenant social répond en temps "
            "réel, souvent dans l'urgence, aux difficultés sociales des personnes qui s'y "
            "présentent ou qui lui sont signalées : écoute, évaluation, prévention et "
            "orientation vers les services du territoire. Il reçoit toute personne, majeure ou "
            "mineure, en difficulté sociale, qu'elle soit victime, mise en cause ou proche.",
        ],
        None,
    ),
    (
        "Missions",
        [],
        [
            "accueillir les personnes majeures et mineures en difficulté sociale, victimes ou "
            "mises en cause ;",
            "conduire des entretiens d'écoute, évaluer la demande et la nature des besoins "
            "sociaux ;",
            "intervenir au plus près de la situation, en urgence si besoin : informer, orienter "
            "vers les services sociaux de secteur, les associations spécialisées ou les services "
            "de droit commun, et veiller à la cohérence de la prise en charge ;",
            "faciliter le dialogue entre les forces de sécurité et les acteurs sociaux, "
            "médico-sociaux et éducatifs, grâce à une bonne connaissance du réseau local ;",
            "tenir la grille statistique de l'activité et rédiger le bilan d'activité annuel, "
            "sans donnée nominative, présenté au comité de suivi ;",
            "actualiser ses connaissances des politiques sociales et du droit, participer au "
            "réseau national animé par l'ANISCG, aux réseaux locaux et aux réunions d'équipe de "
            "l'employeur.",
        ],
    ),
    (
        "Compétences",
        [],
        [
            "écoute, évaluation et analyse des situations sociales ;",
            "conduite d'entretien et relation d'aide ;",
            "travail en équipe et en partenariat ;",
            "rédaction de documents techniques et compte rendu statistique de l'activité ;",
            "organisation du travail et hiérarchisation des urgences ;",
            "gestion des situations de crise ;",
            "maîtrise des outils bureautiques.",
        ],
    ),
    (
        "Qualités attendues",
        [],
        [
            "disponibilité, adaptabilité, empathie et sens du contact ;",
            "rigueur, sens de l'organisation et esprit d'initiative ;",
            "résistance au stress et capacité de prendre du recul ;",
            "discrétion et respect du secret professionnel.",
        ],
    ),
    (
        "Connaissances",
        [],
        [
            "les acteurs de la sécurité et de la prévention de la délinquance ;",
            "les partenaires sociaux et médico-sociaux, leurs compétences et leurs dispositifs ;",
            "les dispositifs d'aide aux victimes et de lutte contre les violences "
            "intrafamiliales, sexuelles et conjugales ;",
            "des notions de droit public et de droit des collectivités territoriales (appréciées).",
        ],
    ),
    (
        "Diplôme et formation",
        [
            "Diplôme d'État de travail social : assistant de service social, éducateur "
            "spécialisé ou conseiller en économie sociale et familiale. Une formation "
            "complémentaire en droit, victimologie, psychotraumatologie, criminologie ou "
            "médiation est un atout.",
        ],
        None,
    ),
    (
        "Conditions d'exercice",
        [
            "Accueil physique et téléphonique dans les locaux de l'autorité fonctionnelle, dans "
            "des conditions qui garantissent la confidentialité des échanges. Des visites à "
            "domicile restent exceptionnelles : elles supposent l'accord de l'employeur, "
            "l'information préalable des forces de sécurité et des conditions de sécurité "
            "suffisantes.",
            "L'intervenant social est placé sous l'autorité hiérarchique de son employeur et "
            "sous l'autorité fonctionnelle du service qui l'accueille ; il travaille en lien "
            "étroit avec les policiers ou les gendarmes, dans le respect des obligations légales "
            "et de la déontologie de chacun.",
        ],
        None,
    ),
)


def write(document):
    """The fiche de poste, starting on a new page."""
    title = document.add_heading("Annexe – Fiche de poste", level=1)
    title.paragraph_format.page_break_before = True
    document.add_paragraph("{{ post_title }}", style="Subtitle")
    document.add_heading("Affectation", 2)
    for label, value in (
        ("Autorité fonctionnelle", "{{ functional_authority }}"),
        ("Lieu d'exercice", "{{ workplace }}"),
        ("Territoire", "{{ territory }}"),
        ("Postes", "{{ posts }}, {{ working_time }}"),
    ):
        labelled(document, label, value).paragraph_format.space_after = Pt(1)
    for heading, texts, items in SECTIONS:
        document.add_heading(heading, 2)
        paragraphs(document, texts)
        bullets(document, items or [])
    document.add_heading("Contrat et rémunération", 2)
    for label, value in (
        ("Employeur", "{{ employer }}"),
        ("Durée", "celle de la convention, du {{ start }} au {{ end }}, reconductible"),
        (
            "Rémunération",
            "selon le cadre statutaire ou conventionnel de l'employeur (voir l'article "
            "« Statut, rémunération et temps de travail » de la convention)",
        ),
        ("Contact", "{{ employer }}, {{ employer_representative }}"),
    ):
        labelled(document, label, value).paragraph_format.space_after = Pt(1)
