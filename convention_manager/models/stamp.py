"""The data stamp: one number that every committed change to the stored conventions moves."""

from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from convention_manager.extensions import db

STAMP_ID = 1


class DataStamp(db.Model):
    """A single row (id 1) whose `value` goes up by one in each transaction that writes."""

    __tablename__ = "data_stamp"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)

    def __repr__(self):
        return f"<DataStamp {self.value}>"
