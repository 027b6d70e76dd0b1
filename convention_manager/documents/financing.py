"""The financing of a convention written out for its documents: per period, the cost lines, each
financer's amount in figures and in words, its share, its cap, and the payment rule that applies.

Pure, like `context`: it reads the schedule mapping of `services.reports.schedule` and the facts
of `services.documents.convention_facts`; both the convention and its avenants use it.
"""

from convention_manager import formatting, labels
from convention_manager.documents.context import (
    BLANK,
    amount,
    as_decimal,
    financer_name,
    label,
    ratio,
    text,
    when,
    words,
)
from convention_manager.rules.payments import FIPD_SINGLE_PAYMENT_LIMIT
from convention_manager.rules.terms import FIPD

COST_LABELS = {
    "salary": "Salaire et charges",
    "travel": "Frais de déplacement",
    "training": "Formation",
    "admin_fees": "Frais de gestion administrative",
}
CONDITION_PHRASES = {
    "notification": "à la notification de l'acte attributif",
    "signature_and_budget_vote": (
        "après la signature de la présente convention et le vote du budget annuel du financeur"
    ),
    "budget_vote": "après le vote du budget annuel du financeur",
    "spend_attestation": "sur attestation des dépenses engagées",
    "on_request": "sur demande de l'employeur",
}
IMPUTATION_LABELS = {
    "programme": "Programme budgétaire",
    "uo": "Unité opérationnelle (UO)",
    "cost_centre": "Centre de coût",
    "functional_domain": "Domaine fonctionnel",
    "activity_code": "Code d'activité",
    "authorising_officer": "Ordonnateur de la dépense",
    "accountant": "Comptable assignataire",
}
PROGRAMME_NAMES = {"216": "« Conduite et pilotage des politiques de l'intérieur »"}


def names_of(facts):
    """Party key -> name."""
    return {p.get("key"): p.get("name") for p in facts.get("parties") or ()}


def periods(report, facts):
    """Every period of the report with its costs, shares, gap and payment rules, in French.

    The payment rules read `facts["planned_payments"]` (the payments as the rules plan them)
    when given, else the report's payments: once a payment is recorded, an avenant may leave a
    paid amount and a refund where the convention states one payment.
    """
    names = names_of(facts)
    stated = {p.get("label"): p for p in facts.get("periods") or ()}
    planned = facts.get("planned_payments")
    if planned is None:
        planned = report.get("payments") or ()
    return [
        _period(period, stated.get(period.get("label")) or {}, report, planned, names)
        for period in report.get("periods") or ()
    ]


def _period(period, stated, report, planned, names):
    """One period; its rules read the plan, its payment table what is recorded."""
    label_ = period.get("label")
    lines = {line.get("financer"): line for line in stated.get("funding") or ()}
    payments = [p for p in report.get("payments") or () if p.get("period") == label_]
    plan = [p for p in planned if p.get("period") == label_]
    gap = as_decimal(period.get("gap"))
    shares = period.get("shares") or ()
    return {
        "label": text(label_),
        "start": when(period.get("start"), BLANK),
        "end": when(period.get("end"), BLANK),
        "costs": [_cost(c) for c in stated.get("costs") or ()],
        "total_cost": amount(period.get("total_cost")),
        "total_cost_words": words(period.get("total_cost")),
        "shares": [_share(s, lines.get(s.get("financer")) or {}, names) for s in shares],
        "funded": amount(period.get("funded")),
        "funded_words": words(period.get("funded")),
        "funded_percent": ratio(period.get("funded"), period.get("total_cost")),
        "has_gap": bool(gap),
        "gap": amount(period.get("gap")),
        "gap_words": words(abs(gap) if gap is not None else None),
        "rules": [
            _rule(share, lines.get(share.get("financer")) or {}, plan, names) for share in shares
        ],
        "payments": [_payment(p, names) for p in payments],
    }


def _cost(cost):
    kind = cost.get("kind") or ""
    return {
        "label": COST_LABELS.get(kind) or text(kind.replace("_", " ").capitalize()),
        "amount": amount(cost.get("amount")),
    }


def _share(share, line, names):
    return {
        "financer": financer_name(share.get("financer"), names),
        "amount": amount(share.get("amount")),
        "words": words(share.get("amount")),
        "percent": formatting.percent(as_decimal(share.get("percent"))) or BLANK,
        "basis": basis(share, line),
    }


def basis(share, line):
    """How the amount was set: voted, fixed, a share of the cost or requested; with its cap."""
    kind = share.get("basis")
    if kind == "voted":
        result = "montant voté"
        requested = as_decimal(line.get("requested"))
        if requested is not None and requested != as_decimal(line.get("voted")):
            result += f" ({amount(requested)} demandés)"
    elif kind == "share":
        result = f"{share_text(line.get('share'))} du coût de la période"
    elif kind == "requested":
        result = "montant demandé, vote en attente"
    else:
        result = "montant forfaitaire"
    if line.get("cap") is not None:
        result += f", dans la limite de {amount(line['cap'])}"
        if share.get("capped"):
            result += " (plafond atteint)"
    return result


def share_text(share):
    """A share as written in French: "1/3", "41 %", "33,5 %"."""
    value = text(share).replace(".", ",")
    return value.replace("%", "\xa0%") if "%" in value and "\xa0%" not in value else value


def is_fipd(line):
    """True when the line is the State's FIPD participation."""
    return (line.get("fund") or "").upper() == FIPD


def _rule(share, line, payments, names):
    key = share.get("financer")
    own = [p for p in payments if p.get("financer") == key and p.get("kind") != "refund"]
    return {"financer": financer_name(key, names), "text": payment_rule(line, own)}


def payment_rule(line, payments):
    """The sentence saying when a financer's participation for one period is paid."""
    if not payments:
        return "Aucun versement n'est prévu sur cette période."
    kinds = [p.get("kind") for p in payments]
    limit = amount(FIPD_SINGLE_PAYMENT_LIMIT)
    if is_fipd(line) and kinds == ["single"]:
        return (
            f"Participation au titre du FIPD n'excédant pas {limit} : elle est versée en une "
            f"seule fois, soit {amount(payments[0].get('amount'))}, à la notification de l'acte "
            "attributif de subvention."
        )
    if is_fipd(line) and kinds == ["advance", "balance"]:
        advance, balance = payments
        return (
            f"Participation au titre du FIPD supérieure à {limit} : un acompte de 75 %, soit "
            f"{amount(advance.get('amount'))}, est versé à la notification de l'acte attributif ; "
            f"le solde, soit {amount(balance.get('amount'))}, est versé lorsque l'employeur a "
            "transmis une attestation signée certifiant qu'il a dépensé au moins 60 % du budget "
            f"initial de la période, soit {amount(balance.get('spend_threshold'))}, accompagnée "
            "de l'état récapitulatif des dépenses."
        )
    phrases = [_payment_phrase(p) for p in payments]
    sentence = " ; ".join(phrases) + "."
    return sentence[0].upper() + sentence[1:]


def _payment_phrase(payment):
    kind = payment.get("kind")
    name = label(labels.KIND, kind)
    if kind == "tranche" and payment.get("tranche"):
        name = f"{name} n°{payment['tranche']}"
    condition = payment.get("condition")
    if condition == "date":
        phrase = f"le {when(payment.get('due'), BLANK)}"
    else:
        phrase = CONDITION_PHRASES.get(condition) or label(labels.CONDITION, condition)
    return f"{name} de {amount(payment.get('amount'))} {phrase}"


def _payment(payment, names):
    kind = label(labels.KIND, payment.get("kind"))
    if payment.get("kind") == "tranche" and payment.get("tranche"):
        kind = f"{kind} n°{payment['tranche']}"
    condition = label(labels.CONDITION, payment.get("condition"))
    if payment.get("spend_threshold"):
        condition = f"{condition} (au moins {amount(payment['spend_threshold'])} dépensés)"
    if payment.get("condition") == "date":
        condition = f"le {when(payment.get('due'), BLANK)}"
    return {
        "financer": financer_name(payment.get("financer"), names),
        "kind": kind,
        "condition": condition,
        "amount": amount(payment.get("amount")),
    }


def imputations(facts):
    """The budget imputation of each funding line that has one, each distinct one once."""
    names = names_of(facts)
    found = {}
    for period in facts.get("periods") or ():
        for line in period.get("funding") or ():
            data = line.get("imputation")
            if data:
                key = (line.get("financer"), tuple(sorted(data.items())))
                found.setdefault(key, []).append(period.get("label"))
    distinct_financers = [financer for financer, _ in found]
    return [
        {
            "financer": _imputation_owner(financer, labels_, names, distinct_financers),
            "rows": [_imputation_row(k, dict(items).get(k)) for k in IMPUTATION_LABELS],
        }
        for (financer, items), labels_ in found.items()
    ]


def _imputation_owner(financer, period_labels, names, financers):
    name = financer_name(financer, names)
    if financers.count(financer) > 1:
        return f"{name} (période {', '.join(period_labels)})"
    return name


def _imputation_row(key, value):
    if key == "programme" and value in PROGRAMME_NAMES:
        value = f"{value} {PROGRAMME_NAMES[value]}"
    return {"label": IMPUTATION_LABELS[key], "value": text(value)}
