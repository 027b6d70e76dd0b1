"""Plain-text French rendering of the schedule and deadlines, for people at a terminal."""

from datetime import date
from decimal import Decimal

from convention_manager.formatting import long_date, money, number, percent
from convention_manager.labels import CONDITION as CONDITION_LABELS
from convention_manager.labels import KIND as KIND_LABELS
from convention_manager.labels import STATUS as STATUS_LABELS


def _when(iso):
    return long_date(date.fromisoformat(iso)) if iso else "date à venir"


def _relative(days):
    """How far the date is from today, in French: "en retard de 1 646 j", "dans 30 j"."""
    if days < 0:
        return f"en retard de {number(-days, 0)} j"
    return "aujourd'hui" if days == 0 else f"dans {number(days, 0)} j"


def _obligation_label(obligation):
    label = KIND_LABELS[obligation["kind"]]
    if obligation["kind"] == "fipd_spend_attestation":
        return f"{label} {obligation['subject']}"
    return label


def schedule(report):
    """The schedule of one convention as lines of French text."""
    lines = [
        f"{report['reference']} — coût total {money(Decimal(report['total_cost']))}, "
        f"financé {money(Decimal(report['funded']))}, écart {money(Decimal(report['gap']))}",
        f"Frais de gestion : {percent(Decimal(report['admin_fee_rate']))}",
        "",
        "Financeurs :",
    ]
    lines += [
        f"  {s['financer']:<14} {money(Decimal(s['amount'])):>16}  {percent(Decimal(s['percent']))}"
        for s in report["shares"]
    ]
    lines += ["", "Versements :"]
    lines += [
        f"  {p['period']:<10} {p['financer']:<14} {KIND_LABELS[p['kind']]:<18} "
        f"{money(Decimal(p['amount'])):>16}  {CONDITION_LABELS[p['condition']]}, "
        f"{_when(p['due'])} ({STATUS_LABELS[p['status']]})"
        for p in report["payments"]
    ]
    lines += ["", "Justificatifs :"]
    lines += [
        f"  {_obligation_label(o):<38} {_when(o['due'])} ({STATUS_LABELS[o['status']]})"
        for o in report["obligations"]
    ]
    if report["warnings"]:
        lines += ["", "Avertissements :"] + [f"  ! {w['message']}" for w in report["warnings"]]
    return "\n".join(lines)


def deadlines(items):
    """Deadlines across conventions as lines of French text."""
    if not items:
        return "Aucune échéance."
    return "\n".join(
        f"{_when(i['due']):<20} {i['reference']:<22} {KIND_LABELS[i['kind']]:<38} "
        f"{_relative(i['days'])}"
        + (f" · {i['financer']} {money(Decimal(i['amount']))}" if i["type"] == "payment" else "")
        for i in items
    )
