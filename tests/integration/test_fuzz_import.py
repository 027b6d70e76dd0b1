"""Bad input everywhere: random and mangled convention files thrown at `import` always end in
success or one French line on stderr, never a traceback, and a refused file stores nothing;
hostile text in a convention comes out escaped on the pages and intact in the DOCX."""

import copy
import json
from itertools import count

import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect

from convention_manager.extensions import db as _db

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HOSTILE = [
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "\"quotes' & ampersands",
    "x" * 5000,
    "",
    " ",
    "2023-02-30",
    "31/12/2023",
    "1e400",
    "-7500",
    "NaN",
    "∞",
    "\x00",
    "../../etc/passwd",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(HOSTILE),
    st.text(max_size=30),
    st.dates().map(str),
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=12) | st.sampled_from(["reference", "parties", "funding"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)
files = count()


def example(example_file):
    return yaml.safe_load(example_file.read_text(encoding="utf-8"))


def row_counts(app):
    with app.app_context():
        tables = inspect(_db.engine).get_table_names()
        with _db.engine.connect() as connection:
            return {
                t: connection.execute(_db.text(f'SELECT COUNT(*) FROM "{t}"')).scalar()
                for t in tables
            }


def throw(app, cli, tmp_path, content, suffix):
    """Import the content; check the outcome is clean and a refusal changes nothing."""
    path = tmp_path / f"fuzz-{next(files)}{suffix}"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "replace"))
    before = row_counts(app)
    result = cli("import", path)
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("erreur"), result.stderr
        assert row_counts(app) == before
    return result


def dump(data, suffix):
    if suffix == ".json":
        return json.dumps(data, default=str, ensure_ascii=False)
    return yaml.safe_dump(data, allow_unicode=True)


@FUZZ
@given(data=STRUCTURES, suffix=st.sampled_from([".yaml", ".json"]))
def test_random_structures_are_refused_cleanly(app, cli, tmp_path, data, suffix):
    throw(app, cli, tmp_path, dump(data, suffix), suffix)


@FUZZ
@given(
    content=st.binary(max_size=200) | st.text(max_size=200),
    suffix=st.sampled_from([".yaml", ".json", ".yml"]),
)
def test_random_bytes_are_refused_cleanly(app, cli, tmp_path, content, suffix):
    throw(app, cli, tmp_path, content, suffix)


def paths(data, prefix=()):
    """Every path to a value in a nested structure."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


def mutate(data, path, action, value):
    data = copy.deepcopy(data)
    if not path:
        return value if action == "replace" else data
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if action == "delete":
        del parent[path[-1]]
    elif action == "unknown" and isinstance(parent, dict):
        parent["clé_inconnue"] = value
    else:
        parent[path[-1]] = value
    return data


@FUZZ
@given(
    choice=st.data(),
    action=st.sampled_from(["replace", "delete", "unknown"]),
    value=STRUCTURES,
    suffix=st.sampled_from([".yaml", ".json"]),
)
def test_mangled_examples_are_refused_cleanly(
    app, cli, tmp_path, example_file, choice, action, value, suffix
):
    valid = example(example_file)
    path = choice.draw(st.sampled_from(list(paths(valid))))
    throw(app, cli, tmp_path, dump(mutate(valid, path, action, value), suffix), suffix)


SCRIPT = "<script>alert(1)</script>"
LONG_NAME = "Association " + "très longue " * 33


def hostile_convention(example_file, tmp_path):
    data = example(example_file)
    data["title"] = f"{SCRIPT} {{{{ 7*7 }}}} \"quotes' & ampersands"
    data["parties"][0]["name"] = f"État {SCRIPT}"
    data["parties"][1]["name"] = "Département {{ 7*7 }} \"quotes' & ampersands"
    data["parties"][3]["name"] = LONG_NAME[:300]  # the longest name an organisation may have
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return data, path


def test_hostile_text_is_escaped_on_the_pages(app, cli, client, login, example_file, tmp_path):
    data, path = hostile_convention(example_file, tmp_path)
    assert cli("import", path).exit_code == 0
    login("drafter")

    for address in ("/", f"/conventions/{data['reference']}"):
        response = client.get(address, follow_redirects=True)
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert SCRIPT not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "{{ 7*7 }}" in page and "49" not in page.split("{{ 7*7 }}")[0][-5:]
        assert "&#34;quotes&#39; &amp; ampersands" in page or "&quot;quotes" in page


def test_hostile_text_is_intact_in_the_docx(app, cli, example_file, tmp_path):
    data, path = hostile_convention(example_file, tmp_path)
    cli("import", path)
    output = tmp_path / "hostile.docx"

    result = cli("render", data["reference"], "--kind", "convention", "-o", output)

    assert result.exit_code == 0, result.stderr
    document = Document(output)
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert data["title"] in text
    assert f"État {SCRIPT}" in text
    assert LONG_NAME[:300].strip() in text


def test_a_name_longer_than_the_column_is_one_clear_error(app, cli, example_file, tmp_path):
    data = example(example_file)
    data["parties"][3]["name"] = "N" * 301
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    result = cli("import", path)

    assert result.exit_code == 1
    assert "texte trop long (301 caractères, 300 au plus)" in result.stderr
