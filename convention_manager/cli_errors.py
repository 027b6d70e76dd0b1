"""How the console command reports what it refuses: one French line on stderr, status 1.

Domain errors and bad files already arrive in French; click's own usage errors (a missing
argument, an unknown option or command, a value its types refuse) are English paragraphs with a
usage reminder, so they are told again here in one French line.
"""

import functools

import click
from flask.cli import FlaskGroup

HELP = "(voir --help)"


class CommandError(click.ClickException):
    """One French line on stderr, exit status 1."""

    def show(self, file=None):
        """Print the message alone, without click's English prefix."""
        click.echo(f"erreur : {self.message}", err=True)


class FrenchBadParameter(click.BadParameter):
    """A value refused by one of this project's own conversions, its message in French."""


class OneLineUsage(click.Command):
    """A command whose bad arguments, like its bad input, give one line on stderr and status 1."""

    def parse_args(self, ctx, args):
        """Parse as click does, reporting a usage error the way domain errors are reported."""
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            raise CommandError(usage_message(error)) from None


command = functools.partial(click.command, cls=OneLineUsage)


class OneLineGroup(FlaskGroup):
    """The console script: an unknown command is one line and status 1 too."""

    def resolve_command(self, ctx, args):
        """Find the command as click does, reporting an unknown one in one line."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError:
            name = args[0] if args else ""
            raise CommandError(f"commande inconnue « {name} » {HELP}") from None


def usage_message(error):
    """click's usage error, in French."""
    if isinstance(error, click.MissingParameter):
        hint = _hint(error)
        if error.param_type == "argument" or isinstance(error.param, click.Argument):
            return f"argument manquant : {hint} {HELP}"
        return f"option manquante : {hint} {HELP}"
    if isinstance(error, click.NoSuchOption):
        return f"option inconnue « {error.option_name} » {HELP}"
    if isinstance(error, click.BadOptionUsage):
        return f"l'option « {error.option_name} » attend une valeur {HELP}"
    if isinstance(error, click.BadParameter):
        return f"{_hint(error)} : {_expected(error)}"
    if "unexpected extra argument" in error.message:
        return f"argument en trop {HELP}"
    return f"arguments incorrects {HELP}"


def _hint(error):
    if error.param_hint is not None:
        hint = error.param_hint
        return " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint)
    if error.param is not None:
        return error.param.get_error_hint(error.ctx).replace("'", "")
    return "valeur"


def _expected(error):
    """What the parameter takes, in French."""
    if isinstance(error, FrenchBadParameter):
        return error.message
    kind = getattr(error.param, "type", None)
    if isinstance(kind, click.Choice):
        return "valeur attendue parmi " + ", ".join(str(c) for c in kind.choices)
    if isinstance(kind, click.IntRange):
        return "nombre entier attendu" + _bounds(kind)
    if isinstance(kind, click.types.IntParamType):
        return "nombre entier attendu"
    if isinstance(kind, click.Path):
        return "chemin invalide ou introuvable"
    return "valeur invalide"


def _bounds(kind):
    if kind.min is not None and kind.max is not None:
        return f" entre {kind.min} et {kind.max}"
    if kind.min is not None:
        return f" d'au moins {kind.min}"
    if kind.max is not None:
        return f" d'au plus {kind.max}"
    return ""
