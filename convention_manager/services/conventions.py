"""Creating, replacing and reading conventions from their canonical form."""

from convention_manager.exceptions import InvalidConvention, NotFound, StateError
from convention_manager.exchange import schema
from convention_manager.extensions import db
from convention_manager.models import Convention, CostLine, FundingLine, Party, Period, Tranche
from convention_manager.services import loading, organisations, records, schedules

SCALAR_FIELDS = (
    "title",
    "post_kind",
    "posts",
    "fte",
    "territory",
    "start",
    "end",
    "financial_year_end",
    "court",
)


def get(reference):
    """The convention with this reference, or NotFound."""
    convention = find(reference)
    if convention is None:
        raise NotFound(f"aucune convention « {reference} »")
    return convention


def find(reference):
    """The convention with this reference, or None, with every part the rules read loaded in a
    handful of queries (lazy loading would take one per period, line and party)."""
    query = (
        db.select(Convention)
        .filter_by(reference=reference)
        .options(*loading.whole_convention(avenants=True))
    )
    return db.session.scalars(query).first()


def import_all(raw_conventions, saved=None):
    """Create (or replace, while still drafts) every convention of a file: all or nothing.

    Nothing is committed here; on any error the caller rolls the whole file back. `saved`, when
    given, is called with each convention once it is stored (a progress bar).
    """
    canonical = [schema.normalise(raw, i + 1) for i, raw in enumerate(raw_conventions)]
    references = [c["reference"] for c in canonical]
    duplicates = {r for r in references if references.count(r) > 1}
    if duplicates:
        raise InvalidConvention(f"référence en double dans le fichier : {sorted(duplicates)[0]}")
    imported = []
    for convention in canonical:
        imported.append(save(convention))
        if saved is not None:
            saved(imported[-1])
    return imported


def save(canonical):
    """Create one convention, or replace it while it is a draft, with its recorded states."""
    convention = find(canonical["reference"])
    if convention is None:
        convention = Convention(reference=canonical["reference"])
        db.session.add(convention)
    elif convention.status != "draft":
        raise StateError(
            f"{convention.reference} : la convention n'est plus un brouillon "
            f"(statut « {convention.status} ») ; elle ne change plus que par avenant (amend)"
        )
    else:
        convention.payments.clear()
        convention.obligations.clear()
        convention.avenants.clear()
    write_clauses(convention, canonical)
    records.apply_states(convention, canonical["state"])
    db.session.flush()
    schedules.refresh(convention)
    return convention


def write_clauses(convention, canonical):
    """Set a convention's clauses (facts, parties, periods) from its canonical form."""
    for field in SCALAR_FIELDS:
        setattr(convention, field, canonical[field])
    _write_parties(convention, canonical)
    _follow_implicit_period(convention, canonical["periods"])
    convention.periods = [
        _period(convention, position, period)
        for position, period in enumerate(canonical["periods"])
    ]
    db.session.flush()


def _follow_implicit_period(convention, periods):
    """Keep recorded states when a single-period convention's dates, hence its label, change."""
    old = convention.periods
    if len(old) == 1 and len(periods) == 1 and not old[0].explicit and not periods[0]["explicit"]:
        before, after = old[0].label, periods[0]["label"]
        for payment in convention.payments:
            if payment.period_label == before:
                payment.period_label = after
        for obligation in convention.obligations:
            if obligation.kind == "fipd_spend_attestation" and obligation.subject == before:
                obligation.subject = after


def _write_parties(convention, canonical):
    existing = {p.key: p for p in convention.parties}
    parties = []
    for position, data in enumerate(canonical["parties"]):
        party = existing.get(data["key"]) or Party(key=data["key"])
        party.position = position
        party.organisation = organisations.find_or_create(data)
        party.representative, party.title = data["representative"], data["title"]
        party.employer = data["key"] == canonical["employer"]
        party.functional_authority = data["key"] == canonical["functional_authority"]
        party.signatory = data["key"] in canonical["signatories"]
        parties.append(party)
    if existing:
        # Funding lines point at parties: drop the old periods first so removed parties can go.
        convention.periods = []
        db.session.flush()
    convention.parties = parties


def _period(convention, position, data):
    parties = {p.key: p for p in convention.parties}
    return Period(
        position=position,
        label=data["label"],
        start=data["start"],
        end=data["end"],
        explicit=data["explicit"],
        costs=[
            CostLine(position=i, kind=kind, amount=amount)
            for i, (kind, amount) in enumerate(data["costs"].items())
        ],
        funding=[_funding(parties, i, line) for i, line in enumerate(data["funding"])],
    )


def _funding(parties, position, line):
    return FundingLine(
        position=position,
        financer=parties[line["financer"]],
        fund=line["fund"],
        share=line["share"],
        amount=line["amount"],
        cap=line["cap"],
        requested=line["requested"],
        voted=line["voted"],
        notified=line["notified"],
        budget_vote=line["budget_vote"],
        imputation=line["imputation"],
        tranches=[
            Tranche(
                number=n,
                percent=t["percent"],
                amount=t["amount"],
                condition=t["condition"],
                due=t["due"],
            )
            for n, t in enumerate(line["tranches"], start=1)
        ],
    )
