"""Home page: the conventions with their cost, funding, gap and next deadline."""

from datetime import date

from flask import Blueprint, render_template

from convention_manager.services import overview

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """List every convention with its financing summary."""
    rows = overview.convention_rows(today=date.today())
    return render_template("home/index.html", rows=rows, totals=overview.totals(rows))
