"""An organisation's calendar feed (iCalendar): the due dates of the documents it owes and of
the payments it awaits, as all-day events, behind a secret link that can be replaced.

The link is the only key: whoever holds it reads the feed without signing in, so the token is
long and random (`secrets`), and generating a new one makes the old link answer 404.
"""

import re
import secrets
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event
from sqlalchemy.orm import contains_eager

from convention_manager import formatting, labels
from convention_manager.exceptions import NotFound
from convention_manager.extensions import db
from convention_manager.models import Convention, Obligation, Organisation, Payment
from convention_manager.services import loading
from convention_manager.services.convention_page import obligation_subject
from convention_manager.services.reports import OPEN_PAYMENT_STATUSES

TOKEN_BYTES = 32  # 43 url-safe characters
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
ALARM_BEFORE = timedelta(days=7)
PRODID = "-//convention-manager//Justificatifs et versements//FR"
DOMAIN = "convention-manager"


def regenerate(organisation):
    """Give the organisation a new token (its first, or a replacement: the old link dies)."""
    organisation.calendar_token = secrets.token_urlsafe(TOKEN_BYTES)
    db.session.flush()
    return organisation.calendar_token


def feed(token, now=None):
    """The iCalendar bytes of the organisation holding `token`, or NotFound."""
    if not token or not TOKEN_PATTERN.match(token):
        raise NotFound("lien de calendrier inconnu")
    organisation = db.session.scalars(
        db.select(Organisation).where(Organisation.calendar_token == token)
    ).first()
    if organisation is None:
        raise NotFound("lien de calendrier inconnu")
    stamp = now or datetime.now(UTC)
    calendar = Calendar.new(
        prodid=PRODID,
        name=f"Justificatifs et versements – {organisation.name}",
        uid=f"organisation-{organisation.id}@{DOMAIN}",
    )
    for obligation in _obligations(organisation.id):
        calendar.add_component(_obligation_event(obligation, stamp))
    for payment in _payments(organisation.id):
        calendar.add_component(_payment_event(payment, stamp))
    return calendar.to_ical()


def _obligations(organisation_id):
    query = (
        db.select(Obligation)
        .join(Obligation.convention)
        .where(
            Obligation.status == "pending",
            Obligation.due.is_not(None),
            loading.party_to(organisation_id),
        )
        .order_by(Obligation.due, Convention.reference, Obligation.id)
        .options(contains_eager(Obligation.convention))
    )
    return db.session.scalars(query).all()


def _payments(organisation_id):
    employer = loading.party_to(organisation_id, employer=True)
    query = (
        db.select(Payment)
        .join(Payment.convention)
        .where(
            Payment.status.in_(OPEN_PAYMENT_STATUSES),
            Payment.kind != "refund",
            Payment.due.is_not(None),
            employer,
        )
        .order_by(Payment.due, Convention.reference, Payment.id)
        .options(contains_eager(Payment.convention).selectinload(Convention.parties))
    )
    return db.session.scalars(query).all()


def _obligation_event(obligation, stamp):
    reference = obligation.convention.reference
    document = labels.KIND[obligation.kind]
    subject = obligation_subject(obligation)
    event = Event.new(
        uid=_uid(reference, "justificatif", obligation.kind, obligation.subject),
        stamp=stamp,
        start=obligation.due,
        end=obligation.due + timedelta(days=1),
        summary=f"{reference} : {document} à envoyer",
        description=(
            f"Convention {reference} : {document} ({subject}) à envoyer au plus tard le "
            f"{formatting.long_date(obligation.due)}. Aucune donnée nominative sur les "
            "personnes accompagnées."
        ),
        transparency="TRANSPARENT",
    )
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -ALARM_BEFORE)
    alarm.add("description", f"Dans 7 jours : {document} de la convention {reference}")
    event.add_component(alarm)
    return event


def _payment_event(payment, stamp):
    convention = payment.convention
    financer = convention.party(payment.financer_key)
    name = financer.organisation.name if financer else payment.financer_key
    kind = labels.KIND[payment.kind]
    amount = formatting.money(payment.amount)
    return Event.new(
        uid=_uid(
            convention.reference,
            "versement",
            payment.period_label,
            payment.financer_key,
            payment.kind,
            str(payment.tranche),
        ),
        stamp=stamp,
        start=payment.due,
        end=payment.due + timedelta(days=1),
        summary=f"{convention.reference} : {kind} attendu de {name}",
        description=(
            f"Convention {convention.reference}, période {payment.period_label} : {kind} de "
            f"{amount} attendu de {name} ({labels.STATUS[payment.status]})."
        ),
        transparency="TRANSPARENT",
    )


def _uid(*parts):
    """Stable across recomputations: built from the item's identity, not from a row id."""
    text = "-".join(re.sub(r"[^A-Za-z0-9]+", "_", p).strip("_") for p in parts if p)
    return f"{text}@{DOMAIN}"
