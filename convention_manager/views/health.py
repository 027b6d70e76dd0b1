"""The readiness probe: `GET /sante` answers `ok` when the database answers.

Public (a load balancer or a supervisor cannot sign in) and cheap: one `SELECT 1`, no session
cookie, no template. It is also the trivial page the benchmarks compare the others with.
"""

from flask import Blueprint, Response, current_app
from sqlalchemy.exc import SQLAlchemyError

from convention_manager.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/sante")
def check():
    """200 `ok` when the database answers a `SELECT 1`, else 503 with the reason's kind."""
    try:
        db.session.execute(db.text("SELECT 1"))
    except SQLAlchemyError as error:
        db.session.rollback()
        current_app.logger.warning("sonde /sante : base de données injoignable (%s)", error)
        return _text(f"base de données injoignable ({type(error).__name__})", 503)
    return _text("ok", 200)


def _text(body, status):
    response = Response(body, status=status, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response
