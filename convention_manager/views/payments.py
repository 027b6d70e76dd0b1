"""The payments across conventions: filters, sections, pages, exports, and the finance
officer's one-step recording of a payment's progress."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from convention_manager import formatting, labels
from convention_manager.exceptions import DomainError, NotFound
from convention_manager.extensions import db
from convention_manager.forms.payments import PaymentStepForm
from convention_manager.services import payment_list, tabular_lists
from convention_manager.views import downloads
from convention_manager.views.access import ROW_ID, requires

bp = Blueprint("payments", __name__, url_prefix="/versements")


@bp.get("")
def index():
    """Every payment the user may see, filtered, sorted by due date, 50 a page, or exported."""
    filters = payment_list.Filters.from_args(request.args)
    today = date.today()
    scope = current_user.organisation_scope
    export = request.args.get("format")
    if export in tabular_lists.FORMATS:
        rows = payment_list.all_rows(today, scope, filters)
        return downloads.attachment(*tabular_lists.payments(rows, export))
    listing = payment_list.listing(today, filters, scope)
    return render_template(
        "payments/index.html",
        listing=listing,
        filters=filters,
        situations=payment_list.SITUATIONS,
        situation_labels=payment_list.SITUATION_LABELS,
        today=today,
        form=PaymentStepForm(formdata=None, on=today),
    )


@bp.post(f"/<{ROW_ID}:payment_id>")
@requires("record_payment")
def record(payment_id):
    """Record the step chosen for one payment, then go back to the same filtered list."""
    form = PaymentStepForm()
    back = _back(form.back.data)
    if not form.validate():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
        return redirect(back)
    try:
        payment = payment_list.record_step(payment_id, form.status.data, form.on.data)
    except NotFound:
        abort(404)
    except DomainError as error:
        db.session.rollback()
        flash(f"Versement non enregistré : {error}.", "error")
        return redirect(back)
    db.session.commit()
    flash(
        f"Versement {payment_list.describe(payment)} enregistré comme "
        f"{labels.STATUS[payment.status]} le {formatting.short_date(form.on.data)}.",
        "success",
    )
    return redirect(back)


def _back(address):
    """Back to the list the form came from, never to another site."""
    if address and address.startswith("/versements") and "//" not in address:
        return address
    return url_for(".index")
