"""`render REF --kind schedule -o FILE.docx`: the échéancier filled from a real database."""

import re

import docx
import pytest
from docx.shared import Cm

from convention_manager.documents import render
from convention_manager.exceptions import DomainError, NotFound
from tests.conftest import DEMO

REFERENCE = "HAUT-RHIN-ISG-2024"
EMPLOYER = "Centre d'information sur les droits des femmes et des familles du Haut-Rhin (CIDFF 68)"
HOSTILE = 'CIDFF 68 & <partenaires> "réseau" l\'asso'
FINANCERS = (
    "État, préfecture du Haut-Rhin",
    "Collectivité européenne d'Alsace",
    "Communauté de communes Sud Alsace Largue",
    "Mulhouse Alsace Agglomération",
    "Commune de Wintzenheim",
    "Caisse d'allocations familiales du Haut-Rhin",
)


@pytest.fixture
def haut_rhin(cli, tmp_path):
    """The Haut-Rhin demo case, its employer renamed with characters XML and Jinja dislike."""
    text = (DEMO / "haut-rhin-2024.yaml").read_text(encoding="utf-8")
    assert f"name: {EMPLOYER}\n" in text
    quoted = HOSTILE.replace("'", "''")
    source = tmp_path / "haut-rhin.yaml"
    source.write_text(text.replace(f"name: {EMPLOYER}\n", f"name: '{quoted}'\n"), "utf-8")
    result = cli("import", source)
    assert result.exit_code == 0, result.stderr
    return REFERENCE


@pytest.fixture
def rendered(cli, haut_rhin, tmp_path):
    """The échéancier written by the command, reopened with python-docx."""
    output = tmp_path / "echeancier.docx"
    result = cli("render", haut_rhin, "--kind", "schedule", "-o", output)
    assert result.exit_code == 0, result.stderr
    assert output.is_file()
    return docx.Document(str(output))


def all_texts(document):
    """The text of every paragraph and table cell, body, headers and footers."""
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return texts


def test_the_page_is_a4_portrait(rendered):
    for section in rendered.sections:
        assert abs(section.page_width - Cm(21)) < Cm(0.05)
        assert abs(section.page_height - Cm(29.7)) < Cm(0.05)


def test_the_header_carries_the_reference_and_a_page_field(rendered):
    header = rendered.sections[0].header
    assert REFERENCE in header.paragraphs[0].text
    xml = header._element.xml
    simple = re.search(r'<w:fldSimple w:instr="\s*PAGE\s*"', xml)
    complex_ = re.search(r"<w:instrText[^>]*>\s*PAGE\s*</w:instrText>", xml)
    assert simple or complex_


def test_financers_amounts_and_gap_are_printed(rendered):
    text = "\n".join(all_texts(rendered))
    for name in FINANCERS:
        assert name in text
    assert "66\u202f550,00\xa0€" in text
    assert "71\u202f724,00\xa0€" in text
    assert "176\u202f550,00\xa0€" in text
    assert "3\u202f276,00\xa0€" in text
    assert "trois mille deux cent soixante-seize euros" in text
    assert "1er janvier 2024" in text


def test_the_gap_is_in_bold_red(rendered):
    gap = next(p for p in rendered.paragraphs if p.text.startswith("Reste à financer"))
    assert all(run.bold for run in gap.runs if run.text.strip())
    assert all(str(run.font.color.rgb) == "C00000" for run in gap.runs if run.text.strip())


def test_no_tag_nor_none_is_left(rendered):
    for text in all_texts(rendered):
        assert "{{" not in text and "{%" not in text and "None" not in text, text


def test_hostile_text_survives_intact(rendered):
    texts = all_texts(rendered)
    assert any(HOSTILE in text for text in texts)
    assert not any("&amp;" in text or "&lt;" in text for text in texts)


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--kind", "avenant", "-o", "x.docx"], "aucun avenant n'est enregistré"),
        (["--kind", "avenant", "--avenant", "1", "-o", "x.docx"], "aucun avenant"),
        (["--kind", "schedule", "-o", "x.odt"], ".docx ou .pdf"),
        (["--kind", "schedule", "--avenant", "1", "-o", "x.docx"], "--kind avenant"),
    ],
)
def test_unavailable_requests_exit_1_with_one_french_line(
    cli, haut_rhin, tmp_path, arguments, message
):
    arguments = [str(tmp_path / a) if a.startswith("x.") else a for a in arguments]
    result = cli("render", haut_rhin, *arguments)
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.glob("x.*")) == []


def test_an_unknown_reference_exits_1(cli, tmp_path):
    result = cli("render", "NOPE", "--kind", "schedule", "-o", tmp_path / "x.docx")
    assert result.exit_code == 1
    assert "aucune convention « NOPE »" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_an_instance_template_overrides_the_shipped_one(tmp_path):
    assert render.template_path("schedule", tmp_path) == render.SHIPPED_TEMPLATES / "schedule.docx"
    own = tmp_path / "docx_templates" / "schedule.docx"
    own.parent.mkdir()
    own.write_bytes(b"")
    assert render.template_path("schedule", tmp_path) == own
    with pytest.raises(NotFound):
        render.template_path("nothing-by-that-name", tmp_path)


def one_line_template(path, line):
    document = docx.Document()
    document.add_paragraph(line)
    document.save(str(path))
    return path


def test_the_renderer_escapes_and_formats(tmp_path):
    template = one_line_template(tmp_path / "t.docx", "{{ name }} : {{ total | money }}")
    render.render(template, {"name": HOSTILE, "total": "7500"}, tmp_path / "out.docx")
    text = docx.Document(str(tmp_path / "out.docx")).paragraphs[0].text
    assert text == f"{HOSTILE}\xa0: 7\u202f500,00\xa0€"  # French no-break space before ":"


@pytest.mark.parametrize(
    "line", ["{{ missing }}", "{{ ''.__class__.__mro__[1].__subclasses__() }}"]
)
def test_a_bad_or_unsafe_template_is_a_domain_error(tmp_path, line):
    template = one_line_template(tmp_path / "t.docx", line)
    with pytest.raises(DomainError):
        render.render(template, {}, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_a_template_is_compiled_once_and_an_edited_one_again(tmp_path):
    compiled = render.rendering_environment().compiled
    template = one_line_template(tmp_path / "t.docx", "Tranche : {{ total | money }} {{ tag }}")
    contexts = [{"total": "7500", "tag": "première"}, {"total": "2500.5", "tag": "seconde"}]
    texts = []
    for number, context in enumerate(contexts):
        render.render(template, context, tmp_path / f"out{number}.docx")
        texts.append(docx.Document(str(tmp_path / f"out{number}.docx")).paragraphs[0].text)
    misses = compiled.cache_info().misses
    one_line_template(template, "Solde : {{ total | money }}")  # the same file, edited
    render.render(template, {"total": "1"}, tmp_path / "edited.docx")

    assert texts == [
        "Tranche\xa0: 7\u202f500,00\xa0€ première",
        "Tranche\xa0: 2\u202f500,50\xa0€ seconde",
    ]
    assert compiled.cache_info().misses > misses  # the edited text is compiled
    assert docx.Document(str(tmp_path / "edited.docx")).paragraphs[0].text == "Solde\xa0: 1,00\xa0€"


def test_a_second_document_from_a_template_compiles_nothing(tmp_path):
    compiled = render.rendering_environment().compiled
    template = one_line_template(tmp_path / "t.docx", "{{ name }} — {{ total | money }}")
    render.render(template, {"name": "a", "total": "1"}, tmp_path / "a.docx")
    misses = compiled.cache_info().misses
    render.render(template, {"name": "b", "total": "2"}, tmp_path / "b.docx")

    assert compiled.cache_info().misses == misses
    assert docx.Document(str(tmp_path / "b.docx")).paragraphs[0].text == "b — 2,00\xa0€"
