"""Home page: the conventions with their cost, funding, gap and next deadline."""

from datetime import date

from flask import Blueprint, render_template
from flask_login import current_user

from convention_manager.services import overview

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """List the conventions the user may see with their financing summary."""
    rows = overview.convention_rows(
        today=date.today(), organisation_id=current_user.organisation_scope
    )
    return render_template("home/index.html", rows=rows, totals=overview.totals(rows))
