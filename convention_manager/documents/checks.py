"""Check a DOCX template before anything is filled: a plain Word file, only the catalogue's names.

A template copied into `instance/docx_templates/` is edited by hand, so it is read statically
first, with the sandboxed environment the renderer uses: a file that is not a plain DOCX, a
construct reaching outside the data (imports, includes, macros, `__class__`, `.mro`, `|attr`)
or a variable the document's context does not hold is refused with a French DomainError naming
it, before any output exists. The sandbox still guards the rendering itself.

Every part docxtpl fills is read: the body, headers and footers (`get_undeclared_template_
variables`), and the footnotes and document properties it also renders. A template that passed
is remembered by path, size and modification time, so rendering many documents checks it once.
"""

import re
import zipfile
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, meta, nodes
from lxml.etree import XMLSyntaxError

from convention_manager.documents import catalogue, render
from convention_manager.exceptions import DomainError

FORBIDDEN_TAGS = {
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
    nodes.Include: "{% include %}",
    nodes.Extends: "{% extends %}",
    nodes.Macro: "{% macro %}",
}
FORBIDDEN_ATTRIBUTES = ("mro",)
# A Word template is a few hundred kilobytes unpacked; far more is a zip bomb, not a template.
MAX_UNPACKED_SIZE = 50 * 2**20
FORBIDDEN_FILTERS = ("attr",)
# A string naming a Python internal, as `x["__class__"]` or `map(attribute="__globals__")` use.
DUNDER = re.compile(r"__[A-Za-z]")
# How Jinja's parser reports a filter or test the environment does not have.
UNKNOWN_NAME = re.compile(r"No (?P<what>filter|test) named '(?P<name>[^']+)'")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The core properties docxtpl renders (DocxTemplate.render_properties).
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")

_passed = set()


def check_template(path, kind):
    """Refuse, with a DomainError in French, a template `render` must not fill for `kind`."""
    path = Path(path)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, kind)
    if key in _passed:
        return
    known = catalogue.names(kind)
    check_package(path)
    env = render.environment()
    document = DocxTemplate(str(path))
    try:
        undeclared = set(document.get_undeclared_template_variables(env))
        trees = [env.parse(source) for source in _sources(document)]
    except TemplateSyntaxError as error:
        raise _syntax_error(error, path.name) from None
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError):
        raise _not_a_docx(path) from None
    for tree in trees:
        _check_constructs(tree, env, path.name)
        undeclared |= meta.find_undeclared_variables(tree)
    unknown = sorted(undeclared - known - set(env.globals))
    if unknown:
        listed = ", ".join(f"« {name} »" for name in unknown)
        noun = "variable inconnue" if len(unknown) == 1 else "variables inconnues"
        raise DomainError(f"{noun} dans le modèle {path.name} : {listed}")
    _passed.add(key)


def check_package(path):
    """A zip holding `word/document.xml` and no macros, or a DomainError."""
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError):
        raise _not_a_docx(path) from None
    if unpacked > MAX_UNPACKED_SIZE:
        raise DomainError(
            f"le modèle {path.name} se décompresse en plus de "
            f"{MAX_UNPACKED_SIZE // 2**20} Mo : refusé (archive anormale)"
        )
    if "word/document.xml" not in names:
        raise _not_a_docx(path)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise DomainError(
            f"le modèle {path.name} contient des macros (vbaProject.bin) : "
            "enregistrez-le en document Word .docx sans macros"
        )


def _not_a_docx(path):
    return DomainError(f"le modèle {path.name} n'est pas un document Word (.docx) valide")


def _sources(document):
    """The Jinja source of each part docxtpl fills: footnotes, properties, body, headers…"""
    document.init_docx()
    package = document.docx.part.package
    for part in package.parts:
        if part.content_type == FOOTNOTES:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            yield document.patch_xml(blob)
    properties = document.docx.core_properties
    for name in PROPERTIES:
        yield getattr(properties, name) or ""
    # The body, headers and footers again: their variables came from docxtpl, not their tags.
    yield document.patch_xml(document.get_xml())
    for _, part in document.get_headers_footers(document.HEADER_URI):
        yield document.patch_xml(document.get_part_xml(part))
    for _, part in document.get_headers_footers(document.FOOTER_URI):
        yield document.patch_xml(document.get_part_xml(part))


def _syntax_error(error, name):
    """Jinja's parse error in French; an unknown filter or test is named as such."""
    unknown = UNKNOWN_NAME.match(error.message or "")
    if unknown:
        what = "filtre inconnu" if unknown["what"] == "filter" else "test inconnu"
        return DomainError(f"{what} dans le modèle {name} : « {unknown['name']} »")
    return DomainError(
        f"erreur de syntaxe dans le modèle {name}, ligne {error.lineno} : {error.message}"
    )


def _check_constructs(tree, env, name):
    for node in tree.find_all(nodes.Node):
        found = _forbidden(node)
        if found:
            raise DomainError(f"construction interdite dans le modèle {name} : « {found} »")
        if isinstance(node, nodes.Test) and node.name not in env.tests:
            raise DomainError(f"test inconnu dans le modèle {name} : « {node.name} »")


def _forbidden(node):
    """How the construct reads in the template when it is forbidden, else None."""
    for kind, tag in FORBIDDEN_TAGS.items():
        if isinstance(node, kind):
            return tag
    if isinstance(node, nodes.Getattr) and (
        node.attr.startswith("_") or node.attr in FORBIDDEN_ATTRIBUTES
    ):
        return f".{node.attr}"
    if isinstance(node, nodes.Const) and isinstance(node.value, str) and DUNDER.search(node.value):
        return node.value
    if isinstance(node, nodes.Filter) and node.name in FORBIDDEN_FILTERS:
        return f"|{node.name}"
    return None
