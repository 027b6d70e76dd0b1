"""How conventions are loaded for computing: a fixed number of queries, whatever their count."""

from sqlalchemy import func
from sqlalchemy.orm import selectinload

from convention_manager.extensions import db
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


def in_scope(query, organisation_id, convention_id=None):
    """Only the conventions the organisation is a party to (all when organisation_id is None);
    `convention_id` is the column naming the convention, when the query does not join it."""
    if organisation_id is None:
        return query
    return query.where(party_to(organisation_id, convention_id=convention_id))


def span(organisation_id, first=Convention.start, last=Convention.end, convention_id=None):
    """The least `first` and the greatest `last` over the conventions in scope (default: their
    start and end; `convention_id` names the convention of other rows), as two scalar
    subqueries: apart, each is one step along its index; in one SELECT, the pair reads them all.
    """
    return (
        in_scope(db.select(func.min(first)), organisation_id, convention_id).scalar_subquery(),
        in_scope(db.select(func.max(last)), organisation_id, convention_id).scalar_subquery(),
    )


def party_to(organisation_id, employer=False, convention_id=None):
    """The condition "the organisation is a party to the convention" (as its employer, when
    `employer`), on `convention_id` (default: convention.id).

    Written as IN over the indexed party.organisation_id rather than EXISTS per convention:
    SQLite runs the EXISTS form as a scan of every convention (0.5 s at 10 000), the IN form
    as an index lookup (0.02 s).
    """
    parties = db.select(Party.convention_id).where(Party.organisation_id == organisation_id)
    if employer:
        parties = parties.where(Party.employer.is_(True))
    return (Convention.id if convention_id is None else convention_id).in_(parties)
