"""French pages for the errors a user can meet."""

from flask import abort, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError

from convention_manager.extensions import db

NUL = "\x00"


# What each error says, in French: (handled error, status, title, message).
PAGES = (
    (
        400,
        400,
        "Demande refusée",
        "La demande contient des caractères ou des données illisibles : rien n'a été "
        "enregistré. Revenez à la page précédente et vérifiez ce qui a été saisi.",
    ),
    (
        CSRFError,  # a form sent without its security token, or with an expired one
        400,
        "Formulaire refusé",
        "Le formulaire a expiré ou ne vient pas de cette application. "
        "Revenez à la page précédente, rechargez-la et envoyez-le de nouveau.",
    ),
    (
        403,
        403,
        "Accès refusé",
        "Votre compte ne permet pas cette action. Si vous pensez qu'il le devrait, "
        "adressez-vous à l'administrateur de l'application.",
    ),
    (
        404,  # also a convention this account may not see
        404,
        "Page introuvable",
        "Cette page n'existe pas, ou la convention demandée n'est pas accessible avec votre "
        "compte. Vérifiez la référence dans la liste des conventions.",
    ),
    (
        413,  # in practice a file sent with a justificatif
        413,
        "Fichier trop volumineux",
        "Le fichier envoyé est trop volumineux : 10 Mo au plus. Réduisez-le (par exemple en "
        "l'enregistrant en PDF) puis revenez à la page des justificatifs pour l'envoyer de "
        "nouveau.",
    ),
    (
        # Two saves on the same convention at once (two payment steps, a step and a status
        # move): the second one's commit finds the convention's version changed.
        StaleDataError,
        409,
        "Modification simultanée",
        "Cette convention a été modifiée par quelqu'un d'autre au même moment : rien n'a été "
        "enregistré. Revenez à la page précédente, rechargez-la et recommencez.",
    ),
)


def register(app):
    """Attach the error handlers to the app."""
    app.before_request(refuse_nul_characters)
    for error, status, title, message in PAGES:
        app.register_error_handler(error, _page(status, title, message))


def _page(status, title, message):
    def handler(error):
        db.session.rollback()  # whatever the request had begun is not written
        return render_template("errors/error.html", title=title, message=message), status

    return handler


def refuse_nul_characters():
    """Refuse (400) an address or a form holding a NUL character: no one types one, and
    PostgreSQL can neither store nor compare text that holds it (a server error otherwise)."""
    texts = [request.path]
    for fields in (request.args, request.form):
        texts += [text for pair in fields.items(multi=True) for text in pair]
    # A multipart field whose name cannot be read comes with the name None.
    if any(NUL in (text or "") for text in texts):
        abort(400)
