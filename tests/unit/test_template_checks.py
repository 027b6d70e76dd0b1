"""The static check of a DOCX template: shipped templates pass; unknown names, constructs that
reach outside the data and files that are not plain Word documents are refused, by name."""

import zipfile

import docx
import pytest

from convention_manager.documents import catalogue, checks, render
from convention_manager.exceptions import DomainError


def template(tmp_path, line, name="schedule.docx"):
    """A one-paragraph DOCX template holding `line`."""
    document = docx.Document()
    document.add_paragraph(line)
    path = tmp_path / name
    document.save(str(path))
    return path


def refusal(path, kind="schedule"):
    with pytest.raises(DomainError) as raised:
        checks.check_template(path, kind)
    return raised.value.message


@pytest.mark.parametrize("kind", catalogue.KINDS)
def test_the_shipped_templates_pass(kind):
    checks.check_template(render.template_path(kind), kind)


@pytest.mark.parametrize(
    "line, names",
    [
        ("{{ unknown_thing }}", "« unknown_thing »"),
        ("{{ reference }} {{ signataire_x }} {{ b }}", "« b », « signataire_x »"),
        ("{% for p in nothing %}{{ p }}{% endfor %}", "« nothing »"),
    ],
)
def test_unknown_variables_are_refused_by_name(tmp_path, line, names):
    message = refusal(template(tmp_path, line))
    assert message.startswith("variable") and "le modèle schedule.docx" in message
    assert message.endswith(names)


def test_the_message_is_the_french_sentence(tmp_path):
    path = template(tmp_path, "{{ signataire_x }}", name="convention.docx")
    assert refusal(path, "convention") == (
        "variable inconnue dans le modèle convention.docx : « signataire_x »"
    )


def test_a_variable_of_another_document_is_unknown_here(tmp_path):
    assert "« warnings »" in refusal(template(tmp_path, "{{ warnings }}"), "convention")


def test_loops_assignments_filters_and_jinja_globals_are_allowed(tmp_path):
    line = (
        "{% for p in parties %}{{ loop.index }}. {{ p.name }}{% endfor %}"
        "{% set n = namespace(total=0) %}{% for i in range(3) %}{{ i | number }}{% endfor %}"
        "{{ '7500' | money }} {{ reference | upper }} {% if has_gap %}{{ gap }}{% endif %}"
    )
    checks.check_template(template(tmp_path, line), "schedule")


@pytest.mark.parametrize(
    "line, named",
    [
        ("{{ ''.__class__ }}", ".__class__"),
        ("{{ reference._private }}", "._private"),
        ("{{ reference.mro }}", ".mro"),
        ("{{ reference['__class__'] }}", "__class__"),
        ("{{ parties | map(attribute='__class__') | list }}", "__class__"),
        ("{{ reference | attr('upper') }}", "|attr"),
        ("{% import 'other.docx' as other %}", "{% import %}"),
        ("{% from 'other.docx' import x %}", "{% from … import %}"),
        ("{% include 'other.docx' %}", "{% include %}"),
        ("{% extends 'other.docx' %}", "{% extends %}"),
        ("{% macro m() %}x{% endmacro %}", "{% macro %}"),
    ],
)
def test_forbidden_constructs_are_refused_by_name(tmp_path, line, named):
    message = refusal(template(tmp_path, line))
    assert message == f"construction interdite dans le modèle schedule.docx : « {named} »"


def test_underscores_as_text_are_not_a_construct(tmp_path):
    checks.check_template(template(tmp_path, "Signature : ________ {{ '____' }}"), "schedule")


def test_an_unknown_filter_or_test_is_refused(tmp_path):
    message = refusal(template(tmp_path, "{{ total_cost | euros }}"))
    assert message == "filtre inconnu dans le modèle schedule.docx : « euros »"
    message = refusal(template(tmp_path, "{% if has_gap is huge %}x{% endif %}"))
    assert message == "test inconnu dans le modèle schedule.docx : « huge »"


def test_a_syntax_error_is_refused_with_its_line(tmp_path):
    assert "erreur de syntaxe dans le modèle schedule.docx" in refusal(
        template(tmp_path, "{% if has_gap %}never closed")
    )


def test_headers_and_document_properties_are_checked(tmp_path):
    path = template(tmp_path, "{{ reference }}")
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0].text = "{{ in_the_header }}"
    document.core_properties.title = "{{ in_the_title }}"
    document.save(str(path))
    assert refusal(path).endswith("« in_the_header », « in_the_title »")
    document.core_properties.subject = "{{ reference.__init__ }}"
    document.save(str(path))
    assert refusal(path).endswith("« .__init__ »")


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "schedule.docx"
    path.write_text("{{ reference }}", encoding="utf-8")
    assert refusal(path) == "le modèle schedule.docx n'est pas un document Word (.docx) valide"


def test_a_zip_without_a_word_document_is_refused(tmp_path):
    path = tmp_path / "schedule.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("content.xml", "<office:document/>")
    assert "n'est pas un document Word (.docx) valide" in refusal(path)


def test_a_macro_enabled_document_is_refused(tmp_path):
    path = template(tmp_path, "{{ reference }}")
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("word/vbaProject.bin", b"\x00macro")
    assert "contient des macros (vbaProject.bin)" in refusal(path)


def test_a_template_edited_after_passing_is_checked_again(tmp_path):
    path = template(tmp_path, "{{ reference }}")
    checks.check_template(path, "schedule")
    template(tmp_path, "{{ reference }} {{ unknown_thing }}")
    assert "« unknown_thing »" in refusal(path)
