"""Progress bars of the long commands (on a terminal only) and `render --all` into a folder.

The bar is checked through the real console command with its stderr on a pseudo-terminal, then
on a pipe: a person sees the bar, a script sees exactly what it saw before.
"""

import os
import subprocess
import sys
import threading
from pathlib import Path

import docx
import pytest

from convention_manager.documents import pdf
from convention_manager.exchange import files
from convention_manager.extensions import db as _db
from convention_manager.models import Convention
from convention_manager.services import bulk_render, exports
from tests.conftest import DEMO

SCRIPT = Path(sys.executable).with_name("convention-manager")
COMMAND = (
    [str(SCRIPT)]
    if SCRIPT.exists()
    else [sys.executable, "-c", "from convention_manager.cli import main; main()"]
)
DEMO_REFERENCES = [
    "BAS-RHIN-ISG-2024",
    "EXEMPLE-ISC-2025-2027",
    "HAUT-RHIN-ISG-2024",
    "NORD-CA2C-2023",
]


def run(app, *args, terminal):
    """Run the console command on the app's database, stderr on a pseudo-terminal or a pipe.

    Returns (exit status, stdout, stderr) as bytes.
    """
    env = dict(os.environ, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"])
    command = [*COMMAND, *map(str, args)]
    if not terminal:
        done = subprocess.run(
            command, capture_output=True, env=env, stdin=subprocess.DEVNULL, timeout=300
        )
        return done.returncode, done.stdout, done.stderr
    leader, follower = os.openpty()
    seen = []
    reader = threading.Thread(target=_drain, args=(leader, seen))
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL, env=env
        )
        os.close(follower)
        reader.start()
        stdout, _ = process.communicate(timeout=300)
        reader.join(timeout=30)
    finally:
        os.close(leader)
    return process.returncode, stdout, b"".join(seen)


def _drain(fd, seen):
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: every writer of the terminal has gone
            return
        if not data:
            return
        seen.append(data)


@pytest.fixture
def demo_file(tmp_path):
    """The four demo conventions in one file, as a list."""
    conventions = [
        files.read(path)[0] for path in sorted(DEMO.glob("*.yaml")) if path.name != "progress.yaml"
    ]
    path = tmp_path / "demo.yaml"
    path.write_text(files.dump(conventions), encoding="utf-8")
    return path


@pytest.fixture
def demo(cli):
    """The demo conventions with their recorded states (signed, active, ended...)."""
    result = cli("demo")
    assert result.exit_code == 0, result.stderr


def test_import_draws_a_bar_on_a_terminal_and_nothing_on_a_pipe(app, demo_file):
    status, stdout, stderr = run(app, "import", demo_file, terminal=True)
    assert status == 0, stderr
    assert b"Import" in stderr and b"4/4" in stderr
    assert stdout.decode().splitlines() == sorted(DEMO_REFERENCES)

    # The drafts are replaced by the same file: same output, and not one byte on stderr.
    status, piped_stdout, piped_stderr = run(app, "import", demo_file, terminal=False)
    assert (status, piped_stdout, piped_stderr) == (0, stdout, b"")


def test_an_import_stopped_under_the_bar_stores_nothing(app, cli, demo, example_file, tmp_path):
    """The bar changes nothing to the transaction: a refusal at the second convention undoes
    the first."""
    new = files.read(example_file)[0] | {"reference": "NOUVELLE-2025"}
    signed = files.read(example_file)[0]  # NORD-CA2C-2023 is past draft in the demo
    source = tmp_path / "two.yaml"
    source.write_text(files.dump([new, signed]), encoding="utf-8")

    status, stdout, stderr = run(app, "import", source, terminal=True)

    assert (status, stdout) == (1, b"")
    assert b"Import" in stderr and b"1/2" in stderr
    assert stderr.decode().splitlines()[-1].startswith("erreur : NORD-CA2C-2023 : ")
    assert "aucune convention « NOUVELLE-2025 »" in cli("export", "NOUVELLE-2025").stderr


def test_export_prints_the_same_bytes_with_or_without_a_terminal(app, cli, demo):
    status, on_terminal, bar = run(app, "export", "--all", terminal=True)
    assert status == 0, bar
    assert b"Export" in bar and b"4/4" in bar

    status, piped, nothing = run(app, "export", "--all", terminal=False)
    assert (status, nothing) == (0, b"")
    assert piped == on_terminal

    status, quiet, nothing = run(app, "export", "--all", "--no-progress", terminal=True)
    assert (status, quiet, nothing) == (0, on_terminal, b"")


def test_export_all_is_the_one_dump_of_the_whole_list(app, cli, demo):
    """Written convention by convention for the bar, the text is that of one dump of the list."""
    printed = cli("export", "--all").stdout
    with app.app_context():
        assert printed == files.dump(exports.export_all())
    assert printed.count("\n- reference: ") == len(DEMO_REFERENCES) - 1


def test_render_all_draws_its_bar_on_a_terminal_only(app, demo, tmp_path):
    arguments = ("render", "--all", "--kind", "schedule", "--jobs", "2")
    status, stdout, stderr = run(app, *arguments, "-o", tmp_path / "seen", terminal=True)
    assert status == 0, stderr
    assert b"Rendu" in stderr and b"4/4" in stderr
    assert stdout.decode().startswith(f"4 documents écrits dans {tmp_path / 'seen'} en ")

    status, stdout, stderr = run(app, *arguments, "-o", tmp_path / "piped", terminal=False)
    assert (status, stderr) == (0, b"")
    assert sorted(p.name for p in (tmp_path / "piped").iterdir()) == [
        f"{reference}.docx" for reference in DEMO_REFERENCES
    ]


def document_text(path):
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts += [p.text for section in document.sections for p in section.header.paragraphs]
    return "\n".join(texts)


def rendered(folder):
    """{file name: text} of every document written in the folder."""
    return {path.name: document_text(path) for path in sorted(folder.iterdir())}


def test_render_all_writes_one_document_per_convention_whatever_the_jobs(cli, demo, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"

    result = cli("render", "--all", "--kind", "convention", "-o", two, "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"4 documents écrits dans {two} en ")
    assert result.stderr == ""
    assert cli("render", "--all", "--kind", "convention", "-o", one, "--jobs", "1").exit_code == 0

    documents = rendered(two)
    assert sorted(documents) == [f"{reference}.docx" for reference in DEMO_REFERENCES]
    for reference in DEMO_REFERENCES:
        assert reference in documents[f"{reference}.docx"]
        assert "{{" not in documents[f"{reference}.docx"]
    assert documents == rendered(one)


def test_render_all_is_the_single_render_of_each(cli, demo, tmp_path):
    result = cli("render", "--all", "--kind", "schedule", "-o", tmp_path / "all", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    single = tmp_path / "single.docx"
    assert cli("render", "HAUT-RHIN-ISG-2024", "--kind", "schedule", "-o", single).exit_code == 0

    assert document_text(tmp_path / "all" / "HAUT-RHIN-ISG-2024.docx") == document_text(single)


def test_render_all_keeps_to_the_status_asked(app, cli, demo, tmp_path):
    result = cli("render", "--all", "--kind", "schedule", "--status", "active", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"1 document écrit dans {tmp_path} en ")
    with app.app_context():
        active = _db.session.scalars(_db.select(Convention.reference).filter_by(status="active"))
        assert sorted(p.name for p in tmp_path.glob("*.docx")) == [f"{r}.docx" for r in active]


def test_a_reference_with_slashes_stays_in_the_folder(cli, example_file, tmp_path):
    text = example_file.read_text(encoding="utf-8")
    source = tmp_path / "slashes.yaml"
    source.write_text(text.replace("reference: NORD-CA2C-2023", "reference: NORD/../CA2C"), "utf-8")
    assert cli("import", source).exit_code == 0
    folder = tmp_path / "out"

    result = cli("render", "--all", "--kind", "convention", "-o", folder)

    assert result.exit_code == 0, result.stderr
    assert [p.name for p in folder.iterdir()] == ["NORD%2F..%2FCA2C.docx"]
    assert "NORD/../CA2C" in document_text(folder / "NORD%2F..%2FCA2C.docx")


def test_each_failure_is_one_line_and_the_others_are_written(cli, demo, tmp_path):
    (tmp_path / "NORD-CA2C-2023.docx").mkdir()  # the file cannot take its place

    result = cli("render", "--all", "--kind", "convention", "-o", tmp_path, "--jobs", "2")

    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("erreur : NORD-CA2C-2023 : ")
    assert lines[1] == "erreur : 1 document non écrit sur 4"
    assert result.stdout.startswith(f"3 documents écrits dans {tmp_path} en ")
    assert sorted(p.name for p in tmp_path.glob("*.docx") if p.is_file()) == [
        f"{reference}.docx" for reference in DEMO_REFERENCES if reference != "NORD-CA2C-2023"
    ]


@pytest.mark.skipif(not pdf.available(), reason="LibreOffice is not installed")
def test_render_all_as_pdf(cli, demo, tmp_path):
    result = cli(
        "render", "--all", "--kind", "schedule", "--status", "active", "--format", "pdf",
        "-o", tmp_path,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "EXEMPLE-ISC-2025-2027.pdf"
    assert written.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--all", "--kind", "convention", "-o", "a-file"], "n'est pas un dossier"),
        (["--all", "--kind", "contract", "-o", "new"], "--kind : valeur attendue parmi"),
        (["NORD-CA2C-2023", "--all", "--kind", "convention", "-o", "new"], "référence, ou --all"),
        (["--kind", "convention", "-o", "new"], "référence, ou --all"),
        (["--all", "--kind", "convention"], "option manquante : -o"),
        (["--all", "--kind", "avenant", "-o", "new"], "convention ou schedule"),
        (["--all", "--kind", "convention", "--avenant", "1", "-o", "new"], "sans --avenant"),
        (["--all", "--kind", "convention", "--jobs", "0", "-o", "new"], "--jobs"),
        (["--all", "--kind", "convention", "-o", "missing/new"], "dossier introuvable"),
        (["NORD-CA2C-2023", "--kind", "convention", "-o", "."], "est un dossier"),
        (["NORD-CA2C-2023", "--kind", "convention", "-o", "x.docx", "--jobs", "2"], "--all"),
    ],
    ids=[
        "dir-is-a-file",
        "unknown-kind",
        "all-and-reference",
        "neither",
        "missing-o",
        "avenant",
        "avenant-number",
        "no-jobs",
        "missing-parent",
        "single-into-a-folder",
        "jobs-without-all",
    ],
)
def test_bad_input_is_one_line_exit_1_and_writes_nothing(
    cli, demo, tmp_path, monkeypatch, arguments, message
):
    monkeypatch.chdir(tmp_path)
    Path("a-file").write_text("", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))

    result = cli("render", *arguments)

    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("erreur : ") and message in result.stderr
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize(
    "count, jobs, sizes",
    [
        (0, 2, []),
        (1, 2, [1]),
        (4, 2, [1, 1, 1, 1]),
        (10, 1, [3, 3, 3, 1]),
        (1000, 2, [10] * 100),
    ],
)
def test_references_are_cut_into_about_four_chunks_per_worker(count, jobs, sizes):
    items = [f"R{i}" for i in range(count)]
    parts = bulk_render.chunks(items, jobs)
    assert [len(p) for p in parts] == sizes
    assert [r for part in parts for r in part] == items


def test_file_names_keep_plain_references_and_escape_slashes():
    assert bulk_render.file_name("NORD-CA2C_2023.v2", ".docx") == "NORD-CA2C_2023.v2.docx"
    assert bulk_render.file_name("A/B", ".pdf") == "A%2FB.pdf"
