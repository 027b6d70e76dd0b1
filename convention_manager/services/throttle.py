"""Failed sign-ins counted per (address, remote address) in a sliding window, in memory.

In-process on purpose: one server process is the deployment this application targets, and a
restart forgetting the count only gives an attacker back what a few minutes' wait would. With
several worker processes each keeps its own count, so the limit is per process.
"""

import math
import threading
import time
from collections import deque

EXTENSION = "login_throttle"


class SlidingWindow:
    """At most `limit` failures per `window` seconds for each key; success forgets the key."""

    def __init__(self, limit, window, clock=time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures = {}
        self._lock = threading.Lock()

    def wait(self, key):
        """Seconds before this key may try again (0 when it may try now)."""
        with self._lock:
            failures = self._recent(key)
            if len(failures) < self.limit:
                return 0
            return max(failures[0] + self.window - self.clock(), 0)

    def fail(self, key):
        """Count one failure for the key."""
        with self._lock:
            self._recent(key).append(self.clock())

    def reset(self, key):
        """Forget the key's failures (after a successful sign-in)."""
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key):
        failures = self._failures.setdefault(key, deque())
        horizon = self.clock() - self.window
        while failures and failures[0] <= horizon:
            failures.popleft()
        return failures


def for_app(app):
    """The app's sign-in throttle, made from LOGIN_MAX_FAILURES and LOGIN_WINDOW_SECONDS."""
    throttle = app.extensions.get(EXTENSION)
    if throttle is None:  # setdefault: two first requests in parallel still share one
        throttle = app.extensions.setdefault(
            EXTENSION,
            SlidingWindow(app.config["LOGIN_MAX_FAILURES"], app.config["LOGIN_WINDOW_SECONDS"]),
        )
    return throttle


def refusal(seconds):
    """The French message shown while sign-ins are refused."""
    minutes = max(math.ceil(seconds / 60), 1)
    unit = "minute" if minutes == 1 else "minutes"
    return f"Trop de tentatives, réessayez dans {minutes} {unit}."
