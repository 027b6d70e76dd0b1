"""Home page: what needs attention, then the conventions with search, filters and pages."""

from datetime import date

from flask import Blueprint, render_template, request
from flask_login import current_user
from markupsafe import Markup

from convention_manager import freshness
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
    # The body is the same for everyone with this scope, these filters, today: rendered once
    # per data stamp and kept as HTML; only the frame (menu, account, messages) is per request.
    body = freshness.remembered(
        ("home body", today, scope, filters), lambda: _body(today, scope, filters)
    )
    return render_template("home/index.html", body=body)


def _body(today, scope, filters):
    totals = overview.totals(scope)
    html = render_template(
        "home/_body.html",
        today=today,
        scope=scope,
        organisation_name=current_user.organisation.name if scope else None,
        totals=totals,
        attention=dashboard.attention(today, scope) if totals["conventions"] else None,
        listing=dashboard.listing(filters, today, scope) if totals["conventions"] else None,
        filters=filters,
    )
    return Markup(html)  # Jinja escaped every value in it already
