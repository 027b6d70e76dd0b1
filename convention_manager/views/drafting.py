"""The drafter's pages: create, edit a draft, amend, renew a convention, move its status.

Every view needs the "draft" action. The convention form works without JavaScript: its buttons
say what to do (add a row, compute, save), and the page is rendered again with all that was typed.
"""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from convention_manager import formatting, labels
from convention_manager.exceptions import ConcurrentUpdate, DomainError, NotFound
from convention_manager.extensions import db
from convention_manager.forms import convention_mapping
from convention_manager.forms.drafting import (
    AvenantForm,
    ConventionForm,
    RenewForm,
    StatusForm,
    TerminationForm,
)
from convention_manager.services import avenants, conventions, drafting, exports, lifecycle
from convention_manager.views.access import requires

bp = Blueprint("drafting", __name__, url_prefix="/conventions")
ROW_ACTIONS = {"add_party": "parties", "add_funding": "funding"}
PERIOD_ACTIONS = ("split_years", "add_period", "show_financing")
ADD_PERIOD_LINE = "add_period_funding-"  # followed by the period's row index


@bp.route("/nouvelle", methods=["GET", "POST"])
@requires("draft")
def new():
    """The guided form of a new convention; saved as a draft."""

    def save(mapping, form):
        convention = drafting.create(mapping)
        db.session.commit()
        flash(f"Brouillon {convention.reference} enregistré.", "success")
        return redirect(url_for("conventions.show", reference=convention.reference))

    return _convention_form(ConventionForm(), {"save": save}, mode="new")


@bp.route("/<reference>/modifier", methods=["GET", "POST"])
@requires("draft")
def edit(reference):
    """The same form, filled with a draft; saving replaces the draft."""
    convention = _convention(reference)
    if convention.status != "draft":
        flash(
            f"{reference} n'est plus un brouillon (statut « {_status(convention)} ») : "
            "elle ne change plus que par avenant.",
            "info",
        )
        return redirect(_after_refusal(convention))
    original = exports.to_file(convention)

    def save(mapping, form):
        drafting.replace_draft(reference, mapping, expected_version=_loaded_version(form))
        db.session.commit()
        flash(f"Brouillon {reference} enregistré.", "success")
        return redirect(url_for("conventions.show", reference=reference))

    form = ConventionForm(data=_filled(original))
    _carry_version(form, convention)
    return _convention_form(
        form, {"save": save}, mode="edit", original=original, convention=convention
    )


@bp.route("/<reference>/avenant", methods=["GET", "POST"])
@requires("draft")
def avenant(reference):
    """The convention as it must read after an avenant: changes shown, then confirmed."""
    convention = _convention(reference)
    if convention.status not in avenants.AMENDABLE:
        flash(_no_avenant(convention), "info")
        return redirect(_after_refusal(convention))
    original = exports.to_file(convention)

    def changes(mapping, form):
        lines = drafting.avenant_changes(reference, mapping, form.requested.data, form.signed.data)
        return {"changes": lines}

    def confirm(mapping, form):
        recorded = avenants.record(
            reference,
            mapping,
            form.requested.data,
            form.signed.data,
            expected_version=_loaded_version(form),
        )
        db.session.commit()
        flash(f"Avenant n°{recorded.number} à {reference} enregistré.", "success")
        return redirect(url_for("conventions.show", reference=reference) + "#avenants-title")

    form = AvenantForm(data=_filled(original))
    _carry_version(form, convention)
    return _convention_form(
        form,
        {"changes": changes, "confirm": confirm},
        mode="avenant",
        original=original,
        convention=convention,
    )


@bp.post("/<reference>/renouveler")
@requires("draft")
def renew(reference):
    """A copy of the convention for the next period, as a new draft opened in the form."""
    convention = _convention(reference)
    form = RenewForm()
    if not form.validate():
        return _refuse(reference, "Renouvellement impossible", form)
    try:
        renewed = drafting.renew(
            reference, form.reference.data.strip(), form.start.data, form.end.data, date.today()
        )
    except DomainError as error:
        db.session.rollback()
        flash(f"Renouvellement impossible : {error.message}", "error")
        return redirect(url_for("conventions.show", reference=convention.reference))
    db.session.commit()
    flash(
        f"Brouillon {renewed.reference} créé pour la période du "
        f"{formatting.short_date(renewed.start)} "
        f"au {formatting.short_date(renewed.end)} : vérifiez-le avant de l'enregistrer.",
        "success",
    )
    return redirect(url_for(".edit", reference=renewed.reference))


@bp.post("/<reference>/statut")
@requires("draft")
def move(reference):
    """Signed, active or ended, on a date."""
    convention = _convention(reference)
    form = StatusForm()
    if not form.validate():
        return _refuse(reference, "Statut inchangé", form)
    try:
        lifecycle.change_status(convention, form.status.data, form.on.data)
    except DomainError as error:
        db.session.rollback()
        flash(f"Statut inchangé : {error.message}", "error")
        return redirect(url_for("conventions.show", reference=reference))
    db.session.commit()
    flash(
        f"{reference} : {labels.CONVENTION_STATUS[convention.status]} le "
        f"{formatting.short_date(form.on.data)}.",
        "success",
    )
    return redirect(url_for("conventions.show", reference=reference))


@bp.post("/<reference>/resiliation")
@requires("draft")
def terminate(reference):
    """Termination after a formal notice; what was paid is refunded pro rata."""
    convention = _convention(reference)
    form = TerminationForm()
    if not form.validate():
        return _refuse(reference, "Résiliation non enregistrée", form)
    try:
        lifecycle.terminate(convention, form.formal_notice.data, form.on.data)
    except DomainError as error:
        db.session.rollback()
        flash(f"Résiliation non enregistrée : {error.message}", "error")
        return redirect(url_for("conventions.show", reference=reference))
    db.session.commit()
    refunds = refund_lines(convention)
    flash(
        f"{reference} résiliée au {formatting.short_date(convention.terminated_on)}. "
        + ("Reversements prévus : " + " ; ".join(refunds) + "." if refunds else "Rien à reverser."),
        "success",
    )
    return redirect(url_for("conventions.show", reference=reference))


def refund_lines(convention):
    """The planned refunds of a terminated convention, one French line each."""
    names = {p.key: p.organisation.name for p in convention.parties}
    return [
        f"{names.get(p.financer_key, p.financer_key)} ({p.period_label}) : "
        f"{formatting.money(p.amount)}"
        for p in convention.payments
        if p.kind == "refund"
    ]


@bp.app_context_processor
def drafting_globals():
    """What the convention page's drafting panel needs: renewal defaults and refunds."""
    return {"renewal_defaults": drafting.renewal_defaults, "refund_lines": refund_lines}


def _convention_form(form, handlers, mode, original=None, convention=None):
    known = drafting.known_organisations()
    action = request.form.get("action") if request.method == "POST" else None
    extra = {"preview": None, "changes": None, "section_errors": {}}
    if _reshaped(form, action):
        pass
    elif action and form.validate():
        mapping = convention_mapping.to_mapping(form.data, known)
        if original is not None:
            mapping = convention_mapping.carry_over(
                dict(mapping, reference=original["reference"]), original
            )
        try:
            if action == "preview":
                extra["preview"] = drafting.preview(mapping)
            elif action in handlers:
                result = handlers[action](mapping, form)
                if isinstance(result, dict):
                    extra.update(result)
                else:
                    return result
        except ConcurrentUpdate as error:
            db.session.rollback()
            form.form_errors.append(error.message)
            # Saving again, having seen what changed, is a deliberate choice: let it through.
            form.version.data = str(convention.version)
        except DomainError as error:
            db.session.rollback()
            extra["section_errors"] = _show_error(form, error.message, mapping)
    elif action:
        form.form_errors.append("Des champs sont à corriger : " + _listed(form.errors))
    minimum = (5, 3) if mode == "new" else (0, 0)
    form.pad_rows(*minimum)
    form.offer_party_keys()
    return render_template(
        "drafting/form.html",
        form=form,
        mode=mode,
        convention=convention,
        organisations=known,
        **extra,
    )


def _reshaped(form, action):
    """Whether the action only reshapes the form (a row, a period, the financing mode)."""
    if action in ROW_ACTIONS:
        getattr(form, ROW_ACTIONS[action]).append_entry()
    elif action in PERIOD_ACTIONS:
        _period_action(form, action)
    elif action and action.startswith(ADD_PERIOD_LINE):
        _add_period_line(form, action[len(ADD_PERIOD_LINE) :])
    else:
        return False
    return True


def _period_action(form, action):
    """Cut the convention year by year, add a period, or show the chosen financing mode."""
    if action == "split_years":
        if not form.split_by_year():
            form.form_errors.append(
                "Pour découper par année, saisissez d'abord les dates de début et de fin "
                "de la convention (section 1)."
            )
    elif action == "add_period":
        form.financing.data = convention_mapping.PERIODS
        form.periods.append_entry()


def _add_period_line(form, position):
    if position.isdigit() and int(position) < len(form.periods):
        form.periods[int(position)].form.funding.append_entry()


def _show_error(form, message, mapping):
    target = convention_mapping.locate(message, mapping.get("reference"), form.data)
    problem = convention_mapping.problem(message)
    if target is None:
        form.form_errors.append(message)
        return {}
    if target[0] == "periods":
        return _show_period_error(form, target, problem)
    if len(target) == 3:
        field = getattr(form, target[0])[target[1]].form[target[2]]
    else:
        field = getattr(form, target[0], None)
    if field is None or target in (("parties",), ("funding",)):
        form.form_errors.append(f"À corriger : {problem}")
        return {target[0]: problem}
    field.errors = [*field.errors, problem]
    where = field.label.text
    if len(target) == 3:
        row = "Partie" if target[0] == "parties" else "Financement, ligne"
        where = f"{row} {target[1] + 1}, {where}"
    form.form_errors.append(f"À corriger : {where} — {problem}")
    form.error_field = field.id
    return {}


def _show_period_error(form, target, problem):
    """A problem in a period: next to its field, else at the top of the period (or of the
    list of periods)."""
    if len(target) == 1:
        form.form_errors.append(f"À corriger : périodes — {problem}")
        return {"periods": problem}
    period = form.periods[target[1]].form
    name = (period.label.data or "").strip() or str(target[1] + 1)
    if len(target) == 2:
        form.form_errors.append(f"À corriger : période {name} — {problem}")
        return {f"period-{target[1]}": problem}
    if len(target) == 5:
        field = period.funding[target[3]].form[target[4]]
        where = f"période {name}, financement ligne {target[3] + 1}, {field.label.text}"
    else:
        field = period[target[2]]
        where = f"période {name}, {field.label.text}"
    field.errors = [*field.errors, problem]
    form.form_errors.append(f"À corriger : {where} — {problem}")
    form.error_field = field.id
    return {}


def _listed(errors):
    """Every error message of a form, nested rows included, once each."""
    found = []
    for value in errors.values():
        items = value.values() if isinstance(value, dict) else value
        for item in items:
            found += _listed(item).split(" ; ") if isinstance(item, dict) else [str(item)]
    return " ; ".join(dict.fromkeys(f for f in found if f))


def _filled(original):
    return convention_mapping.from_mapping(original) if request.method == "GET" else None


def _carry_version(form, convention):
    """The version the user opens goes into the form, and comes back with every post."""
    if request.method == "GET":
        form.version.data = str(convention.version)


def _loaded_version(form):
    """The version the user opened, or None when the form carried none."""
    text = form.version.data or ""
    # isdigit() alone lets "²" through, which int() refuses.
    return int(text) if text.isascii() and text.isdigit() else None


def _convention(reference):
    try:
        return conventions.get(reference)
    except NotFound:
        abort(404)


def _after_refusal(convention):
    if convention.status == "draft":
        return url_for(".edit", reference=convention.reference)
    if convention.status in avenants.AMENDABLE:
        return url_for(".avenant", reference=convention.reference)
    return url_for("conventions.show", reference=convention.reference)


def _no_avenant(convention):
    if convention.status == "draft":
        return f"{convention.reference} est encore un brouillon : modifiez-le directement."
    return f"Pas d'avenant à une convention au statut « {_status(convention)} »."


def _status(convention):
    return labels.CONVENTION_STATUS[convention.status]


def _refuse(reference, what, form):
    flash(f"{what} : " + " ".join(e for errors in form.errors.values() for e in errors), "error")
    return redirect(url_for("conventions.show", reference=reference))
