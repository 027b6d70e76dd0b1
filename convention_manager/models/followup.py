"""What follows a convention's signature: payments, obligations (justificatifs), avenants."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention_manager.extensions import db
from convention_manager.models.types import Money


class Payment(db.Model):
    """A payment of the schedule, identified by (period, financer, kind, tranche)."""

    __tablename__ = "payment"
    __table_args__ = (
        UniqueConstraint("convention_id", "period_label", "financer_key", "kind", "tranche"),
        # What is late, due soon or still owed, counted and summed on the index alone, and
        # the soldes waiting for a spend attestation (the dashboard, the lists).
        Index("ix_payment_status_due", "status", "due", "kind", "convention_id", "amount"),
        Index("ix_payment_waiting", "condition", "status", "convention_id", "period_label"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("convention.id", ondelete="CASCADE"))
    period_label: Mapped[str] = mapped_column(String(40))
    financer_key: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10))
    tranche: Mapped[int] = mapped_column(default=0)
    amount: Mapped[Decimal] = mapped_column(Money())
    condition: Mapped[str] = mapped_column(String(30))
    due: Mapped[date | None] = mapped_column(index=True)
    spend_threshold: Mapped[Decimal | None] = mapped_column(Money())
    status: Mapped[str] = mapped_column(String(10), default="planned")
    requested_on: Mapped[date | None]
    ordered_on: Mapped[date | None]
    paid_on: Mapped[date | None]

    convention: Mapped["Convention"] = relationship(back_populates="payments")  # noqa: F821

    @property
    def key(self):
        """The identity kept across recomputations."""
        return (self.period_label, self.financer_key, self.kind, self.tranche)


class Obligation(db.Model):
    """A document the employer must send, identified by (kind, subject)."""

    __tablename__ = "obligation"
    __table_args__ = (
        UniqueConstraint("convention_id", "kind", "subject"),
        Index("ix_obligation_status_due", "status", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("convention.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(40), default="")
    due: Mapped[date | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    sent_on: Mapped[date | None]
    received_on: Mapped[date | None]

    convention: Mapped["Convention"] = relationship(back_populates="obligations")  # noqa: F821
    files: Mapped[list["ObligationFile"]] = relationship(  # noqa: F821
        back_populates="obligation", cascade="all, delete-orphan", order_by="ObligationFile.id"
    )

    @property
    def key(self):
        """The identity kept across recomputations."""
        return (self.kind, self.subject)


class Avenant(db.Model):
    """A numbered amendment: the convention as it read before and after, and what changed."""

    __tablename__ = "avenant"
    __table_args__ = (UniqueConstraint("convention_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("convention.id", ondelete="CASCADE"))
    number: Mapped[int]
    requested_on: Mapped[date | None]
    answer_due: Mapped[date | None]
    signed_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[list] = mapped_column(JSON, default=list)
    before: Mapped[dict] = mapped_column(JSON)
    after: Mapped[dict] = mapped_column(JSON)

    convention: Mapped["Convention"] = relationship(back_populates="avenants")  # noqa: F821
