"""Signing in and out, and the rule that every page but the sign-in page needs an account."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from convention_manager.extensions import db
from convention_manager.forms.auth import LoginForm
from convention_manager.services import accounts, throttle

bp = Blueprint("auth", __name__)

# The calendar feed is read by calendar software, which cannot sign in: its unguessable link
# is its key (see services/calendar_feed.py). The readiness probe tells only that the app and
# its database answer.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static", "obligations.calendar", "health.check"})


# One hook for the whole app rather than @login_required on each view: a page added later is
# protected without anyone having to remember it, and the exceptions are listed just above.
@bp.before_app_request
def require_login():
    """Send anonymous visitors of any non-public page to the sign-in page."""
    if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
        return None
    return current_app.login_manager.unauthorized()


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    """Show the sign-in form; on good credentials, sign in and go back where the user was."""
    target = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target or url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        guard = throttle.for_app(current_app)
        key = (form.email.data.strip().lower(), request.remote_addr)
        wait = guard.wait(key)
        if wait:
            # The password is not even checked: while refused, no guess can succeed.
            form.form_errors.append(throttle.refusal(wait))
            return render_template("auth/login.html", form=form, next=target), 429
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is not None:
            guard.reset(key)
            login_user(user)
            db.session.commit()
            return redirect(target or url_for("home.index"))
        guard.fail(key)
        form.form_errors.append("Adresse électronique ou mot de passe incorrect.")
    return render_template("auth/login.html", form=form, next=target)


@bp.post("/deconnexion")
def logout():
    """Sign out (a POST, so that a link or an image on another site cannot do it)."""
    logout_user()
    flash("Vous êtes déconnecté.", "info")
    return redirect(url_for("auth.login"))


def safe_next(target):
    """`target` if it is a path on this site, else None (no open redirect to another host)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    # Browsers read "/\evil.example" as "//evil.example"; control characters are stripped too.
    if "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target
