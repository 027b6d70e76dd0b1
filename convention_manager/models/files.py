"""Files sent with a justificatif: the bytes live under `instance/uploads/`, the row keeps the
name the sender gave it and who sent it."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention_manager.extensions import db


class ObligationFile(db.Model):
    """A file attached to an obligation when it was marked sent."""

    __tablename__ = "obligation_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    obligation_id: Mapped[int] = mapped_column(
        ForeignKey("obligation.id", ondelete="CASCADE"), index=True
    )
    # A random name, never derived from what the sender typed, so no path can be smuggled in.
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    uploaded_at: Mapped[datetime] = mapped_column(server_default=func.now())
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    obligation: Mapped["Obligation"] = relationship(back_populates="files")  # noqa: F821
    uploaded_by: Mapped["User | None"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<ObligationFile {self.original_name!r}>"
