"""User accounts: creation with its checks, and sign-in by email and password."""

import functools
import re
import secrets

from flask import current_app
from sqlalchemy import func
from werkzeug.security import check_password_hash, generate_password_hash

from convention_manager import labels
from convention_manager.exceptions import DomainError
from convention_manager.extensions import db
from convention_manager.models import USER_ROLES, Organisation, User

MIN_PASSWORD_LENGTH = 12
# A shape check only (one @, a dot in the domain, no spaces): whether the address exists is
# only known by writing to it.
EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def normalise_email(email):
    """The stored form of an address: trimmed and lower-cased."""
    return (email or "").strip().lower()


def find(email):
    """The account with this address (any case), or None."""
    return db.session.scalars(db.select(User).filter_by(email=normalise_email(email))).first()


def load_user(user_id):
    """Flask-Login's user loader: the account stored in the session, or None."""
    try:
        return db.session.get(User, int(user_id))
    except ValueError:
        return None


def create_user(email, password, role, organisation_name=None):
    """Add an account after checking every rule; raises DomainError with a French message."""
    email = normalise_email(email)
    if not EMAIL_SHAPE.fullmatch(email):
        raise DomainError(f"adresse électronique invalide « {email} »")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise DomainError(f"mot de passe trop court : {MIN_PASSWORD_LENGTH} caractères au moins")
    if role not in USER_ROLES:
        known = ", ".join(f"{code} ({labels.USER_ROLE[code]})" for code in USER_ROLES)
        raise DomainError(f"rôle inconnu « {role} » (rôles : {known})")
    organisation = _organisation(role, organisation_name)
    if find(email) is not None:
        raise DomainError(f"un compte existe déjà pour {email}")
    user = User(
        email=email,
        password_hash=hash_password(password),
        role=role,
        organisation=organisation,
    )
    db.session.add(user)
    db.session.flush()
    return user


def _organisation(role, name):
    if role != "association":
        if name:
            raise DomainError("seul un compte association est rattaché à une organisation")
        return None
    if not name:
        raise DomainError("un compte association doit être rattaché à son organisation")
    candidates = db.session.scalars(
        db.select(Organisation).filter_by(name=name).order_by(Organisation.id)
    ).all()
    if not candidates:
        raise DomainError(f"organisation inconnue « {name} » (le nom exact est attendu)")
    # The same name may exist under two kinds; an association account belongs to the association.
    return next((o for o in candidates if o.kind == "association"), candidates[0])


def authenticate(email, password):
    """The active account with this address and password, its sign-in time recorded; else None."""
    user = find(email)
    if user is None or not user.active:
        # Hash anyway, so that the answer takes as long for an unknown address as for a known one.
        check_password_hash(_decoy_hash(), password or "")
        return None
    if not check_password_hash(user.password_hash, password or ""):
        return None
    user.last_login_at = func.now()
    db.session.flush()
    return user


def hash_password(password):
    """A salted hash of the password, with the configured method (scrypt by default)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@functools.cache
def _decoy_hash():
    return generate_password_hash(secrets.token_urlsafe(16))
