"""The financers' portfolio per year, across territories, with its chart and exports."""

from flask import Blueprint, render_template, request

from convention_manager import charts
from convention_manager.services import portfolio as portfolio_service
from convention_manager.services import tabular_lists
from convention_manager.views import downloads
from convention_manager.views.access import requires

bp = Blueprint("portfolio", __name__, url_prefix="/portefeuille")


@bp.get("")
@requires("view_portfolio")
def index():
    """Per financer organisation: conventions, commitments, paid, to come, share of the cost."""
    year = request.args.get("annee", type=int)
    result = portfolio_service.portfolio(year)
    export = request.args.get("format")
    if export in tabular_lists.FORMATS:
        return downloads.attachment(*tabular_lists.portfolio(result, export))
    chart = charts.horizontal_bars(
        [charts.Segment(f.name, f.committed) for f in result.financers],
        f"Engagements des financeurs en {result.year} :",
    )
    return render_template("portfolio/index.html", result=result, chart=chart)
