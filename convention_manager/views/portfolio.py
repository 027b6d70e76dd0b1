"""The financers' portfolio per year, across territories, with its chart and exports."""

from flask import Blueprint, render_template, request
from markupsafe import Markup

from convention_manager import charts, freshness
from convention_manager.rules.money import ZERO
from convention_manager.services import portfolio as portfolio_service
from convention_manager.services import tabular_lists
from convention_manager.views import downloads
from convention_manager.views.access import requires

bp = Blueprint("portfolio", __name__, url_prefix="/portefeuille")
PAGE_SIZE = 50  # financers per page of the table (a national year has hundreds)
CHART_BARS = 12  # the largest financers get a bar each; the others share one


@bp.get("")
@requires("view_portfolio")
def index():
    """Per financer organisation: conventions, commitments, paid, to come, share of the cost."""
    year = request.args.get("annee", type=int)
    result = portfolio_service.portfolio(year)
    export = request.args.get("format")
    if export in tabular_lists.FORMATS:
        return downloads.attachment(*tabular_lists.portfolio(result, export))
    pages = max(1, -(-len(result.financers) // PAGE_SIZE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    # The same for everyone: rendered once per data stamp, year and page, and kept as HTML.
    body = freshness.remembered(
        ("portfolio body", result.year, page), lambda: _body(result, page, pages)
    )
    return render_template("portfolio/index.html", body=body)


def _body(result, page, pages):
    chart = charts.horizontal_bars(
        _chart_segments(result.financers), f"Engagements des financeurs en {result.year} :"
    )
    html = render_template(
        "portfolio/_body.html",
        result=result,
        rows=result.financers[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        page=page,
        pages=pages,
        chart=chart,
    )
    return Markup(html)  # Jinja escaped every value in it already


def _chart_segments(financers):
    """A bar per financer, the largest first; past `CHART_BARS`, one bar for all the others."""
    segments = [charts.Segment(f.name, f.committed) for f in financers[:CHART_BARS]]
    others = financers[CHART_BARS:]
    if len(others) == 1:
        segments.append(charts.Segment(others[0].name, others[0].committed))
    elif others:
        total = sum((f.committed for f in others), ZERO)
        segments.append(charts.Segment(f"{len(others)} autres financeurs", total))
    return segments
