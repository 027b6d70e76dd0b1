"""French pages for the errors a user can meet."""

from flask import abort, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError

from convention_manager.extensions import db

NUL = "\x00"


def register(app):
    """Attach the error handlers to the app."""
    app.before_request(refuse_nul_characters)
    app.register_error_handler(400, bad_request)
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(403, forbidden)
    app.register_error_handler(404, not_found)
    app.register_error_handler(413, too_large)
    app.register_error_handler(StaleDataError, concurrent_change)


def refuse_nul_characters():
    """Refuse (400) an address or a form holding a NUL character: no one types one, and
    PostgreSQL can neither store nor compare text that holds it (a server error otherwise)."""
    texts = [request.path]
    for fields in (request.args, request.form):
        texts += [text for pair in fields.items(multi=True) for text in pair]
    # A multipart field whose name cannot be read comes with the name None.
    if any(NUL in (text or "") for text in texts):
        abort(400)


def bad_request(error):
    """A request the application cannot read (a NUL character, a malformed form)."""
    message = (
        "La demande contient des caractères ou des données illisibles : rien n'a été "
        "enregistré. Revenez à la page précédente et vérifiez ce qui a été saisi."
    )
    return render_template("errors/error.html", title="Demande refusée", message=message), 400


def csrf_error(error):
    """A form sent without its security token, or with an expired one."""
    message = (
        "Le formulaire a expiré ou ne vient pas de cette application. "
        "Revenez à la page précédente, rechargez-la et envoyez-le de nouveau."
    )
    return render_template("errors/error.html", title="Formulaire refusé", message=message), 400


def not_found(error):
    """An unknown address, or a convention this account may not see."""
    message = (
        "Cette page n'existe pas, ou la convention demandée n'est pas accessible avec votre "
        "compte. Vérifiez la référence dans la liste des conventions."
    )
    return render_template("errors/error.html", title="Page introuvable", message=message), 404


def forbidden(error):
    """A page or action the account's role does not allow."""
    message = (
        "Votre compte ne permet pas cette action. Si vous pensez qu'il le devrait, "
        "adressez-vous à l'administrateur de l'application."
    )
    return render_template("errors/error.html", title="Accès refusé", message=message), 403


def too_large(error):
    """A request (in practice a file sent with a justificatif) above the size limit."""
    message = (
        "Le fichier envoyé est trop volumineux : 10 Mo au plus. Réduisez-le (par exemple en "
        "l'enregistrant en PDF) puis revenez à la page des justificatifs pour l'envoyer de nouveau."
    )
    title = "Fichier trop volumineux"
    return render_template("errors/error.html", title=title, message=message), 413


def concurrent_change(error):
    """Two saves on the same convention at once (two payment steps, a step and a status move):
    the second one's commit finds the convention's version changed and writes nothing."""
    db.session.rollback()
    message = (
        "Cette convention a été modifiée par quelqu'un d'autre au même moment : rien n'a été "
        "enregistré. Revenez à la page précédente, rechargez-la et recommencez."
    )
    return render_template(
        "errors/error.html", title="Modification simultanée", message=message
    ), 409
