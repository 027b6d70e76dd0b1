"""The persisted model: organisations, conventions and their parts, payments, obligations,
avenants, computed commitments, user accounts, the audit trail, the data stamp.

Tables and relationships only; the rules live in `convention_manager.rules`."""

from convention_manager.models.audit import AuditEntry
from convention_manager.models.conventions import (
    CONVENTION_STATUSES,
    Commitment,
    Convention,
    CostLine,
    FundingLine,
    Party,
    Period,
    Tranche,
)
from convention_manager.models.files import ObligationFile
from convention_manager.models.followup import Avenant, Obligation, Payment
from convention_manager.models.organisations import ORGANISATION_KINDS, Organisation
from convention_manager.models.stamp import STAMP_ID, DataStamp
from convention_manager.models.users import USER_ROLES, User

__all__ = [
    "CONVENTION_STATUSES",
    "ORGANISATION_KINDS",
    "STAMP_ID",
    "USER_ROLES",
    "AuditEntry",
    "Avenant",
    "Commitment",
    "Convention",
    "DataStamp",
    "CostLine",
    "FundingLine",
    "Obligation",
    "ObligationFile",
    "Organisation",
    "Party",
    "Payment",
    "Period",
    "Tranche",
    "User",
]
