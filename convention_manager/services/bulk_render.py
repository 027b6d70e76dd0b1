"""One document per convention written into a folder, by several worker processes.

Each worker is a fresh interpreter (multiprocessing's "spawn") that builds its own app, hence its
own database engine from the same URL: no connection of this process crosses into a worker.
This process lists the references, splits them into chunks and gathers, per convention, the
reason it could not be written, if any. The document of one convention is what `render REF`
writes (services.document_files.write).
"""

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from concurrent import futures
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from flask import current_app

from convention_manager.documents import pdf
from convention_manager.exceptions import DomainError
from convention_manager.extensions import db
from convention_manager.models import Convention
from convention_manager.services import document_files, loading

KINDS = ("convention", "schedule")
# Conventions loaded and rendered per task: enough to load them in a few queries, few enough
# for the work to spread evenly over the workers, for the progress bar to move and for Ctrl-C
# to wait only for the chunks already running.
MAX_CHUNK = 10


@dataclass(frozen=True)
class Job:
    """What every convention of the run gets: which document, in which folder, which format."""

    kind: str
    folder: str
    suffix: str  # ".docx" or ".pdf"
    instance_path: str | None = None


def job(kind, folder, file_format="docx", instance_path=None, avenant_number=None):
    """The Job of a run, once the request is checked; a French DomainError otherwise."""
    folder = Path(folder)
    if kind not in KINDS or avenant_number is not None:
        raise DomainError("avec --all : --kind convention ou schedule, sans --avenant")
    if folder.exists() and not folder.is_dir():
        raise DomainError(f"« {folder} » n'est pas un dossier")
    if not folder.parent.is_dir():
        raise DomainError(f"dossier introuvable : « {folder.parent} »")
    if file_format == "pdf" and not pdf.available():
        pdf.convert(folder / "x.docx", folder / "x.pdf")  # raises the "install it" error
    return Job(kind, str(folder), f".{file_format}", instance_path)


def references(status=None):
    """The references of every convention (only those of `status` when given), in order."""
    query = db.select(Convention.reference).order_by(Convention.reference)
    if status is not None:
        query = query.where(Convention.status == status)
    return list(db.session.scalars(query))


def file_name(reference, suffix):
    """The document's file name: the reference, "/" written "%2F" so it stays in the folder."""
    return quote(reference, safe="") + suffix


def default_jobs():
    """One worker per CPU this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def chunks(items, jobs):
    """`items` cut into consecutive chunks, about four per worker, MAX_CHUNK at most."""
    size = max(1, min(MAX_CHUNK, -(-len(items) // (jobs * 4))))
    return [items[start : start + size] for start in range(0, len(items), size)]


def render_all(refs, job, jobs, advance=None):
    """Write the document of every reference; returns {reference: why it failed}.

    The folder is created if need be. `advance(n)` is called as each chunk of n conventions is
    done. With one job this process renders them itself; with more, that many workers do.
    """
    Path(job.folder).mkdir(exist_ok=True)
    parts = chunks(refs, jobs)
    advance = advance or (lambda steps: None)
    if jobs == 1 or len(parts) < 2:
        app = current_app._get_current_object()
        failures = {}
        for part in parts:
            failures.update(render_chunk(app, part, job))
            advance(len(part))
        return failures
    return _in_workers(parts, job, min(jobs, len(parts)), advance)


def _in_workers(parts, job, jobs, advance):
    settings = {
        "COMMAND_LINE": True,
        "SQLALCHEMY_DATABASE_URI": current_app.config["SQLALCHEMY_DATABASE_URI"],
    }
    executor = futures.ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(settings,),
    )
    failures, sizes = {}, {}
    try:
        for part in parts:
            sizes[executor.submit(_render_in_worker, part, job)] = len(part)
        for done in futures.as_completed(sizes):
            failures.update(done.result())
            advance(sizes[done])
    except BaseException as error:
        # Ctrl-C, a database error, a worker gone: drop the chunks not started (the few running
        # ones end). Cancelled here, not by shutdown(cancel_futures=True): that flag is lost
        # when the executor is collected before its thread reads it, as the exception unwinds.
        for future in sizes:
            future.cancel()
        executor.shutdown(wait=False)
        if isinstance(error, BrokenProcessPool):
            raise DomainError("un processus de rendu s'est arrêté brutalement") from None
        raise
    executor.shutdown()
    return failures


_worker_app = None


def _start_worker(settings):
    """Build this worker's own app; Ctrl-C is the parent's to handle (it stops the workers)."""
    global _worker_app
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()
    from convention_manager import create_app

    _worker_app = create_app(settings)


def _exit_with(parent_sentinel):
    """End this worker when the parent ends: killed (a timeout, kill -9), it can no longer tell
    its workers to stop, and they would wait for work forever."""
    multiprocessing.connection.wait([parent_sentinel])
    os._exit(1)


def _render_in_worker(part, job):
    return render_chunk(_worker_app, part, job)


def render_chunk(app, part, job):
    """Load the conventions of `part` together and write each one's document.

    Runs in an app context of its own, hence a database session of its own, closed at the end.
    Returns {reference: why it failed} for those not written.
    """
    with app.app_context():
        query = (
            db.select(Convention)
            .where(Convention.reference.in_(part))
            .options(*loading.whole_convention(avenants=True))
        )
        found = {c.reference: c for c in db.session.scalars(query)}
        failures = {}
        for reference in part:
            reason = _render_one(found.get(reference), reference, job)
            if reason is not None:
                failures[reference] = reason
        return failures


def _render_one(convention, reference, job):
    if convention is None:
        return "convention introuvable (supprimée pendant le rendu ?)"
    output = Path(job.folder) / file_name(reference, job.suffix)
    try:
        document_files.write(convention, job.kind, output, job.instance_path)
    except DomainError as error:
        return error.message
    except OSError as error:
        return str(error)
    except Exception as error:  # one faulty convention must not stop the others
        return f"{type(error).__name__} : {error}"
    return None
