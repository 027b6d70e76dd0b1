"""Conventions written back in the import format (interface.md), states included."""

from convention_manager.extensions import db
from convention_manager.models import Convention
from convention_manager.services import conventions, loading, records


def export(reference):
    """One convention in the file format, with its recorded states."""
    return to_file(conventions.get(reference))


def export_all():
    """Every convention, by reference."""
    query = (
        db.select(Convention)
        .order_by(Convention.reference)
        .options(*loading.whole_convention(avenants=True))
    )
    return [to_file(c) for c in db.session.scalars(query)]


def clauses(convention):
    """A convention's clauses (what an avenant may change), in the file format."""
    data = {
        "reference": convention.reference,
        "title": convention.title,
        "post_kind": convention.post_kind,
        "posts": convention.posts,
        "fte": convention.fte,
        "territory": convention.territory,
        "start": convention.start,
        "end": convention.end,
        "financial_year_end": convention.financial_year_end,
    }
    if convention.court:
        data["court"] = convention.court
    data["parties"] = [_party(p) for p in convention.parties]
    data["employer"] = convention.employer.key
    data["functional_authority"] = convention.functional_authority.key
    signatories = [p.key for p in convention.parties if p.signatory]
    if len(signatories) != len(convention.parties):
        data["signatories"] = signatories
    periods = convention.periods
    if len(periods) == 1 and not periods[0].explicit:
        data.update(_period_terms(periods[0]))
    else:
        data["periods"] = [
            {"label": p.label, "start": p.start, "end": p.end, **_period_terms(p)} for p in periods
        ]
    return data


def to_file(convention):
    """Clauses and recorded states, ready to be dumped."""
    return {**clauses(convention), **records.export_states(convention)}


def _party(party):
    organisation = party.organisation
    data = {"key": party.key, "kind": organisation.kind, "name": organisation.name}
    if party.representative:
        data["representative"] = party.representative
    if party.title:
        data["title"] = party.title
    for field in ("siret", "address", "iban", "bic"):
        if getattr(organisation, field):
            data[field] = getattr(organisation, field)
    return data


def _period_terms(period):
    return {
        "costs": {c.kind: c.amount for c in period.costs},
        "funding": [_funding(line) for line in period.funding],
    }


def _funding(line):
    data = {"financer": line.financer.key}
    for field in (
        "fund",
        "share",
        "amount",
        "cap",
        "requested",
        "voted",
        "notified",
        "budget_vote",
        "imputation",
    ):
        if getattr(line, field) is not None:
            data[field] = getattr(line, field)
    if line.tranches:
        data["tranches"] = [_tranche(t) for t in line.tranches]
    return data


def _tranche(tranche):
    data = {"percent": tranche.percent} if tranche.percent else {"amount": tranche.amount}
    data["condition"] = tranche.condition
    if tranche.due:
        data["due"] = tranche.due
    return data


__all__ = ["clauses", "export", "export_all", "to_file", "conventions"]
