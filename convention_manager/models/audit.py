"""The audit trail: who changed what in a convention and its parts, when, from which value."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from convention_manager.extensions import db


class AuditEntry(db.Model):
    """One created, updated or deleted row of an audited table, with its changed fields."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    actor: Mapped[str] = mapped_column(String(254))
    # The reference survives the convention's deletion; the link does not.
    convention_id: Mapped[int | None] = mapped_column(
        ForeignKey("convention.id", ondelete="SET NULL"), index=True
    )
    reference: Mapped[str | None] = mapped_column(String(80), index=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(10))
    # The convention's version once this change was saved: what changed since a version.
    version: Mapped[int | None]
    # {field: [before, after]}, Decimals and dates as strings.
    changes: Mapped[dict] = mapped_column(JSON, default=dict)

    def __repr__(self):
        return f"<AuditEntry {self.action} {self.entity} {self.entity_id} by {self.actor}>"
