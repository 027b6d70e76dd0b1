"""Document templates: see which Word file fills each document, upload one's own, go back."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from convention_manager.exceptions import DomainError, NotFound
from convention_manager.services import custom_templates
from convention_manager.views.access import requires

bp = Blueprint("document_templates", __name__, url_prefix="/modeles")


def _root():
    return current_app.config["CUSTOM_TEMPLATES_ROOT"]


@bp.get("/")
@requires("draft")
def index():
    """The three templates, shipped or custom, with upload forms."""
    return render_template(
        "document_templates/index.html", templates=custom_templates.states(_root())
    )


@bp.get("/<kind>.docx")
@requires("draft")
def download(kind):
    """The template currently in use, to edit in Word or LibreOffice."""
    try:
        path = custom_templates.current(kind, _root())
    except NotFound:
        return render_template(
            "errors/error.html", title="Page introuvable", message="Ce modèle n'existe pas."
        ), 404
    return send_file(path, as_attachment=True, download_name=f"modele-{kind}.docx")


@bp.post("/<kind>")
@requires("draft")
def upload(kind):
    """Check the uploaded file; install it only if every check passes."""
    upload = request.files.get("template")
    if upload is None or not upload.filename:
        flash("Choisissez un document Word (.docx) à envoyer.", "error")
        return redirect(url_for(".index"))
    try:
        custom_templates.install(kind, upload.stream, _root())
    except NotFound:
        return render_template(
            "errors/error.html",
            title="Page introuvable",
            message="Ce type de document n'existe pas.",
        ), 404
    except DomainError as error:
        flash(f"Modèle refusé, rien n'a changé : {error.message}", "error")
        return redirect(url_for(".index"))
    flash(f"Modèle « {custom_templates.LABELS[kind]} » installé : il sert désormais.", "success")
    return redirect(url_for(".index"))


@bp.post("/<kind>/retablir")
@requires("draft")
def restore(kind):
    """Remove the custom template; the shipped one fills the documents again."""
    try:
        custom_templates.restore(kind, _root())
    except NotFound as error:
        flash(error.message, "error")
        return redirect(url_for(".index"))
    flash(f"Modèle fourni rétabli pour « {custom_templates.LABELS[kind]} ».", "success")
    return redirect(url_for(".index"))
