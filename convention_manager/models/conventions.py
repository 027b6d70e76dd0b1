"""A convention and its parts: parties and roles, periods, cost lines, funding lines, tranches."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention_manager.extensions import db
from convention_manager.models.types import Hundredths, Money
from convention_manager.rules.terms import CONVENTION_STATUSES, POST_KINDS  # noqa: F401


class Convention(db.Model):
    """A partnership convention creating one or more ISCG posts."""

    __tablename__ = "convention"
    __table_args__ = (
        Index("ix_convention_start_reference", "start", "reference"),
        Index("ix_convention_end", "end"),  # the last year a filter offers, in one step
        # The conventions with a gap, and the totals summed on the index, not the wide rows.
        Index("ix_convention_gap_sums", "gap", "total_cost", "funded"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    post_kind: Mapped[str] = mapped_column(String(4))
    posts: Mapped[int] = mapped_column(default=1)
    fte: Mapped[Decimal] = mapped_column(Hundredths())
    territory: Mapped[str] = mapped_column(String(200), index=True)
    start: Mapped[date]
    end: Mapped[date]
    financial_year_end: Mapped[str] = mapped_column(String(5), default="12-31")
    court: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    signed_on: Mapped[date | None]
    activated_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    formal_notice_on: Mapped[date | None]
    terminated_on: Mapped[date | None]
    extra: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
    version: Mapped[int] = mapped_column(default=1)
    # What the rules computed at the last change of terms (`services.schedules.refresh`), kept
    # so that lists and totals over thousands of conventions are SQL sums, not recomputations.
    total_cost: Mapped[Decimal | None] = mapped_column(Money())
    funded: Mapped[Decimal | None] = mapped_column(Money())
    gap: Mapped[Decimal | None] = mapped_column(Money())
    warning_count: Mapped[int | None]
    # Reference, title and territory, casefolded: what the conventions list searches in.
    search_text: Mapped[str | None] = mapped_column(Text)

    parties: Mapped[list["Party"]] = relationship(
        back_populates="convention", cascade="all, delete-orphan", order_by="Party.position"
    )
    periods: Mapped[list["Period"]] = relationship(
        back_populates="convention", cascade="all, delete-orphan", order_by="Period.position"
    )
    payments: Mapped[list["Payment"]] = relationship(  # noqa: F821
        back_populates="convention", cascade="all, delete-orphan", order_by="Payment.id"
    )
    obligations: Mapped[list["Obligation"]] = relationship(  # noqa: F821
        back_populates="convention", cascade="all, delete-orphan", order_by="Obligation.id"
    )
    avenants: Mapped[list["Avenant"]] = relationship(  # noqa: F821
        back_populates="convention", cascade="all, delete-orphan", order_by="Avenant.number"
    )
    commitments: Mapped[list["Commitment"]] = relationship(
        back_populates="convention", cascade="all, delete-orphan", order_by="Commitment.id"
    )

    # The version counts saved changes to the convention or any of its parts, once per
    # transaction: `convention_manager.locking` sets it; SQLAlchemy checks it on every UPDATE.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    def party(self, key):
        """The party with this key, or None."""
        return next((p for p in self.parties if p.key == key), None)

    @property
    def employer(self):
        """The party that employs the worker (autorité hiérarchique)."""
        return next((p for p in self.parties if p.employer), None)

    @property
    def functional_authority(self):
        """The gendarmerie or police party that hosts the worker (autorité fonctionnelle)."""
        return next((p for p in self.parties if p.functional_authority), None)

    def __repr__(self):
        return f"<Convention {self.reference}>"


class Party(db.Model):
    """An organisation's place in one convention: its key, roles and signatory."""

    __tablename__ = "party"
    __table_args__ = (
        UniqueConstraint("convention_id", "key"),
        # An organisation's parties, and whether it employs under any: in one step each.
        Index("ix_party_organisation_employer", "organisation_id", "employer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("convention.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    position: Mapped[int] = mapped_column(default=0)
    key: Mapped[str] = mapped_column(String(40))
    representative: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(300))
    employer: Mapped[bool] = mapped_column(default=False)
    functional_authority: Mapped[bool] = mapped_column(default=False)
    signatory: Mapped[bool] = mapped_column(default=True)

    convention: Mapped[Convention] = relationship(back_populates="parties")
    organisation: Mapped["Organisation"] = relationship(lazy="joined")  # noqa: F821

    @property
    def roles(self):
        """The party's roles in the convention, financer included when it funds a period."""
        roles = [
            role
            for role, held in (
                ("employer", self.employer),
                ("functional_authority", self.functional_authority),
                ("signatory", self.signatory),
            )
            if held
        ]
        funds = any(
            line.financer_id == self.id for p in self.convention.periods for line in p.funding
        )
        return (["financer"] if funds else []) + roles


class Period(db.Model):
    """A span with its own costs and funding (a year, or the whole convention)."""

    __tablename__ = "period"
    __table_args__ = (UniqueConstraint("convention_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("convention.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str] = mapped_column(String(40))
    start: Mapped[date] = mapped_column(index=True)  # the first and last years, in a step each
    end: Mapped[date]
    explicit: Mapped[bool] = mapped_column(default=False)

    convention: Mapped[Convention] = relationship(back_populates="periods")
    costs: Mapped[list["CostLine"]] = relationship(
        back_populates="period", cascade="all, delete-orphan", order_by="CostLine.position"
    )
    funding: Mapped[list["FundingLine"]] = relationship(
        back_populates="period", cascade="all, delete-orphan", order_by="FundingLine.position"
    )


class CostLine(db.Model):
    """One line of the post's cost: salary, travel, training, admin fees..."""

    __tablename__ = "cost_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(40))
    amount: Mapped[Decimal] = mapped_column(Money())

    period: Mapped[Period] = relationship(back_populates="costs")


class FundingLine(db.Model):
    """A financer's participation in a period: share, amount, cap, requested and voted."""

    __tablename__ = "funding_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"), index=True)
    financer_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    fund: Mapped[str | None] = mapped_column(String(20))
    share: Mapped[str | None] = mapped_column(String(20))
    amount: Mapped[Decimal | None] = mapped_column(Money())
    cap: Mapped[Decimal | None] = mapped_column(Money())
    requested: Mapped[Decimal | None] = mapped_column(Money())
    voted: Mapped[Decimal | None] = mapped_column(Money())
    notified: Mapped[date | None]
    budget_vote: Mapped[date | None]
    imputation: Mapped[dict | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)

    period: Mapped[Period] = relationship(back_populates="funding")
    financer: Mapped[Party] = relationship()
    tranches: Mapped[list["Tranche"]] = relationship(
        back_populates="funding_line", cascade="all, delete-orphan", order_by="Tranche.number"
    )


class Tranche(db.Model):
    """One payment of a financer's custom plan."""

    __tablename__ = "tranche"

    id: Mapped[int] = mapped_column(primary_key=True)
    funding_line_id: Mapped[int] = mapped_column(
        ForeignKey("funding_line.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    percent: Mapped[str | None] = mapped_column(String(20))
    amount: Mapped[Decimal | None] = mapped_column(Money())
    condition: Mapped[str] = mapped_column(String(30), default="on_request")
    due: Mapped[date | None]

    funding_line: Mapped[FundingLine] = relationship(back_populates="tranches")


class Commitment(db.Model):
    """A financer's computed share of one period, as the rules allocated it.

    Derived data, rewritten by `services.schedules.refresh` whenever the terms change: the
    portfolio sums these rows in SQL instead of recomputing every convention.
    """

    __tablename__ = "commitment"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(
        ForeignKey("convention.id", ondelete="CASCADE"), index=True
    )
    period_label: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(index=True)  # the year the period starts in
    financer_key: Mapped[str] = mapped_column(String(40))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    period_cost: Mapped[Decimal] = mapped_column(Money())

    convention: Mapped[Convention] = relationship(back_populates="commitments")
    organisation: Mapped["Organisation"] = relationship()  # noqa: F821
