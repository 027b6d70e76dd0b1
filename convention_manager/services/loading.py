"""How conventions are loaded for computing: a fixed number of queries, whatever their count."""

from sqlalchemy.orm import selectinload

from convention_manager.models import Convention, FundingLine, Party, Period


def whole_convention(avenants=False):
    """Loader options for everything the rules and the pages read (avenants when asked)."""
    options = [
        selectinload(Convention.parties).joinedload(Party.organisation),
        selectinload(Convention.periods).selectinload(Period.costs),
        selectinload(Convention.periods)
        .selectinload(Period.funding)
        .selectinload(FundingLine.tranches),
        selectinload(Convention.payments),
        selectinload(Convention.obligations),
    ]
    if avenants:
        options.append(selectinload(Convention.avenants))
    return options


def in_scope(query, organisation_id):
    """Only the conventions the organisation is a party to (all when organisation_id is None)."""
    if organisation_id is None:
        return query
    return query.where(Convention.parties.any(Party.organisation_id == organisation_id))
