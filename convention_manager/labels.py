"""French labels for the codes of the model, shared by pages, documents and the terminal."""

CONVENTION_STATUS = {
    "draft": "brouillon",
    "signed": "signée",
    "active": "en cours",
    "ended": "terminée",
    "terminated": "résiliée",
}
KIND = {
    "single": "versement unique",
    "advance": "acompte",
    "balance": "solde",
    "tranche": "tranche",
    "refund": "reversement",
    "financial_report": "compte rendu financier",
    "activity_report": "rapport d'activité",
    "fipd_spend_attestation": "attestation de dépenses FIPD (60 %)",
    "pre_assessment": "pré-bilan",
}
CONDITION = {
    "notification": "à la notification de l'acte attributif",
    "signature_and_budget_vote": "après signature et vote du budget",
    "budget_vote": "après le vote du budget",
    "spend_attestation": "sur attestation de dépenses",
    "date": "à date fixe",
    "on_request": "sur demande",
}
STATUS = {
    "planned": "prévu",
    "requested": "demandé",
    "ordered": "mandaté",
    "paid": "payé",
    "pending": "à envoyer",
    "sent": "envoyé",
    "received": "reçu",
    "late": "en retard",
    "upcoming": "à venir",
}
USER_ROLE = {
    "admin": "administration",
    "drafter": "rédaction",
    "finance": "finances",
    "association": "association",
}
PARTY_ROLE = {
    "financer": "financeur",
    "employer": "employeur (autorité hiérarchique)",
    "functional_authority": "autorité fonctionnelle",
    "signatory": "signataire",
}


def template_globals():
    """Labels made available to every page template."""
    return {
        "status_labels": CONVENTION_STATUS,
        "kind_labels": KIND,
        "condition_labels": CONDITION,
        "state_labels": STATUS,
        "role_labels": USER_ROLE,
    }
