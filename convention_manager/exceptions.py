"""The domain's errors, each carrying a French message meant for the person who caused it."""


class DomainError(Exception):
    """Base of every error a user can cause; str(error) is the French message."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class InvalidConvention(DomainError):
    """The convention's data breaks a rule (bad field, share above 100 %, end before start...)."""


class FundingError(InvalidConvention):
    """The funding cannot be allocated (funding above the cost, tranches not adding up...)."""


class NotFound(DomainError):
    """No such convention, avenant, payment or obligation."""


class StateError(DomainError):
    """The action is not allowed in the convention's (or payment's) current state."""


class ConcurrentUpdate(StateError):
    """Someone else saved the convention after the user opened it; nothing was written."""


class InvalidFile(DomainError):
    """A file sent with a justificatif is refused (type, content or size)."""
