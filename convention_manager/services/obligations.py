"""Justificatifs changing hands: the employer marks one sent (with a file or not), a financer's
officer marks it received. Checked first, so that a refused request changes nothing; flushed,
never committed (the request owns the transaction)."""

from sqlalchemy.orm import joinedload

from convention_manager import formatting
from convention_manager.exceptions import InvalidConvention, NotFound, StateError
from convention_manager.extensions import db
from convention_manager.models import Convention, Obligation, ObligationFile
from convention_manager.services import lifecycle, loading, uploads


def get(obligation_id, organisation_id=None):
    """The obligation, or NotFound (also when its convention is outside the user's scope)."""
    query = (
        db.select(Obligation)
        .where(Obligation.id == obligation_id)
        .options(joinedload(Obligation.convention).selectinload(Convention.obligations))
    )
    if organisation_id is not None:
        query = query.join(Obligation.convention).where(_party(organisation_id))
    obligation = db.session.scalars(query).first()
    if obligation is None:
        raise NotFound("aucun justificatif à ce numéro")
    return obligation


def send(obligation, on, today, upload=None, folder=None, limit=None, user=None):
    """Mark the document sent on `on`, storing the file given with it."""
    if obligation.status != "pending":
        raise StateError(_already(obligation))
    if on > today:
        raise InvalidConvention("La date d'envoi ne peut pas être dans le futur.")
    if upload is not None:
        uploads.check(upload, limit)  # before anything changes
    lifecycle.record_obligation(
        obligation.convention, obligation.kind, obligation.subject, "sent", on
    )
    if upload is not None:
        uploads.store(obligation, upload, folder, limit, user)
    db.session.flush()
    return obligation


def receive(obligation, on, today):
    """Mark a sent document received on `on`."""
    if obligation.status == "received":
        raise StateError(_already(obligation))
    if obligation.status != "sent":
        raise StateError("Ce justificatif n'a pas encore été envoyé : il ne peut pas être reçu.")
    if on > today:
        raise InvalidConvention("La date de réception ne peut pas être dans le futur.")
    if on < obligation.sent_on:
        raise InvalidConvention(
            f"La date de réception ({formatting.short_date(on)}) précède la date d'envoi "
            f"({formatting.short_date(obligation.sent_on)})."
        )
    lifecycle.record_obligation(
        obligation.convention, obligation.kind, obligation.subject, "received", on
    )
    db.session.flush()
    return obligation


def attached_file(file_id, organisation_id=None):
    """A file sent with a justificatif, or NotFound (also outside the user's scope)."""
    query = (
        db.select(ObligationFile)
        .where(ObligationFile.id == file_id)
        .options(joinedload(ObligationFile.obligation))
    )
    if organisation_id is not None:
        query = (
            query.join(ObligationFile.obligation)
            .join(Obligation.convention)
            .where(_party(organisation_id))
        )
    attached = db.session.scalars(query).first()
    if attached is None:
        raise NotFound("aucun fichier à ce numéro")
    return attached


def _party(organisation_id):
    return loading.party_to(organisation_id)


def _already(obligation):
    if obligation.status == "received":
        return (
            f"Ce justificatif est déjà reçu (le {formatting.short_date(obligation.received_on)})."
        )
    return f"Ce justificatif est déjà envoyé (le {formatting.short_date(obligation.sent_on)})."
