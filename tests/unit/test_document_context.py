"""The échéancier's template context: everything already written in French, nothing left as None."""

from datetime import date

import pytest

from convention_manager.documents.context import BLANK, UNTIL_CONDITION, schedule_context

HOSTILE = 'CIDFF 68 & <script>alert("x")</script> l\'association'

FACTS = {
    "reference": "NORD-CA2C-2023",
    "title": "Intervenant social en gendarmerie, compagnies du Caudrésis et du Catésis",
    "territory": "Nord",
    "start": date(2023, 7, 1),
    "end": date(2023, 12, 31),
    "employer": HOSTILE,
    "parties": [
        {"key": "etat", "name": "État, préfecture du Nord", "kind": "state",
         "representative": "Georges-François Leclerc", "title": "Préfet du Nord"},
        {"key": "nord", "name": "Département du Nord", "kind": "department",
         "representative": None, "title": None},
        {"key": "asso", "name": HOSTILE, "kind": "association",
         "representative": "", "title": "Présidente"},
    ],
}  # fmt: skip


def share(financer, amount, percent):
    return {"financer": financer, "amount": amount, "percent": percent}


def payment(financer, kind, amount, condition, due=None, **extra):
    base = dict(
        period="2023", financer=financer, kind=kind, tranche=0, amount=amount,
        condition=condition, due=due, status="planned",
    )  # fmt: skip
    return base | extra


REPORT = {
    "reference": "NORD-CA2C-2023",
    "status": "draft",
    "total_cost": "22500.00",
    "funded": "21000.00",
    "gap": "1500.00",
    "fully_funded": False,
    "admin_fee_rate": "6.67",
    "shares": [
        share("etat", "7500.00", "33.33"),
        share("nord", "7500.00", "33.33"),
        share("ca2c", "6000.00", "26.67"),
    ],
    "periods": [
        {"label": "2023", "start": "2023-07-01", "end": "2023-12-31",
         "total_cost": "22500.00", "funded": "21000.00", "gap": "1500.00",
         "shares": [share("etat", "7500.00", "33.33")]},
    ],
    "payments": [
        payment("etat", "advance", "5625.00", "notification", "2023-09-01"),
        payment("etat", "balance", "1875.00", "spend_attestation", spend_threshold="13500.00"),
        payment("nord", "tranche", "7500.00", "date", "2024-03-31", tranche=2),
        payment("ca2c", "single", "6000.00", "on_request"),
    ],
    "obligations": [
        {"kind": "financial_report", "subject": "2023-12-31", "due": "2024-06-30",
         "status": "pending"},
        {"kind": "fipd_spend_attestation", "subject": "2023", "due": None, "status": "sent"},
        {"kind": "pre_assessment", "subject": "", "due": "2026-09-30", "status": "received"},
    ],
    "warnings": [
        {"code": "financing_gap", "message": "Période 2023 : financement incomplet.",
         "period": "2023"},
    ],
}  # fmt: skip


@pytest.fixture
def context():
    return schedule_context(REPORT, FACTS)


def leaves(value):
    """Every scalar of a nested context."""
    if isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)
    else:
        yield value


def test_every_value_is_text_or_a_flag_and_never_none(context):
    for value in leaves(context):
        assert isinstance(value, str | bool), value
        if isinstance(value, str):
            assert value.strip()
            assert "None" not in value


def test_totals_are_in_french_figures_and_words(context):
    assert context["total_cost"] == "22\u202f500,00\xa0€"
    assert context["total_cost_words"] == "vingt-deux mille cinq cents euros"
    assert context["funded"] == "21\u202f000,00\xa0€"
    assert context["funded_words"] == "vingt et un mille euros"
    assert context["funded_percent"] == "93,33\xa0%"
    assert context["admin_fee_rate"] == "6,67\xa0%"


def test_the_gap_is_flagged_with_its_amount_in_words(context):
    assert context["has_gap"] is True
    assert context["gap"] == "1\u202f500,00\xa0€"
    assert context["gap_words"] == "mille cinq cents euros"


def test_no_gap_when_fully_funded():
    context = schedule_context(dict(REPORT, gap="0.00"), FACTS)
    assert context["has_gap"] is False
    assert context["gap"] == "0,00\xa0€"


def test_shares_carry_financer_names_amounts_and_percentages(context):
    assert context["shares"][0] == {
        "financer": "État, préfecture du Nord",
        "amount": "7\u202f500,00\xa0€",
        "percent": "33,33\xa0%",
    }
    # A financer the facts do not name keeps its key rather than vanishing.
    assert context["shares"][2]["financer"] == "ca2c"


def test_convention_facts_are_dated_in_words(context):
    assert (context["start"], context["end"]) == ("1er juillet 2023", "31 décembre 2023")
    assert context["status"] == "brouillon"
    period = context["periods"][0]
    assert (period["label"], period["start"], period["end"]) == (
        "2023",
        "1er juillet 2023",
        "31 décembre 2023",
    )


def test_payments_are_grouped_by_period_with_french_labels(context):
    advance, balance, tranche, single = context["periods"][0]["payments"]
    assert advance == {
        "financer": "État, préfecture du Nord",
        "kind": "acompte",
        "condition": "à la notification de l'acte attributif",
        "due": "1er septembre 2023",
        "amount": "5\u202f625,00\xa0€",
        "status": "prévu",
    }
    assert balance["kind"] == "solde"
    assert balance["condition"] == (
        "sur attestation de dépenses (au moins 13\u202f500,00\xa0€ dépensés)"
    )
    assert balance["due"] == UNTIL_CONDITION
    assert tranche["kind"] == "tranche n°2"
    assert tranche["due"] == "31 mars 2024"
    assert single["condition"] == "sur demande"


def test_obligations_name_the_document_and_what_it_covers(context):
    report, attestation, pre_assessment = context["obligations"]
    assert report == {
        "document": "compte rendu financier, exercice clos le 31 décembre 2023",
        "due": "30 juin 2024",
        "status": "à envoyer",
    }
    assert attestation["document"] == "attestation de dépenses FIPD (60 %), période 2023"
    assert attestation["due"] == "dès 60 % du coût de la période dépensés"
    assert attestation["status"] == "envoyé"
    assert pre_assessment["document"] == "pré-bilan"
    assert pre_assessment["status"] == "reçu"


def test_missing_facts_print_as_a_visible_blank(context):
    nord, asso = context["parties"][1], context["parties"][2]
    assert (nord["representative"], nord["title"]) == (BLANK, BLANK)
    assert asso["representative"] == BLANK
    empty = schedule_context({}, {})
    assert (empty["reference"], empty["title"], empty["start"], empty["total_cost"]) == (
        BLANK,
        BLANK,
        BLANK,
        BLANK,
    )
    assert empty["shares"] == empty["periods"] == empty["warnings"] == []


def test_hostile_text_passes_through_unchanged(context):
    # Escaping is the renderer's job (autoescape); the context keeps the text as typed.
    assert context["employer"] == HOSTILE
    assert context["parties"][2]["name"] == HOSTILE
    assert context["parties"][2]["kind"] == "association"


def test_warnings_are_their_french_messages(context):
    assert context["warnings"] == ["Période 2023 : financement incomplet."]


def test_iso_and_date_facts_read_alike():
    iso = schedule_context(REPORT, dict(FACTS, start="2023-07-01", end="2023-12-31"))
    assert (iso["start"], iso["end"]) == ("1er juillet 2023", "31 décembre 2023")
