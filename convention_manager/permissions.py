"""Who may do what: one table of actions per role, read by the views and the templates.

An association account is further limited to its own organisation's conventions (see
`User.organisation_scope`); that scope is applied by the services' queries, and a convention
outside it answers 404 so that guessing a reference reveals nothing.
"""

ACTIONS = {
    # Drafting: create, edit, renew, amend conventions, move their status, upload templates.
    "draft": ("admin", "drafter"),
    # Finance: record a payment's steps (requested, ordered, paid).
    "record_payment": ("admin", "finance"),
    # A financer's officer acknowledges a document the employer sent.
    "receive_document": ("admin", "drafter", "finance"),
    # The employer says it sent a document.
    "send_document": ("admin", "association"),
    # Portfolio and cross-territory views.
    "view_portfolio": ("admin", "drafter", "finance"),
    # Accounts.
    "manage_accounts": ("admin",),
}


def can(user, action):
    """True when the signed-in user's role allows the action."""
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")
    return bool(user and user.is_authenticated and user.role in ACTIONS[action])
