"""The main menu: each area adds its entry here; an entry shows only when its page exists and
the signed-in user's role allows it."""

from flask import current_app, request
from flask_login import current_user

from convention_manager import permissions

# (endpoint, French label, action required or None for every signed-in user)
MENU = [
    ("home.index", "Tableau de bord", None),
    ("drafting.new", "Nouvelle convention", "draft"),
    ("payments.index", "Versements", None),
    ("obligations.index", "Justificatifs", None),
    ("portfolio.index", "Portefeuille", "view_portfolio"),
    ("document_templates.index", "Modèles", "draft"),
]


def template_globals():
    """`navigation`: the menu entries this user may follow, the current one marked."""
    if not current_user.is_authenticated:
        return {"navigation": []}
    entries = [
        {"endpoint": endpoint, "label": label, "current": request.endpoint == endpoint}
        for endpoint, label, action in MENU
        if endpoint in current_app.view_functions
        and (action is None or permissions.can(current_user, action))
    ]
    return {"navigation": entries}
