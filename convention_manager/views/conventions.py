"""The convention page (read-only) and the downloads of its documents."""

from datetime import date

from flask import Blueprint, abort, current_app, render_template, send_file
from flask_login import current_user

from convention_manager.documents import pdf
from convention_manager.exceptions import NotFound
from convention_manager.services import convention_page
from convention_manager.views.access import ROW_ID

bp = Blueprint("conventions", __name__, url_prefix="/conventions")


@bp.get("/<reference>")
def show(reference):
    """A convention's facts, parties, financing, payments, obligations and avenants."""
    try:
        page = convention_page.page(
            reference, today=date.today(), organisation_id=current_user.organisation_scope
        )
    except NotFound:
        abort(404)
    return render_template("conventions/show.html", page=page, c=page.convention)


@bp.get("/<reference>/documents/<any(convention, schedule):kind>.<any(docx, pdf):suffix>")
def document(reference, kind, suffix):
    """The convention or its schedule as a DOCX (or PDF) file."""
    return _download(reference, kind, suffix)


@bp.get(f"/<reference>/avenants/<{ROW_ID}:number>.<any(docx, pdf):suffix>")
def avenant(reference, number, suffix):
    """Avenant `number` of the convention as a DOCX (or PDF) file."""
    return _download(reference, "avenant", suffix, number)


def _download(reference, kind, suffix, number=None):
    if suffix == "pdf" and not pdf.available():
        abort(404)
    try:
        data, name, mimetype = convention_page.document(
            reference,
            kind,
            suffix,
            organisation_id=current_user.organisation_scope,
            number=number,
            instance_path=current_app.config["CUSTOM_TEMPLATES_ROOT"],
        )
    except NotFound:
        abort(404)
    return send_file(data, mimetype=mimetype, as_attachment=True, download_name=name)
