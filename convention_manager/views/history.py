"""A convention's history: who changed what, when, from which value."""

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from convention_manager.exceptions import NotFound
from convention_manager.services import history

bp = Blueprint("history", __name__, url_prefix="/conventions")
# A page number beyond this makes an offset no database integer holds (a 500 on SQLite).
LAST_PAGE = 2**31 // history.PAGE_SIZE


@bp.get("/<reference>/historique")
def show(reference):
    """The audit entries of a convention, newest first, 50 a page."""
    try:
        found = history.page(
            reference,
            organisation_id=current_user.organisation_scope,
            number=min(request.args.get("page", 1, type=int), LAST_PAGE),
        )
    except NotFound:
        abort(404)
    return render_template("conventions/history.html", history=found, c=found.convention)
