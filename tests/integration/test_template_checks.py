"""`render` with a custom template in `instance/docx_templates/`: a bad one is refused with one
French line naming the problem and writes nothing; a good one is filled."""

import docx
import pytest

from tests.conftest import DEMO
from tests.integration.test_render import all_texts

REFERENCE = "NORD-CA2C-2023"


@pytest.fixture
def instance(app, cli, tmp_path):
    """The app's instance folder moved under tmp_path, with the Nord convention imported."""
    app.instance_path = str(tmp_path / "instance")
    (tmp_path / "instance" / "docx_templates").mkdir(parents=True)
    result = cli("import", DEMO / "nord-ca2c-2023.yaml")
    assert result.exit_code == 0, result.stderr
    return tmp_path / "instance"


def custom(instance, line, name="schedule.docx"):
    """Install a one-paragraph template as the instance's `name`."""
    document = docx.Document()
    document.add_paragraph(line)
    path = instance / "docx_templates" / name
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    "line, named",
    [
        ("{{ reference }} {{ unknown_thing }}", "« unknown_thing »"),
        ("{{ ''.__class__ }}", "« .__class__ »"),
        ("{% include 'convention.docx' %}", "« {% include %} »"),
    ],
)
def test_a_bad_custom_template_exits_1_and_writes_nothing(cli, instance, tmp_path, line, named):
    custom(instance, line)
    output = tmp_path / "out" / "echeancier.docx"
    output.parent.mkdir()
    result = cli("render", REFERENCE, "--kind", "schedule", "-o", output)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "schedule.docx" in lines[0] and named in lines[0]
    assert list(output.parent.iterdir()) == []


def test_a_file_that_is_not_a_docx_is_refused(cli, instance, tmp_path):
    (instance / "docx_templates" / "convention.docx").write_bytes(b"PK not really a zip")
    output = tmp_path / "convention.docx"
    result = cli("render", REFERENCE, "--kind", "convention", "-o", output)
    assert result.exit_code == 1
    assert "n'est pas un document Word (.docx) valide" in result.stderr
    assert not output.exists()


def test_a_misspelt_field_is_refused_while_filling_and_writes_nothing(cli, instance, tmp_path):
    custom(instance, "{% for p in parties %}{{ p.nme }}{% endfor %}")
    output = tmp_path / "echeancier.docx"
    result = cli("render", REFERENCE, "--kind", "schedule", "-o", output)
    assert result.exit_code == 1
    assert "nme" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not output.exists()


def test_a_good_custom_template_is_filled(cli, instance, tmp_path):
    custom(instance, "Échéancier {{ reference }} : {{ total_cost }} ({{ total_cost_words }})")
    output = tmp_path / "echeancier.docx"
    result = cli("render", REFERENCE, "--kind", "schedule", "-o", output)
    assert result.exit_code == 0, result.stderr
    text = "\n".join(all_texts(docx.Document(str(output))))
    assert "Échéancier NORD-CA2C-2023" in text and "euros" in text
