"""Organisations: the legal persons that take part in conventions."""

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from convention_manager.extensions import db
from convention_manager.rules.terms import PARTY_KINDS

ORGANISATION_KINDS = PARTY_KINDS


class Organisation(db.Model):
    """A préfecture, département, EPCI, commune, association, gendarmerie or police unit..."""

    __tablename__ = "organisation"
    __table_args__ = (UniqueConstraint("kind", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    representative: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(300))
    siret: Mapped[str | None] = mapped_column(String(14))
    address: Mapped[str | None] = mapped_column(String(500))
    iban: Mapped[str | None] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    # The secret of the organisation's calendar feed link; None until someone asks for one.
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    def __repr__(self):
        return f"<Organisation {self.kind} {self.name!r}>"
