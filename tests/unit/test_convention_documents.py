"""The convention's and the avenant's contexts: pure helpers, driven by tables of real cases."""

from datetime import date
from decimal import Decimal

import pytest

from convention_manager.documents import articles, avenant_changes, financing
from convention_manager.documents.avenant_context import avenant_context, modified_articles
from convention_manager.documents.context import BLANK
from convention_manager.documents.convention_context import (
    consolidated_note,
    convention_context,
    duration,
    posts_phrase,
    staffing,
    working_time,
    year_end,
)
from convention_manager.documents.typography import french_spaces

NAMES = {"etat": "État, préfecture du Nord", "nord": "Département du Nord", "asso": "CIDFF 68"}
NBSP = "\xa0"


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (date(2023, 7, 1), date(2023, 12, 31), "six mois"),
        (date(2024, 1, 1), date(2024, 12, 31), "un an"),
        (date(2025, 1, 1), date(2027, 12, 31), "trois ans"),
        (date(2024, 1, 1), date(2025, 6, 30), "un an et six mois"),
        (date(2024, 1, 1), date(2024, 1, 15), "quinze jours"),
        (None, date(2024, 1, 15), BLANK),
    ],
)
def test_duration_in_words(start, end, expected):
    assert duration(start, end) == expected


@pytest.mark.parametrize(
    "fte, expected",
    [
        (Decimal("1.00"), f"à temps plein, soit 35{NBSP}heures par semaine"),
        (
            Decimal("0.50"),
            f"à temps partiel, à raison de 0,50 équivalent temps plein, soit 17{NBSP}h{NBSP}30 "
            f"par semaine sur une base de 35{NBSP}heures",
        ),
        (None, f"à temps plein, soit 35{NBSP}heures par semaine"),
    ],
)
def test_working_time_on_a_35_hour_base(fte, expected):
    assert working_time(fte) == expected


@pytest.mark.parametrize(
    "value, expected",
    [("12-31", "31 décembre"), ("08-31", "31 août"), ("02-28", "dernier jour de février"),
     ("07-01", "1er juillet"), (None, "31 décembre")],
)  # fmt: skip
def test_financial_year_end_in_words(value, expected):
    assert year_end(value) == expected


@pytest.mark.parametrize(
    "count, expected", [(1, "un poste"), (3, "trois postes"), (None, "un poste")]
)
def test_posts_in_words(count, expected):
    assert posts_phrase(count) == expected


def test_staffing_agrees_with_the_number_of_posts():
    assert staffing(1, Decimal("1.00")).startswith("un poste, pourvu à temps plein")
    assert staffing(3, Decimal("1.00")).startswith("trois postes, chacun pourvu à temps plein")


def test_consolidated_note_lists_the_avenants():
    assert consolidated_note([]) == ""
    note = consolidated_note([{"number": 1, "signed": date(2023, 11, 15)}, {"number": 2}])
    assert note == "Texte consolidé, à jour des avenants n°1 du 15 novembre 2023, n°2."


def payment(kind, amount, condition, **extra):
    return {"period": "2024", "financer": "etat", "kind": kind, "amount": amount,
            "condition": condition, **extra}  # fmt: skip


@pytest.mark.parametrize(
    "line, payments, expected",
    [
        ({"fund": "FIPD"}, [payment("single", "7500.00", "notification")],
         "n'excédant pas 23\u202f000,00\xa0€ : elle est versée en une seule fois, soit "
         "7\u202f500,00\xa0€, à la notification"),
        ({"fund": "FIPD"},
         [payment("advance", "49912.50", "notification"),
          payment("balance", "16637.50", "spend_attestation", spend_threshold="105930.00")],
         "un acompte de 75 %, soit 49\u202f912,50\xa0€, est versé à la notification"),
        ({}, [payment("single", "71724.00", "signature_and_budget_vote")],
         "Versement unique de 71\u202f724,00\xa0€ après la signature de la présente convention"),
        ({}, [payment("single", "15000.00", "on_request")],
         "Versement unique de 15\u202f000,00\xa0€ sur demande de l'employeur."),
        ({}, [payment("tranche", "3750.00", "date", tranche=1, due="2024-03-31"),
              payment("tranche", "3750.00", "on_request", tranche=2)],
         "Tranche n°1 de 3\u202f750,00\xa0€ le 31 mars 2024 ; tranche n°2 de 3\u202f750,00\xa0€ "
         "sur demande de l'employeur."),
        ({}, [], "Aucun versement n'est prévu sur cette période."),
    ],
)  # fmt: skip
def test_the_payment_rule_of_each_kind_of_financer(line, payments, expected):
    assert expected in financing.payment_rule(line, payments)


def test_the_fipd_solde_names_the_60_percent_threshold_in_euros():
    rule = financing.payment_rule(
        {"fund": "FIPD"},
        [payment("advance", "49912.50", "notification"),
         payment("balance", "16637.50", "spend_attestation", spend_threshold="105930.00")],
    )  # fmt: skip
    assert "60 % du budget initial de la période, soit 105\u202f930,00\xa0€" in rule


@pytest.mark.parametrize(
    "share, line, expected",
    [
        ({"basis": "share"}, {"share": "1/3", "cap": "7500.00"},
         "1/3 du coût de la période, dans la limite de 7\u202f500,00\xa0€"),
        ({"basis": "share", "capped": True}, {"share": "33.5%", "cap": "7000.00"},
         "33,5\xa0% du coût de la période, dans la limite de 7\u202f000,00\xa0€ (plafond atteint)"),
        ({"basis": "voted"}, {"requested": "75000.00", "voted": "71724.00"},
         "montant voté (75\u202f000,00\xa0€ demandés)"),
        ({"basis": "requested"}, {"requested": "20000.00"}, "montant demandé, vote en attente"),
        ({"basis": "amount"}, {"amount": "8000.00"}, "montant forfaitaire"),
    ],
)  # fmt: skip
def test_how_each_amount_was_set(share, line, expected):
    assert financing.basis(share, line) == expected


def change(path, before, after, article="financial"):
    return {"path": path, "article": article, "before": before, "after": after}


@pytest.mark.parametrize(
    "item, expected",
    [
        (change("end", "2023-12-31", "2024-06-30", "duration"),
         ("La date de fin de la convention", "31 décembre 2023", "30 juin 2024")),
        (change("funding[nord].share", "1/3", "30%"),
         ("La participation du financeur « Département du Nord » pour la période 2023 "
          "(part du coût)", "1/3 du coût", "30\xa0% du coût")),
        (change("periods[2026].funding[etat].cap", None, "9000.00"),
         ("Le plafond de la participation du financeur « État, préfecture du Nord » pour la "
          "période 2026", "néant", "9\u202f000,00\xa0€")),
        (change("costs.salary", "19000.00", "20000.00"),
         ("La ligne de coût « Salaire et charges » pour la période 2023",
          "19\u202f000,00\xa0€", "20\u202f000,00\xa0€")),
        (change("parties[asso].iban", None, "FR7610278030680000006806804", "parties"),
         ("L'IBAN de la partie « CIDFF 68 »", "néant", "FR76 1027 8030 6800 0000 6806 804")),
        (change("parties[asso].representative", "La présidente", "Mme Martin", "parties"),
         ("Le représentant de la partie « CIDFF 68 »", "La présidente", "Mme Martin")),
        (change("employer", "asso", "nord", "parties"),
         ("L'employeur (autorité hiérarchique)", "CIDFF 68", "Département du Nord")),
        (change("fte", "1.00", "0.50", "status"),
         ("Le temps de travail de chaque poste", "temps plein", "0,50 équivalent temps plein")),
        (change("financial_year_end", "12-31", "08-31", "reporting"),
         ("La date de clôture de l'exercice de l'employeur", "31 décembre", "31 août")),
        (change("periods[2027]", None, {"label": "2027", "start": "2027-01-01",
                                        "end": "2027-12-31"}),
         ("La période 2027", "néant", "du 1er janvier 2027 au 31 décembre 2027")),
        (change("funding[etat].imputation.uo", "0216-CIPD-DR59", "0216-CIPD-DR62"),
         ("L'imputation budgétaire de la participation du financeur « État, préfecture du "
          "Nord » pour la période 2023 : unité opérationnelle (UO)",
          "0216-CIPD-DR59", "0216-CIPD-DR62")),
    ],
)  # fmt: skip
def test_each_change_reads_as_french(item, expected):
    described = avenant_changes.describe(item, NAMES, period_label="2023")
    assert (described["what"], described["before"], described["after"]) == expected


@pytest.mark.parametrize(
    "path, article",
    [("end", "duration"), ("court", "disputes"), ("posts", "status"),
     ("employer", "object"), ("parties[asso].iban", "financial"),
     ("parties[asso].title", "parties"), ("signatories", "parties"),
     ("periods[2024].costs.travel", "financial"), ("financial_year_end", "reporting"),
     ("something_new", "other")],
)  # fmt: skip
def test_each_change_belongs_to_an_article_of_the_convention(path, article):
    assert avenant_changes.article_of({"path": path}) == article


def test_changes_are_grouped_by_article_in_the_conventions_order():
    grouped = modified_articles(
        [change("funding[nord].share", "1/3", "30%"), change("end", "2023-12-31", "2024-06-30"),
         change("costs.travel", "1500", "2000"),
         change("parties[asso].title", "Président", "Présidente")],
        NAMES,
    )  # fmt: skip
    assert [g["heading"] for g in grouped] == [
        "Désignation des parties",
        f"Modification de l'article {articles.number('duration')} de la convention",
        f"Modification de l'article {articles.number('financial')} de la convention",
    ]
    assert len(grouped[2]["changes"]) == 2
    assert grouped[2]["intro"] == (
        "L'article 9 de la convention, « Modalités financières », est modifié comme suit :"
    )


def test_an_almost_empty_convention_prints_blanks_never_none():
    context = convention_context({"reference": "X"}, {"parties": [{"key": "a", "name": "A"}]})
    avenant = avenant_context({}, {}, {"number": 1})
    for value in (*_strings(context), *_strings(avenant)):
        assert "None" not in value
    assert context["parties"][0]["representative"] == BLANK
    assert context["court"] == BLANK and context["bank"]["iban"] == BLANK


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    else:
        yield str(value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Objet : suivi ; 75 % « oui »", "Objet\xa0: suivi\xa0; 75\xa0% «\xa0oui\xa0»"),
        ("{%p if has_gap %}", "{%p if has_gap %}"),
        ("{%tr for s in shares %}", "{%tr for s in shares %}"),
        ("7 500,00 €", "7 500,00\xa0€"),
    ],
)
def test_french_spaces_spare_the_template_tags(text, expected):
    assert french_spaces(text) == expected
