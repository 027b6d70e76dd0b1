"""Organisations shared by conventions: found by SIRET, else by kind and name."""

from convention_manager.extensions import db
from convention_manager.models import Organisation

IDENTITY_FIELDS = ("siret", "address", "iban", "bic", "representative", "title")


def find_or_create(party):
    """The organisation a party of a file stands for, created or completed as needed."""
    organisation = None
    if party.get("siret"):
        organisation = db.session.scalars(
            db.select(Organisation).filter_by(siret=party["siret"])
        ).first()
    if organisation is None:
        organisation = db.session.scalars(
            db.select(Organisation).filter_by(kind=party["kind"], name=party["name"])
        ).first()
    if organisation is None:
        organisation = Organisation(kind=party["kind"], name=party["name"])
        db.session.add(organisation)
    organisation.kind, organisation.name = party["kind"], party["name"]
    for field in IDENTITY_FIELDS:
        if party.get(field):
            setattr(organisation, field, party[field])
    return organisation
