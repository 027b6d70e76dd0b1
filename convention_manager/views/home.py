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
    scope = current_user.organisation_scope
    filters = dashboard.Filters.from_args(request.args)
    export = request.args.get("format")
    if export in tabular_lists.FORMATS:
        kept = dashboard.listing(filters, today, scope, paged=False).rows
        return downloads.attachment(*tabular_lists.conventions(kept, export))
    totals = overview.totals(scope)
    return render_template(
        "home/index.html",
        today=today,
        totals=totals,
        attention=dashboard.attention(today, scope) if totals["conventions"] else None,
        listing=dashboard.listing(filters, today, scope) if totals["conventions"] else None,
        filters=filters,
    )
