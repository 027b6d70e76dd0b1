"""Documents of a convention: take the facts from the model, build the context, fill the DOCX.

The facts come from the convention's clauses in the file format, the mapping an avenant also
records as `before` and `after`: so the convention today and the convention as any avenant left
it are described by the same function.
"""

from datetime import date

from stdnum import iban as stdnum_iban

from convention_manager.documents import (
    avenant_context,
    checks,
    context,
    convention_context,
    render,
)
from convention_manager.exceptions import NotFound
from convention_manager.exchange import files, schema
from convention_manager.exchange import terms as exchange_terms
from convention_manager.rules import schedule as schedule_rules
from convention_manager.services import exports, reports, schedules


def render_schedule(convention, output, instance_path=None):
    """Write the échéancier of a convention to `output` (a .docx path); returns that path."""
    report = reports.schedule(convention)
    filled = context.schedule_context(report, convention_facts(convention))
    return fill("schedule", filled, output, instance_path)


def render_convention(convention, output, instance_path=None):
    """Write the convention itself, as it reads today, to `output`; returns that path."""
    report = reports.schedule(convention)
    filled = convention_context.convention_context(report, convention_facts(convention))
    return fill("convention", filled, output, instance_path)


def render_avenant(convention, number, output, instance_path=None):
    """Write avenant `number` (the latest when None) to `output`; returns the avenant."""
    avenant = find_avenant(convention, number)
    if avenant is convention.avenants[-1]:
        facts, report = convention_facts(convention), reports.schedule(convention)
    else:
        # A later avenant changed the convention again: show it as this avenant left it.
        canonical = schema.normalise(avenant.after)
        facts = _completed(clause_facts(canonical), convention)
        report = planned_report(canonical, convention.signed_on)
        facts["planned_payments"] = report["payments"]
    filled = avenant_context.avenant_context(report, facts, avenant_facts(avenant))
    fill("avenant", filled, output, instance_path)
    return avenant


def fill(kind, filled, output, instance_path=None):
    """Check the template of `kind` (the instance's or the shipped one), then fill it."""
    template = render.template_path(kind, instance_path)
    checks.check_template(template, kind)
    return render.render(template, filled, output)


def find_avenant(convention, number=None):
    """Avenant `number` of the convention, or its latest; NotFound in French otherwise."""
    if not convention.avenants:
        raise NotFound(f"{convention.reference} : aucun avenant n'est enregistré")
    if number is None:
        return convention.avenants[-1]
    found = next((a for a in convention.avenants if a.number == number), None)
    if found is None:
        known = ", ".join(f"n°{a.number}" for a in convention.avenants)
        raise NotFound(
            f"{convention.reference} : pas d'avenant n°{number} (avenants enregistrés : {known})"
        )
    return found


def convention_facts(convention):
    """What documents print about a convention besides its schedule, as it reads today."""
    canonical = schema.normalise(files.jsonable(exports.clauses(convention)))
    facts = _completed(clause_facts(canonical), convention)
    # The convention states the payment rules as planned, before any payment was recorded.
    facts["planned_payments"] = [
        _planned_payment(p) for p in schedules.compute(convention).payments
    ]
    return facts


def clause_facts(canonical):
    """Facts from a convention's clauses in canonical form (`exchange.schema.normalise`)."""
    parties = canonical["parties"]
    by_key = {p["key"]: p for p in parties}
    employer = by_key[canonical["employer"]]
    financers = {line["financer"] for p in canonical["periods"] for line in p["funding"]}
    facts = {
        field: canonical[field]
        for field in (
            "reference", "title", "territory", "post_kind", "posts", "fte",
            "start", "end", "financial_year_end", "court",
        )
    }  # fmt: skip
    facts.update(
        employer=employer["name"],
        employer_kind=employer["kind"],
        functional_authority=by_key[canonical["functional_authority"]]["name"],
        bank={"iban": _iban(employer["iban"]), "bic": employer["bic"]},
        parties=[_party(p, canonical, financers) for p in parties],
        periods=[_period(p) for p in canonical["periods"]],
    )
    return facts


def _party(party, canonical, financers):
    key = party["key"]
    roles = [
        role
        for role, held in (
            ("financer", key in financers),
            ("employer", key == canonical["employer"]),
            ("functional_authority", key == canonical["functional_authority"]),
        )
        if held
    ]
    return {
        "key": key,
        "name": party["name"],
        "kind": party["kind"],
        "representative": party["representative"],
        "title": party["title"],
        "roles": roles,
        "signatory": key in canonical["signatories"],
    }


def _period(period):
    return {
        "label": period["label"],
        "start": period["start"],
        "end": period["end"],
        "explicit": period["explicit"],
        "costs": [{"kind": k, "amount": v} for k, v in period["costs"].items()],
        "funding": [dict(line) for line in period["funding"]],
    }


def _iban(value):
    return stdnum_iban.format(value) if value else None


def _completed(facts, convention):
    """Add what the clauses do not hold: status, signature, avenants, known representatives."""
    known = {p.key: p.organisation for p in convention.parties}
    for party in facts["parties"]:
        organisation = known.get(party["key"])
        if organisation is not None:
            party["representative"] = party["representative"] or organisation.representative
            party["title"] = party["title"] or organisation.title
    facts.update(
        status=convention.status,
        signed=convention.signed_on,
        avenants=[
            {"number": a.number, "requested": a.requested_on, "signed": a.signed_on}
            for a in convention.avenants
        ],
    )
    return facts


def avenant_facts(avenant):
    """The avenant's number, dates and changes, with every party name it may mention."""
    names = {}
    for side in (avenant.before, avenant.after):
        names.update({p["key"]: p["name"] for p in side.get("parties") or ()})
    after = avenant.after
    return {
        "number": avenant.number,
        "requested": avenant.requested_on,
        "answer_due": avenant.answer_due,
        "signed": avenant.signed_on,
        "changes": list(avenant.changes or ()),
        "names": names,
        "period_label": None
        if "periods" in after
        else schema.default_label(_day(after["start"]), _day(after["end"])),
    }


def _day(value):
    return value if isinstance(value, date) else date.fromisoformat(value)


def planned_report(canonical, signed=None):
    """The schedule mapping of a convention's clauses as planned by the rules (no states)."""
    computed = schedule_rules.build(exchange_terms.from_canonical(canonical, signed))
    dates = {p["label"]: (p["start"], p["end"]) for p in canonical["periods"]}
    return {
        "reference": canonical["reference"],
        "total_cost": f"{computed.total_cost:.2f}",
        "funded": f"{computed.funded:.2f}",
        "gap": f"{computed.gap:.2f}",
        "periods": [_planned_period(p, dates[p.label]) for p in computed.periods],
        "payments": [_planned_payment(p) for p in computed.payments],
        "obligations": [
            {"kind": o.kind, "subject": o.subject, "due": o.due, "status": "pending"}
            for o in computed.obligations
        ],
    }


def _planned_period(allocation, dates):
    return {
        "label": allocation.label,
        "start": dates[0],
        "end": dates[1],
        "total_cost": f"{allocation.total_cost:.2f}",
        "funded": f"{allocation.funded:.2f}",
        "gap": f"{allocation.gap:.2f}",
        "shares": [
            {
                "financer": s.financer,
                "amount": f"{s.amount:.2f}",
                "percent": f"{s.percent:.2f}",
                "basis": s.basis,
                "capped": s.capped,
            }
            for s in allocation.shares
        ],
    }


def _planned_payment(payment):
    return {
        "period": payment.period,
        "financer": payment.financer,
        "kind": payment.kind,
        "tranche": payment.tranche,
        "amount": f"{payment.amount:.2f}",
        "condition": payment.condition,
        "due": payment.due,
        "spend_threshold": payment.spend_threshold,
    }
