"""Progress bars for the long commands: on stderr, and only when a person watches a terminal.

Scripts and pipes see exactly what they saw before: a bar is drawn only when stderr is a
terminal, and never on stdout, which carries the commands' results.
"""

import sys

import click

# A single step (one convention) is over before a bar would be read.
MIN_STEPS = 2


def bar(length, label, enabled=True):
    """A bar of `length` steps on stderr (count, total, time left), or a silent stand-in.

    Both are context managers with `update(steps)`; the bar is drawn only when `enabled`, there
    are at least MIN_STEPS steps and stderr is a terminal.
    """
    if enabled and length >= MIN_STEPS and watched():
        return click.progressbar(
            length=length, label=label, file=sys.stderr, show_pos=True, show_eta=True
        )
    return Silent()


def watched():
    """True when stderr is a terminal (a person is looking), False in scripts and pipes."""
    stream = sys.stderr
    return stream is not None and stream.isatty()


class Silent:
    """What a bar does when nobody watches: nothing."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def update(self, steps):
        """Ignore the steps."""
