"""The one module that calls docxtpl: find a DOCX template and fill it with a context.

Rendering goes through a sandboxed, autoescaping Jinja environment: without autoescape docxtpl
silently drops "&" and "<…>" from the data (or breaks the XML), and the sandbox keeps a template
edited by a user from reaching Python internals. Undefined names fail loudly instead of leaving
a blank in a legal document. No Flask here: the caller passes the instance folder.
"""

import os
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from convention_manager.documents import typography
from convention_manager.exceptions import DomainError, NotFound
from convention_manager.formatting import JINJA_FILTERS

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
SHIPPED_TEMPLATES = PROJECT_ROOT / "docx_templates"


def template_path(name, instance_path=None):
    """The instance's `docx_templates/NAME.docx` when present, else the shipped one."""
    candidates = [SHIPPED_TEMPLATES / f"{name}.docx"]
    if instance_path is not None:
        candidates.insert(0, Path(instance_path) / "docx_templates" / f"{name}.docx")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise NotFound(f"modèle de document introuvable : docx_templates/{name}.docx")


def environment():
    """A sandboxed, autoescaping Jinja environment with the French formatting filters."""
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    env.filters.update(JINJA_FILTERS)
    return env


def render(template_path, context, output_path):
    """Fill the DOCX template with the context and write it to output_path."""
    document = DocxTemplate(str(template_path))
    try:
        document.render(context, jinja_env=environment(), autoescape=True)
    except TemplateError as error:
        raise DomainError(f"modèle {Path(template_path).name} : {error}") from None
    except ValueError as error:  # a filter given a value it cannot read
        raise DomainError(
            f"modèle {Path(template_path).name} : valeur illisible ({error})"
        ) from None
    typography.apply(document.docx)
    # Written beside the target then renamed: an interrupted save never leaves half a document.
    output_path = Path(output_path)
    partial = output_path.with_name(f".{output_path.name}.part")
    try:
        document.save(str(partial))
        os.replace(partial, output_path)
    finally:
        partial.unlink(missing_ok=True)
    return output_path
