"""View decorators enforcing `permissions.ACTIONS`."""

import functools

from flask import abort
from flask_login import current_user

from convention_manager import permissions


def requires(action):
    """Refuse (403) a view to users whose role does not allow `action`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if not permissions.can(current_user, action):
                abort(403)
            return view(*args, **kwargs)

        wrapper.required_action = action
        return wrapper

    return decorator


def template_globals():
    """`can("record_payment")` in every template."""
    return {"can": lambda action: permissions.can(current_user, action)}
