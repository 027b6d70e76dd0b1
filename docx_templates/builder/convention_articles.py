"""The convention's first eight articles: object, duration, missions, profile, legal frame,
status, premises and follow-up committee, in the order of `documents.articles`."""

from .common import bullets, labelled, paragraphs, tag


def write_object(document):
    """Article: what is created, where, and the two authorities."""
    paragraphs(
        document,
        [
            "Par la présente convention, les parties créent et financent {{ posts }} "
            "d'{{ post_label }} sur le territoire suivant : {{ territory }}.",
            "L'intervenant social exerce ses fonctions les jours ouvrés, dans les locaux de "
            "l'autorité fonctionnelle ({{ workplace }}). La convention fixe ses missions, ses "
            "conditions d'exercice, le financement du poste et les documents que l'employeur "
            "doit produire.",
        ],
    )
    labelled(document, "Autorité hiérarchique (employeur)", "{{ employer }}")
    labelled(document, "Autorité fonctionnelle", "{{ functional_authority }}")
    document.add_paragraph(
        "Ces deux autorités restent distinctes : l'employeur recrute l'intervenant social, le "
        "rémunère et assure le suivi administratif du poste ; l'autorité fonctionnelle organise "
        "son activité au quotidien et lui garantit, dans la durée, les moyens de travailler."
    )


def write_duration(document):
    """Article: dates, length, and what continuation each year depends on."""
    document.add_paragraph(
        "La présente convention prend effet le {{ start }} et prend fin le {{ end }}, soit une "
        "durée de {{ duration }}. Elle régit les engagements réciproques des parties pendant "
        "cette période."
    )
    tag(document, "if multi_period")
    document.add_paragraph(
        "Le financement est arrêté période par période. Aucune participation n'est acquise "
        "d'une année sur l'autre : celle de l'État, en particulier, est décidée chaque année "
        "par un acte attributif."
    )
    tag(document, "endif")
    document.add_paragraph(
        "La poursuite de l'action d'une année sur l'autre, comme la conclusion d'une nouvelle "
        "convention à son terme, suppose réunies les conditions suivantes :"
    )
    tag(document, "if has_fipd")
    bullets(
        document,
        ["l'ouverture en loi de finances des crédits du FIPD nécessaires à la part de l'État ;"],
    )
    tag(document, "endif")
    bullets(
        document,
        [
            "le vote, par chaque collectivité financeuse, des crédits correspondants à son "
            "budget ;",
            "la production, chaque année, d'un bilan d'activité attestant du service fait ;",
            "la remise du compte rendu financier de l'exercice écoulé, sans lequel aucune "
            "nouvelle subvention ne peut être accordée pour la même action.",
        ],
    )


def write_missions(document):
    """Article: who the worker helps, the three functions, the limits of the role."""
    document.add_paragraph(
        "L'intervenant social vient en aide aux personnes, majeures ou mineures, qui "
        "connaissent une difficulté sociale et sont en contact avec les services de police ou "
        "de gendarmerie : victimes, personnes mises en cause, ou leurs proches. Les situations "
        "lui sont signalées par ces services, lui sont adressées par d'autres intervenants, ou "
        "lui sont présentées par les personnes elles-mêmes."
    )
    document.add_paragraph("Son action s'organise autour de trois fonctions :")
    bullets(
        document,
        [
            "accueillir et écouter les personnes, sur place ou par téléphone, et évaluer leurs "
            "besoins sociaux, dans l'urgence si nécessaire ;",
            "les informer, les conseiller et les orienter vers les services en mesure d'y "
            "répondre ;",
            "assurer le lien avec les partenaires du territoire : services sociaux, santé, "
            "logement, accès au droit, justice, associations.",
        ],
    )
    paragraphs(
        document,
        [
            "Son intervention, de court terme, repose sur la libre adhésion des personnes. Elle "
            "complète, sans s'y substituer, les procédures des services de police et de "
            "gendarmerie, l'aide aux victimes et les services sociaux de droit commun. "
            "L'intervenant social n'accomplit aucun acte de police administrative ou "
            "judiciaire.",
            "Face à des violences au sein du couple, il ne prend pas en charge en même temps la "
            "victime et l'auteur : la victime est reçue en priorité, et un éventuel "
            "accompagnement de l'auteur n'intervient qu'une fois celui de la victime achevé.",
            "Il établit chaque année un bilan d'activité, statistique et qualitatif, remis aux "
            "parties, qui contribue à l'observation des violences et des difficultés sociales "
            "sur le territoire.",
        ],
    )


def write_profile(document):
    """Article: the annexed job description, the diploma, the selection, full funding first."""
    paragraphs(
        document,
        [
            "Le profil attendu est décrit par la fiche de poste jointe en annexe, qui fait "
            "partie intégrante de la présente convention.",
            "L'intervenant social est titulaire d'un diplôme d'État de travail social (assistant "
            "de service social, éducateur spécialisé ou conseiller en économie sociale et "
            "familiale). Une expérience confirmée et des connaissances en droit, en victimologie "
            "ou en psychotraumatologie sont appréciées.",
            "L'employeur conduit le recrutement et en décide, après avis d'une commission de "
            "sélection comprenant au moins un représentant de l'employeur et un représentant de "
            "l'autorité fonctionnelle. L'Association nationale d'intervention sociale en "
            "commissariat et gendarmerie (ANISCG) peut y apporter son expertise.",
        ],
    )
    document.add_paragraph().add_run(
        "Le recrutement ne peut intervenir qu'une fois le poste financé à 100 % et son lieu "
        "d'exercice arrêté."
    ).bold = True
    document.add_paragraph(
        "Avant sa prise de fonction, l'intervenant social effectue un stage d'observation "
        "organisé par l'autorité fonctionnelle. Il est encouragé à suivre les formations de "
        "l'ANISCG et prend part aux réseaux professionnels animés localement par l'État et les "
        "collectivités."
    )


def write_ethics(document):
    """Article: status by employer, professional secrecy, no inquiry, no nominative data."""
    paragraphs(
        document,
        [
            "{{ employer_status }}",
            "Il est tenu au secret professionnel dans les conditions prévues par les articles "
            "226-13 et 226-14 du code pénal. Il exerce selon les règles éthiques et "
            "déontologiques du travail social et respecte en outre les règles de secret et de "
            "confidentialité propres aux services de police et de gendarmerie.",
            "Les personnes sont reçues dans un cadre confidentiel et avec leur accord ; aucune "
            "information les concernant n'est transmise à un tiers sans leur consentement "
            "éclairé, hors les cas prévus par la loi.",
            "L'intervenant social ne prend part à aucune investigation conduite dans le cadre "
            "d'une enquête judiciaire. Il n'a pas d'accès direct aux fichiers des services de "
            "police et de gendarmerie : il ne prend connaissance des informations utiles à son "
            "intervention que par l'intermédiaire d'un agent habilité, dans la limite de ce que "
            "sa mission exige.",
            "Les bilans, grilles d'activité et autres documents remis aux parties ne comportent "
            "aucune donnée nominative, directe ou indirecte, sur les personnes accompagnées.",
            "À titre exceptionnel, et si sa sécurité est assurée, l'intervenant social peut "
            "rencontrer une personne à son domicile ou à l'hôpital, avec l'accord de "
            "l'employeur et après en avoir informé les forces de sécurité.",
        ],
    )


def write_status(document):
    """Article: working time, salary paid by the employer, notice of changes."""
    paragraphs(
        document,
        [
            "La convention porte sur {{ staffing }}.",
            "L'employeur ({{ employer }}) verse le salaire et les charges afférentes, établit "
            "les bulletins de paie et assure la gestion administrative du poste. Le "
            "professionnel recruté conserve, le cas échéant, ses conditions statutaires ou "
            "conventionnelles.",
            "Le niveau de rémunération tient compte de la sensibilité du poste et de l'intérêt "
            "de le pérenniser ; l'ANISCG peut être consultée pour le fixer.",
            "Les horaires de présence sont arrêtés d'un commun accord entre l'employeur et "
            "l'autorité fonctionnelle. L'intervenant social n'assure ni astreinte ni "
            "intervention de nuit.",
            "L'employeur informe sans délai les financeurs de toute modification du contrat de "
            "travail de l'intervenant social (temps de travail, démission, licenciement) et de "
            "toute interruption de son activité au-delà de deux semaines, congés légaux "
            "exceptés.",
        ],
    )


def write_premises(document):
    """Article: what the functional authority provides, outside the post's cost."""
    document.add_paragraph(
        "L'autorité fonctionnelle ({{ functional_authority }}) accueille l'intervenant social "
        "dans ses locaux et met à sa disposition, sans contrepartie financière :"
    )
    bullets(
        document,
        [
            "un bureau qui lui est réservé et qui permet des entretiens confidentiels ;",
            "un téléphone fixe ou mobile ;",
            "un ordinateur ;",
            "les fournitures et le matériel administratif nécessaires.",
        ],
    )
    document.add_paragraph(
        "Ces moyens n'entrent pas dans le coût du poste. Les frais de déplacement de "
        "l'intervenant social, qu'il utilise un véhicule de service ou son véhicule personnel, "
        "sont à la charge de l'employeur et sont compris dans ce coût."
    )


def write_committee(document):
    """Article: one representative of each party, a yearly review of the activity report."""
    document.add_paragraph("Un comité de suivi réunit un représentant de chacune des parties :")
    tag(document, "for p in parties")
    document.add_paragraph("{{ p.name }}", style="List Bullet")
    tag(document, "endfor")
    paragraphs(
        document,
        [
            "Il se réunit au moins une fois par an. Il examine le bilan d'activité de "
            "l'intervenant social et peut formuler des recommandations pour améliorer ses "
            "conditions d'intervention, dans le respect des missions fixées par la convention.",
            "Le bilan d'activité et les observations du comité sont communiqués au procureur "
            "de la République territorialement compétent et présentés au conseil local, "
            "intercommunal ou départemental de prévention de la délinquance.",
        ],
    )


ARTICLE_WRITERS = {
    "object": write_object,
    "duration": write_duration,
    "missions": write_missions,
    "profile": write_profile,
    "ethics": write_ethics,
    "status": write_status,
    "premises": write_premises,
    "committee": write_committee,
}
