"""The justificatifs page: documents owed and payments awaited, marking a document sent (with
its file) or received, downloading those files, and each organisation's calendar feed."""

from dataclasses import replace
from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user

from convention_manager import formatting, labels
from convention_manager.exceptions import DomainError, NotFound
from convention_manager.extensions import db
from convention_manager.forms.obligations import ReceiveForm, SendForm, filters_from
from convention_manager.services import (
    calendar_feed,
    obligations,
    obligations_page,
    tabular_lists,
    uploads,
)
from convention_manager.services.convention_page import obligation_subject
from convention_manager.views import downloads
from convention_manager.views.access import ROW_ID, requires
from convention_manager.views.auth import safe_next

bp = Blueprint("obligations", __name__)


@bp.get("/justificatifs")
def index():
    """Every document owed, late ones first, and what the employer still awaits."""
    scope = current_user.organisation_scope
    filters = filters_from(request.args)
    if scope is not None:
        filters = replace(filters, organisation_id=None)
    today = date.today()
    export = request.args.get("format")
    if export in tabular_lists.FORMATS:
        rows = obligations_page.all_rows(filters, today, scope)
        return downloads.attachment(*tabular_lists.obligations(rows, export))
    page = obligations_page.page(filters, today=today, scope=scope)
    return render_template(
        "obligations/index.html",
        page=page,
        filters=filters,
        today=today,
        back=request.full_path,
        calendar_url=_calendar_url(),
        filter_args=_filter_args(filters),
        state_filters=obligations_page.STATE_FILTER_LABELS,
    )


@bp.post(f"/justificatifs/<{ROW_ID}:obligation_id>/envoi")
@requires("send_document")
def send(obligation_id):
    """Mark a document sent on the date given, with its file if one is attached."""
    obligation = _obligation(obligation_id)
    form = SendForm()
    if not form.validate_on_submit():
        return _refused(form, obligation)
    return _record(
        form,
        obligation,
        "envoyé",
        lambda: obligations.send(
            obligation,
            form.on.data,
            date.today(),
            upload=_upload(form.file.data),
            folder=current_app.config["UPLOAD_FOLDER"],
            limit=current_app.config["MAX_UPLOAD_SIZE"],
            user=current_user._get_current_object(),
        ),
    )


@bp.post(f"/justificatifs/<{ROW_ID}:obligation_id>/reception")
@requires("receive_document")
def receive(obligation_id):
    """Mark a sent document received on the date given."""
    obligation = _obligation(obligation_id)
    form = ReceiveForm()
    if not form.validate_on_submit():
        return _refused(form, obligation)
    return _record(
        form,
        obligation,
        "reçu",
        lambda: obligations.receive(obligation, form.on.data, date.today()),
    )


def _record(form, obligation, done, step):
    """Run a step of a justificatif; commit and say it was `done`, or roll back and say why."""
    try:
        step()
    except DomainError as error:
        db.session.rollback()
        flash(f"{_name(obligation)} : {error.message}", "error")
        return _back(form, obligation)
    db.session.commit()
    flash(f"{_name(obligation)} : {done} le {formatting.short_date(form.on.data)}.", "success")
    return _back(form, obligation)


@bp.get(f"/justificatifs/fichiers/<{ROW_ID}:file_id>")
def download(file_id):
    """A file sent with a document, always as an attachment, never shown in the browser."""
    try:
        attached = obligations.attached_file(file_id, current_user.organisation_scope)
    except NotFound:
        abort(404)
    path = uploads.path_of(attached, current_app.config["UPLOAD_FOLDER"])
    if not path.is_file():
        abort(404)
    response = send_file(
        path,
        mimetype=attached.content_type,
        as_attachment=True,
        download_name=attached.original_name,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.post("/justificatifs/calendrier")
def new_calendar_link():
    """Create the organisation's calendar link, or replace it (the old one stops working)."""
    if current_user.organisation_scope is None:
        abort(403)
    organisation = current_user.organisation
    replacing = organisation.calendar_token is not None
    calendar_feed.regenerate(organisation)
    db.session.commit()
    flash(
        "Nouveau lien d'abonnement créé : l'ancien ne fonctionne plus, mettez à jour votre agenda."
        if replacing
        else "Lien d'abonnement créé : ajoutez-le à votre agenda.",
        "success",
    )
    return redirect(url_for("obligations.index", _anchor="calendrier"))


@bp.get("/calendrier/<token>.ics")
def calendar(token):
    """The calendar feed of the organisation holding this secret link (no sign-in)."""
    try:
        data = calendar_feed.feed(token)
    except NotFound:
        abort(404)
    return Response(
        data,
        content_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, max-age=300", "X-Content-Type-Options": "nosniff"},
    )


def _obligation(obligation_id):
    try:
        return obligations.get(obligation_id, current_user.organisation_scope)
    except NotFound:
        abort(404)


def _upload(storage):
    if storage is None or not getattr(storage, "filename", None):
        return None
    return uploads.Upload(storage.filename, storage.read())


def _name(obligation):
    return (
        f"{obligation.convention.reference}, {labels.KIND[obligation.kind]} "
        f"({obligation_subject(obligation)})"
    )


def _refused(form, obligation):
    for errors in form.errors.values():
        for error in errors:
            flash(f"{_name(obligation)} : {error}", "error")
    return _back(form, obligation)


def _back(form, obligation):
    target = safe_next(form.back.data) or url_for("obligations.index")
    return redirect(f"{target.split('#')[0]}#justificatif-{obligation.id}")


def _calendar_url():
    if current_user.organisation_scope is None:
        return None
    token = current_user.organisation.calendar_token
    return url_for("obligations.calendar", token=token, _external=True) if token else None


def _filter_args(filters):
    """The query-string arguments that keep the current filters (for the page links)."""
    args = {
        "etat": filters.state,
        "convention": filters.reference,
        "annee": filters.year,
        "organisme": filters.organisation_id,
    }
    return {name: value for name, value in args.items() if value is not None}
