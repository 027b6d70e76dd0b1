"""The one module that calls docxtpl: find a DOCX template and fill it with a context.

Rendering goes through a sandboxed, autoescaping Jinja environment: without autoescape docxtpl
silently drops "&" and "<…>" from the data (or breaks the XML), and the sandbox keeps a template
edited by a user from reaching Python internals. Undefined names fail loudly instead of leaving
a blank in a legal document. No Flask here: the caller passes the instance folder.

Each process fills its documents in one environment that keeps the parts it compiled, and
docxtpl's cleaning of each part's XML is kept too: compiling and cleaning the same template
again were over half of every document (`render --all` fills thousands). Both are keyed by the
part's text, so an edited template is compiled afresh.
"""

import functools
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


class KeptEnvironment(SandboxedEnvironment):
    """`environment()`'s settings, compiling each distinct template text once (thread-safe)."""

    def __init__(self):
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.filters.update(JINJA_FILTERS)
        self.compiled = functools.lru_cache(maxsize=KEPT_PARTS)(super().from_string)

    def from_string(self, source, globals=None, template_class=None):
        """The template of `source`, compiled once (a syntax error is raised every time)."""
        if globals is None and template_class is None:
            return self.compiled(source)
        return super().from_string(source, globals, template_class)


KEPT_PARTS = 64  # body, headers and footers of three kinds of document, shipped and custom


@functools.cache
def rendering_environment():
    """This process's environment for filling documents."""
    return KeptEnvironment()


class _Template(DocxTemplate):
    """docxtpl's template, its XML cleaning done once per distinct part text."""

    def patch_xml(self, src_xml):
        return _cleaned(src_xml)


_CLEANER = DocxTemplate(None)  # patch_xml reads nothing of its template: one serves all


@functools.lru_cache(maxsize=KEPT_PARTS)
def _cleaned(src_xml):
    return DocxTemplate.patch_xml(_CLEANER, src_xml)


def render(template_path, context, output_path):
    """Fill the DOCX template with the context and write it to output_path."""
    document = _Template(str(template_path))
    try:
        document.render(context, jinja_env=rendering_environment(), autoescape=True)
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
