"""View decorators enforcing `permissions.ACTIONS`."""

import functools

from flask import abort
from flask_login import current_user

from convention_manager import permissions

# A row number in an address: at most what a database INTEGER holds, so that a longer number
# is an unknown page (404) rather than a database error.
ROW_ID = "int(max=2147483647)"


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
