"""The drafter's use cases on convention mappings: preview, create, replace a draft, avenant
changes, renewal. Nothing is committed here: the request owns the transaction."""

from datetime import timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from convention_manager import locking
from convention_manager.exceptions import InvalidConvention, StateError
from convention_manager.exchange import schema, terms
from convention_manager.extensions import db
from convention_manager.models import Organisation
from convention_manager.rules import fees
from convention_manager.rules import schedule as schedule_rules
from convention_manager.services import avenants, conventions, exports

# Event dates belong to the convention they were recorded on, not to its renewal.
NOT_RENEWED = ("notified", "budget_vote")


def known_organisations():
    """Every organisation already known, by name: {name: kind}."""
    rows = db.session.execute(
        db.select(Organisation.name, Organisation.kind).order_by(Organisation.name)
    )
    return {name: kind for name, kind in rows}


def preview(mapping):
    """What the convention would plan (shares, gap, fees, payments, warnings), writing nothing:
    each period's own figures (shares, funded, gap, admin fee rate, payments), and the totals."""
    canonical = schema.normalise(mapping)
    computed = schedule_rules.build(terms.from_canonical(canonical))
    names = {p["key"]: p["name"] for p in canonical["parties"]}
    return {
        "computed": computed,
        "names": names,
        "periods": [
            {
                "label": p.label,
                "start": c["start"],
                "end": c["end"],
                "allocation": p,
                "admin_fees": fees.check_admin_fees(
                    p.total_cost, c["costs"].get("admin_fees", Decimal(0))
                ),
                "payments": [x for x in computed.payments if x.period == p.label],
            }
            for p, c in zip(computed.periods, canonical["periods"], strict=True)
        ],
    }


def create(mapping):
    """Create a new draft; refuses a reference already used."""
    reference = mapping.get("reference")
    if reference and conventions.find(reference) is not None:
        raise InvalidConvention(
            f"{reference}.reference : une convention porte déjà cette référence"
        )
    return conventions.import_all([mapping])[0]


def replace_draft(reference, mapping, expected_version=None):
    """Replace a draft by the mapping (same reference); refuses (ConcurrentUpdate) when the
    draft changed since the user loaded `expected_version`."""
    convention = conventions.get(reference)
    if convention.status != "draft":
        raise StateError(
            f"{reference} : la convention n'est plus un brouillon ; "
            "elle ne change plus que par avenant"
        )
    locking.check(convention, expected_version)
    with locking.guard():
        return conventions.import_all([dict(mapping, reference=reference)])[0]


def avenant_changes(reference, mapping, requested=None, signed=None):
    """The French lines an avenant would record, computed then rolled back."""
    try:
        avenant = avenants.record(reference, mapping, requested, signed)
        return avenants.describe(avenant)
    finally:
        db.session.rollback()


def renewal_defaults(convention):
    """A suggested reference and the next period's dates: the same length, right after."""
    start, end = shifted_dates(convention.start, convention.end)
    reference = convention.reference
    year = str(convention.start.year)
    if reference.endswith(year) and start.year != convention.start.year:
        reference = reference[: -len(year)] + str(start.year)
    else:
        reference = f"{reference}-SUITE"
    return {"reference": reference, "start": start, "end": end}


def shifted_dates(start, end):
    """The period following start..end, as long (in months and days) as it."""
    following = end + timedelta(days=1)
    return following, following + relativedelta(following, start) - timedelta(days=1)


def renew(reference, new_reference, start=None, end=None, today=None):
    """A copy of a convention as a new draft for the next period; refuses while the financial
    report due before `today` is still missing."""
    convention = conventions.get(reference)
    missing = [
        o
        for o in convention.obligations
        if o.kind == "financial_report"
        and o.status == "pending"
        and o.due
        and today
        and o.due < today
    ]
    if missing:
        raise StateError(
            f"{reference} : renouvellement impossible tant que le compte rendu financier dû le "
            f"{missing[0].due.strftime('%d/%m/%Y')} n'a pas été transmis"
        )
    if conventions.find(new_reference) is not None:
        raise InvalidConvention(f"la référence « {new_reference} » est déjà prise")
    mapping = renewed(exports.clauses(convention), new_reference, start, end)
    return conventions.import_all([mapping])[0]


def renewed(clauses, new_reference, start=None, end=None):
    """The clauses moved to the next period: reference, dates, periods and tranche dates."""
    start = start or shifted_dates(clauses["start"], clauses["end"])[0]
    length = relativedelta(clauses["end"] + timedelta(days=1), clauses["start"])
    end = end or start + length - timedelta(days=1)
    shift = relativedelta(start, clauses["start"])
    mapping = dict(clauses, reference=new_reference, start=start, end=end)
    if "periods" in clauses:
        mapping["periods"] = [
            dict(
                p,
                label=_shift_label(p["label"], p["start"], shift),
                start=p["start"] + shift,
                end=p["end"] + shift,
                funding=[_renewed_line(f, shift) for f in p["funding"]],
            )
            for p in clauses["periods"]
        ]
    else:
        mapping["funding"] = [_renewed_line(f, shift) for f in clauses["funding"]]
    return mapping


def _renewed_line(line, shift):
    line = {k: v for k, v in line.items() if k not in NOT_RENEWED}
    if "tranches" in line:
        line["tranches"] = [
            dict(t, due=t["due"] + shift) if t.get("due") else t for t in line["tranches"]
        ]
    return line


def _shift_label(label, start, shift):
    return str((start + shift).year) if label == str(start.year) else label
