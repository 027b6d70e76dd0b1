"""Home page: what needs attention, then the conventions with search, filters and pages."""

from datetime import date

from flask import Blueprint, render_template, request
from flask_login import current_user

from convention_manager.services import dashboard, overview

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """The dashboard and the list of the conventions the user may see."""
    today = date.today()
    rows = overview.convention_rows(today=today, organisation_id=current_user.organisation_scope)
    filters = dashboard.Filters.from_args(request.args)
    return render_template(
        "home/index.html",
        today=today,
        attention=dashboard.attention(rows, today),
        listing=dashboard.listing(rows, filters),
        filters=filters,
        all_rows=rows,
        totals=overview.totals(rows),
    )
