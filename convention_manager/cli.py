"""The console command `convention-manager` (interface.md): thin commands over the services.

Each command owns its transaction: it commits on success; on a domain error it rolls back,
prints one line on stderr and exits with status 1.
"""

import functools
import gc
import json
import sys
import time
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

from convention_manager import formatting, labels, progress
from convention_manager.cli_errors import CommandError, FrenchBadParameter, OneLineGroup, command
from convention_manager.exceptions import DomainError
from convention_manager.exchange import files
from convention_manager.extensions import db
from convention_manager.rules import deadlines, payments


def transaction(command):
    """Run a command in one transaction: commit on success, roll back and report on error."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            result = command(*args, **kwargs)
            db.session.commit()
            return result
        except DomainError as error:
            db.session.rollback()
            raise CommandError(error.message) from None
        except (OSError, ValueError) as error:
            db.session.rollback()
            raise CommandError(str(error)) from None
        except (OperationalError, ProgrammingError) as error:
            db.session.rollback()
            raise CommandError(
                "base de données inaccessible ou pas encore créée "
                f"(lancez « convention-manager init-db ») : {type(error).__name__}"
            ) from None
        except SQLAlchemyError as error:
            db.session.rollback()
            reason = str(getattr(error, "orig", error)).splitlines()[0]
            raise CommandError(f"la base de données a refusé l'écriture : {reason}") from None

    return with_appcontext(wrapper)


MAX_DAYS = 36_500  # --within: a hundred years; beyond, dates leave the calendar


def iso_date(value):
    """Click type conversion for YYYY-MM-DD dates, with a French error."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FrenchBadParameter(f"date invalide « {value} » (attendu AAAA-MM-JJ)") from None


@command("init-db")
@with_appcontext
def init_db_command():
    """Create or upgrade the database schema (idempotent)."""
    from convention_manager import database
    from convention_manager.services import schedules

    database.upgrade()
    filled = schedules.fill_missing_summaries()
    db.session.commit()
    if filled:
        click.echo(f"Chiffres recalculés pour {filled} convention(s) d'avant la mise à jour")
    click.echo(f"Base à jour : {database.describe(current_app)}")


@command("demo")
@transaction
def demo_command():
    """Load the real cases of domain.md as demo data (idempotent)."""
    from convention_manager.services import demo

    for reference, created in demo.load():
        click.echo(f"{reference} : {'chargée' if created else 'déjà présente'}")
    for user, created in demo.load_accounts():
        click.echo(
            f"Compte {user.email} ({labels.USER_ROLE[user.role]}) : "
            f"{'créé' if created else 'déjà présent'}"
        )
    click.echo(f"Mot de passe des comptes de démonstration : {demo.PASSWORD}")


@command("create-user")
@click.argument("email")
@click.option("--role", required=True, help="admin, drafter, finance or association.")
@click.option("--organisation", help="Exact name of the organisation (association accounts).")
@transaction
def create_user_command(email, role, organisation):
    """Create an account; the password is read from the first line of standard input."""
    from convention_manager.services import accounts

    password = _read_password()
    user = accounts.create_user(email, password, role, organisation)
    click.echo(f"Compte créé : {user.email} ({labels.USER_ROLE[user.role]})")


def _read_password():
    stdin = sys.stdin
    if stdin.isatty():
        password = click.prompt(
            "Mot de passe", hide_input=True, err=True, default="", show_default=False
        )
    else:
        password = stdin.readline().rstrip("\r\n")
    if not password:
        raise DomainError(
            "mot de passe vide : donnez-le sur la première ligne de l'entrée standard"
        )
    return password


NO_PROGRESS = click.option(
    "--no-progress", is_flag=True, help="No progress bar, even on a terminal."
)


@command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@NO_PROGRESS
@transaction
def import_command(file, no_progress):
    """Create conventions from a YAML or JSON file, or replace drafts; all or nothing."""
    from convention_manager.services import conventions

    raw = files.read(file)
    with progress.bar(len(raw), "Import", not no_progress) as bar:
        imported = conventions.import_all(raw, saved=lambda _convention: bar.update(1))
    for convention in imported:
        click.echo(convention.reference)


@command("amend")
@click.argument("reference")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--requested", type=iso_date, help="Date the request letter was sent.")
@click.option("--signed", type=iso_date, help="Date the avenant was signed.")
@transaction
def amend_command(reference, file, requested, signed):
    """Record the next avenant: FILE is the convention as it must read afterwards."""
    from convention_manager.services import avenants

    raw = files.read(file)
    if len(raw) != 1:
        raise DomainError("un avenant porte sur une seule convention")
    avenant = avenants.record(reference, raw[0], requested=requested, signed=signed)
    click.echo(f"Avenant n°{avenant.number} à {reference}")
    for line in avenants.describe(avenant):
        click.echo(f"  {line}")


@command("export")
@click.argument("reference", required=False)
@click.option("--all", "export_all", is_flag=True, help="Every convention, as a list.")
@click.option("--format", "syntax", type=click.Choice(["yaml", "json"]), default="yaml")
@NO_PROGRESS
@transaction
def export_command(reference, export_all, syntax, no_progress):
    """Print a convention (or all) in the import format, with their recorded states."""
    from convention_manager.services import exports

    if export_all == bool(reference):
        raise DomainError("donner une référence, ou --all")
    if not export_all:
        click.echo(files.dump(exports.export(reference), syntax), nl=False)
        return
    data = exports.export_all()
    if syntax == "json" or not data:
        click.echo(files.dump(data, syntax), nl=False)
        return
    # Writing YAML takes most of the time: it goes convention by convention so a bar can follow.
    # A block list is its one-item lists end to end (no anchors): the very bytes of one dump.
    # Printed once the bar is done, so the two never mix on a terminal.
    pieces = []
    with progress.bar(len(data), "Export", not no_progress) as bar:
        for convention in data:
            pieces.append(files.dump([convention], syntax))
            bar.update(1)
    click.echo("".join(pieces), nl=False)


@command("schedule")
@click.argument("reference")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@transaction
def schedule_command(reference, as_json):
    """Financing summary and payment schedule of a convention."""
    from convention_manager.services import conventions, reports

    report = reports.schedule(conventions.get(reference))
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        from convention_manager.services import text_reports

        click.echo(text_reports.schedule(report))


@command("deadlines")
@click.option("--as-of", type=iso_date, help="Reference date (default: today).")
@click.option(
    "--within",
    type=click.IntRange(min=0, max=MAX_DAYS),
    help="Keep late items and those due within DAYS.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@transaction
def deadlines_command(as_of, within, as_json):
    """Obligations and payments due or late across all conventions."""
    from convention_manager.services import reports

    items = reports.deadlines(as_of or date.today(), within)
    if as_json:
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        from convention_manager.services import text_reports

        click.echo(text_reports.deadlines(items))


DOCUMENT_KINDS = ("convention", "avenant", "schedule")


@command("render")
@click.argument("reference", required=False)
@click.option(
    "--all",
    "render_all",
    is_flag=True,
    help="Every convention (or those of --status): REFERENCE.docx each, in the folder -o DIR.",
)
@click.option("--kind", required=True, type=click.Choice(DOCUMENT_KINDS), help="Which document.")
@click.option("--avenant", "avenant_number", type=click.IntRange(min=1), help="Avenant number.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The .docx (or .pdf) file to write; with --all, the folder.",
)
@click.option(
    "--status",
    type=click.Choice(tuple(labels.CONVENTION_STATUS)),
    help="With --all: only the conventions of this status.",
)
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["docx", "pdf"]),
    help="With --all: docx (default) or pdf (LibreOffice).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="With --all: worker processes (default: one per CPU).",
)
@NO_PROGRESS
@transaction
def render_command(
    reference, render_all, kind, avenant_number, output, status, file_format, jobs, no_progress
):
    """Fill a document (DOCX, or PDF when LibreOffice is installed): the convention, an avenant
    or the payment schedule (échéancier); with --all, one per convention into a folder."""
    from convention_manager.services import conventions, document_files

    if render_all == bool(reference):
        raise DomainError("donner une référence, ou --all")
    if render_all:
        _render_all(kind, avenant_number, output, status, file_format, jobs, not no_progress)
        return
    if status or file_format or jobs:
        raise DomainError("--status, --format et --jobs ne s'emploient qu'avec --all")
    if output.is_dir():
        raise DomainError(f"« {output} » est un dossier : donner le fichier à écrire (ou --all)")
    convention = conventions.get(reference)
    avenant = document_files.write(
        convention, kind, output, current_app.config["CUSTOM_TEMPLATES_ROOT"], avenant_number
    )
    if kind == "convention":
        click.echo(f"Convention {reference} écrite dans {output}")
    elif kind == "avenant":
        click.echo(f"Avenant n°{avenant.number} à {reference} écrit dans {output}")
    else:
        click.echo(f"Échéancier de {reference} écrit dans {output}")


def _render_all(kind, avenant_number, folder, status, file_format, jobs, show_progress):
    """`render --all`: one document per convention into `folder`, by `jobs` worker processes."""
    from convention_manager.services import bulk_render

    instance_path = current_app.config["CUSTOM_TEMPLATES_ROOT"]
    job = bulk_render.job(kind, folder, file_format or "docx", instance_path, avenant_number)
    started = time.perf_counter()
    references = bulk_render.references(status)
    with progress.bar(len(references), "Rendu", show_progress) as bar:
        failures = bulk_render.render_all(
            references, job, jobs or bulk_render.default_jobs(), bar.update
        )
    seconds = formatting.number(time.perf_counter() - started, 1)
    for reference, reason in sorted(failures.items()):
        click.echo(f"erreur : {reference} : {reason}", err=True)
    written = _documents(len(references) - len(failures), "écrit")
    click.echo(f"{written} dans {folder} en {seconds} s")
    if failures:
        raise CommandError(f"{_documents(len(failures), 'non écrit')} sur {len(references)}")


def _documents(count, participle):
    """The count, noun and participle agreed: 1 document écrit, 2 documents écrits, 0 document."""
    plural = "s" if count > 1 else ""
    return f"{count} document{plural} {participle}{plural}"


@command("status")
@click.argument("reference")
@click.argument("status", type=click.Choice(["signed", "active", "ended"]))
@click.option("--date", "on", type=iso_date, required=True, help="When it happened.")
@transaction
def status_command(reference, status, on):
    """Record that a convention was signed, became active or ended."""
    from convention_manager.services import conventions, lifecycle

    convention = conventions.get(reference)
    lifecycle.change_status(convention, status, on)
    click.echo(f"{reference} : {labels.CONVENTION_STATUS[status]} le {on.isoformat()}")


@command("terminate")
@click.argument("reference")
@click.option("--notice", type=iso_date, required=True, help="Date of the formal notice.")
@click.option("--date", "on", type=iso_date, help="Termination date (default: notice + 2 months).")
@transaction
def terminate_command(reference, notice, on):
    """Terminate a convention after a formal notice; prints the refunds due."""
    from convention_manager.services import conventions, lifecycle

    convention = conventions.get(reference)
    lifecycle.terminate(convention, notice, on)
    click.echo(f"{reference} : résiliée le {convention.terminated_on.isoformat()}")
    for payment in convention.payments:
        if payment.kind == "refund" and payment.status == "planned":
            click.echo(
                f"  reversement dû à {payment.financer_key} ({payment.period_label}) : "
                f"{formatting.money(payment.amount)}"
            )


@command("payment")
@click.argument("reference")
@click.option("--period", required=True)
@click.option("--financer", required=True)
@click.option("--kind", required=True, type=click.Choice(payments.KINDS))
@click.option("--tranche", type=click.IntRange(min=0, max=999), default=0, show_default=True)
@click.option("--status", required=True, type=click.Choice(["requested", "ordered", "paid"]))
@click.option("--date", "on", type=iso_date, required=True)
@transaction
def payment_command(reference, period, financer, kind, tranche, status, on):
    """Record a payment's step (requested, ordered, paid) with its date."""
    from convention_manager.services import conventions, lifecycle

    convention = conventions.get(reference)
    payment = lifecycle.record_payment(convention, (period, financer, kind, tranche), status, on)
    click.echo(
        f"{reference} : {labels.KIND[kind]} {financer} {period} "
        f"{formatting.money(payment.amount)} {labels.STATUS[status]} le {on.isoformat()}"
    )


@command("obligation")
@click.argument("reference")
@click.argument("kind", type=click.Choice(deadlines.OBLIGATION_KINDS))
@click.option("--subject", default="", help="Financial year closing day or period label.")
@click.option("--status", required=True, type=click.Choice(["sent", "received"]))
@click.option("--date", "on", type=iso_date, required=True)
@transaction
def obligation_command(reference, kind, subject, status, on):
    """Record that a document was sent by the employer or received by the financer."""
    from convention_manager.services import conventions, lifecycle

    lifecycle.record_obligation(conventions.get(reference), kind, subject, status, on)
    click.echo(
        f"{reference} : {labels.KIND[kind]} {subject} {labels.STATUS[status]} le {on.isoformat()}"
    )


@command("event")
@click.argument("reference")
@click.option("--financer", required=True)
@click.option("--period", help="Period label (default: every period).")
@click.option("--notified", type=iso_date, help="Date the attributive act was notified.")
@click.option("--budget-vote", type=iso_date, help="Date of the financer's budget vote.")
@transaction
def event_command(reference, financer, period, notified, budget_vote):
    """Enter the date of a notification or budget vote: the payments it conditions get due dates."""
    from convention_manager.services import conventions, lifecycle

    if notified is None and budget_vote is None:
        raise DomainError("donner --notified ou --budget-vote")
    lifecycle.record_event(conventions.get(reference), financer, period, notified, budget_vote)
    click.echo(f"{reference} : date enregistrée pour {financer}")


@command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file):
    """Copy the SQLite database to FILE while it is in use (online backup); see docs/backup.md."""
    from convention_manager import database

    try:
        database.backup_sqlite(file)
    except (OSError, ValueError) as error:
        raise CommandError(str(error)) from None
    click.echo(f"Sauvegarde écrite dans {file}")


@command("serve")
@click.option("--port", type=click.IntRange(min=1, max=65535), default=5000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@with_appcontext
def serve_command(port, host):
    """Run the web application (development server)."""
    from werkzeug.serving import run_simple

    from convention_manager import config

    try:
        config.refuse_default_secret_key(current_app.config, serving=True)
    except RuntimeError as error:
        raise CommandError(str(error)) from None
    gc.freeze()  # as convention_manager.wsgi does: the app's objects stay out of collections
    # app.run() refuses to start from within a Flask CLI command; run_simple does not.
    run_simple(host, port, current_app._get_current_object(), threaded=True)


COMMANDS = (
    init_db_command,
    demo_command,
    create_user_command,
    import_command,
    amend_command,
    export_command,
    schedule_command,
    deadlines_command,
    render_command,
    status_command,
    terminate_command,
    payment_command,
    obligation_command,
    event_command,
    backup_command,
    serve_command,
)


def register(app):
    """Attach every command to the app's CLI group."""
    for each in COMMANDS:
        app.cli.add_command(each)


def main():
    """Entry point of the `convention-manager` console script."""
    from convention_manager import create_app

    cli = OneLineGroup(
        name="convention-manager",
        # The commands run without a secret key; `serve` checks it before serving.
        create_app=lambda: create_app({"COMMAND_LINE": True}),
        add_default_commands=False,
        add_version_option=False,
        load_dotenv=False,
        help="Conventions de partenariat des intervenants sociaux en commissariat et gendarmerie.",
    )
    sys.exit(cli.main(prog_name="convention-manager"))
