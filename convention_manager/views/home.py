"""Home page: what needs attention, then the conventions with search, filters and pages."""

from datetime import date

from flask import Blueprint, render_template, request
from flask_login import current_user

from convention_manager.services import dashboard, overview, tabular_lists
from convention_manager.views import downloads

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """The dashboard and the list of the conventions the user may see."""
    today = date.today()
    rows = overview.convention_rows(today=today, organisation_id=current_user.organisation_scope)
    filters = dashboard.Filters.from_args(request.args)
    export = request.args.get("format")
    if export in tabular_lists.FORMATS:
        kept = dashboard.listing(rows, filters, paged=False).rows
        return downloads.attachment(*tabular_lists.conventions(kept, export))
    return render_template(
        "home/index.html",
        today=today,
        attention=dashboard.attention(rows, today),
        listing=dashboard.listing(rows, filters),
        filters=filters,
        all_rows=rows,
        totals=overview.totals(rows),
    )
