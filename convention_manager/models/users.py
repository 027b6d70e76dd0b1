"""User accounts: who may sign in, with which role, and for which organisation."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from convention_manager.extensions import db

USER_ROLES = ("admin", "drafter", "finance", "association")


class User(db.Model, UserMixin):
    """A person who signs in; association accounts are tied to their organisation."""

    __tablename__ = "user_account"  # "user" is a reserved word in PostgreSQL
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'drafter', 'finance', 'association')", name="role"),
        # An association account sees its own conventions only, so it must name its organisation;
        # the other roles see every convention and name none.
        CheckConstraint(
            "(role = 'association') = (organisation_id IS NOT NULL)", name="organisation"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    last_login_at: Mapped[datetime | None]

    organisation: Mapped["Organisation | None"] = relationship()  # noqa: F821

    @validates("email")
    def _lower_email(self, key, value):
        return value.strip().lower()

    @property
    def is_active(self):
        """Flask-Login refuses to sign in (or keep signed in) a deactivated account."""
        return self.active

    @property
    def organisation_scope(self):
        """The organisation whose conventions alone this user may see, or None for all."""
        return self.organisation_id if self.role == "association" else None

    def __repr__(self):
        return f"<User {self.email} {self.role}>"
