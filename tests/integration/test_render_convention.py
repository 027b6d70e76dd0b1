"""`render REF --kind convention|avenant`: the convention and its avenants filled from a real
database, reopened with python-docx and read as a person would."""

import json
import re
from decimal import Decimal

import docx
import pytest
import yaml
from docx.shared import Cm

from convention_manager.formatting import money
from tests.conftest import DEMO
from tests.integration.test_amend import amended, signed_file
from tests.integration.test_render import all_texts

DEMO_FILES = {
    "NORD-CA2C-2023": "nord-ca2c-2023.yaml",
    "BAS-RHIN-ISG-2024": "bas-rhin-2024.yaml",
    "HAUT-RHIN-ISG-2024": "haut-rhin-2024.yaml",
    "EXEMPLE-ISC-2025-2027": "exemple-pluriannuel-2025.yaml",
}
# What each demo convention must print: dates, and each financer's total in figures and words.
EXPECTED = {
    "NORD-CA2C-2023": {
        "dates": ["1er juillet 2023", "31 décembre 2023"],
        "amounts": [("7\u202f500,00\xa0€", "sept mille cinq cents euros")],
    },
    "BAS-RHIN-ISG-2024": {
        "dates": ["1er janvier 2024", "31 décembre 2024"],
        "amounts": [
            ("130\u202f000,00\xa0€", "cent trente mille euros"),
            ("75\u202f000,00\xa0€", "soixante-quinze mille euros"),
        ],
    },
    "HAUT-RHIN-ISG-2024": {
        "dates": ["1er janvier 2024", "31 décembre 2024"],
        "amounts": [
            ("71\u202f724,00\xa0€", "soixante et onze mille sept cent vingt-quatre euros"),
            ("66\u202f550,00\xa0€", "soixante-six mille cinq cent cinquante euros"),
            ("8\u202f000,00\xa0€", "huit mille euros"),
            ("4\u202f000,00\xa0€", "quatre mille euros"),
            ("15\u202f000,00\xa0€", "quinze mille euros"),
        ],
    },
    "EXEMPLE-ISC-2025-2027": {
        "dates": ["1er janvier 2025", "31 décembre 2027"],
        "amounts": [
            ("48\u202f000,00\xa0€", "quarante-huit mille euros"),
            ("12\u202f000,00\xa0€", "douze mille euros"),
            ("30\u202f550,00\xa0€", "trente mille cinq cent cinquante euros"),
        ],
    },
}
LEFTOVERS = ("{{", "}}", "{%", "%}", "None", "XXX")
# What an empty value leaves in a sentence: "de , en", "( )", "« »", "du  au".
EMPTY_PLACEHOLDER = re.compile(r"\s[,.]|\(\s*\)|«\s*»|\S  +\S")


def render(cli, tmp_path, reference, *options):
    """Run the command and reopen what it wrote."""
    output = tmp_path / f"{reference}-{'-'.join(options) or 'convention'}.docx"
    result = cli("render", reference, *options, "-o", output)
    assert result.exit_code == 0, result.stderr
    return docx.Document(str(output))


def text_of(document):
    return "\n".join(all_texts(document))


def assert_clean(document):
    """No tag, no None, no XXX, no hole left by an empty value, in any paragraph or cell."""
    for text in all_texts(document):
        for leftover in LEFTOVERS:
            assert leftover not in text, text
    body = [p.text for p in document.paragraphs]
    body += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for text in body:  # the header's "Page N sur M" fields read as "Page  sur " here
        assert not EMPTY_PLACEHOLDER.search(text), repr(text)


def assert_page_set_up(document, reference):
    for section in document.sections:
        assert abs(section.page_width - Cm(21)) < Cm(0.05)
        assert abs(section.page_height - Cm(29.7)) < Cm(0.05)
    header = document.sections[0].header
    assert reference in header.paragraphs[0].text
    assert re.search(r'<w:fldSimple w:instr="\s*PAGE\s*"', header._element.xml)
    assert re.search(r'<w:fldSimple w:instr="\s*NUMPAGES\s*"', header._element.xml)


@pytest.fixture
def demo(cli):
    result = cli("demo")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("reference", sorted(DEMO_FILES))
def test_every_demo_convention_renders_completely(cli, demo, tmp_path, reference):
    document = render(cli, tmp_path, reference, "--kind", "convention")
    text = text_of(document)
    source = yaml.safe_load((DEMO / DEMO_FILES[reference]).read_text(encoding="utf-8"))

    assert_page_set_up(document, reference)
    assert_clean(document)
    for party in source["parties"]:
        assert party["name"] in text
        assert party["representative"] in text
    for figures, words in EXPECTED[reference]["amounts"]:
        assert figures in text and words in text, figures
    for day in EXPECTED[reference]["dates"]:
        assert day in text
    assert source["court"] in text


def test_the_articles_are_numbered_by_word_not_typed(cli, demo, tmp_path):
    document = render(cli, tmp_path, "NORD-CA2C-2023", "--kind", "convention")

    headings = [p for p in document.paragraphs if p.style.name == "Article"]
    assert [p.text for p in headings][:2] == ["Objet de la convention", "Durée et reconduction"]
    assert len(headings) == 12
    assert not any(p.text.startswith("Article") for p in headings)
    style_numbering = document.styles["Article"].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element.xml
    assert f'w:numId="{style_numbering}"' in numbering
    assert 'w:lvlText w:val="Article %1 –"' in numbering


def test_the_haut_rhin_convention_states_gap_payments_imputation_and_bank(cli, demo, tmp_path):
    document = render(cli, tmp_path, "HAUT-RHIN-ISG-2024", "--kind", "convention")
    text = text_of(document)

    gap = [p for p in document.paragraphs if p.text.startswith("Financement incomplet")]
    assert gap and "3\u202f276,00\xa0€" in gap[0].text
    assert all(run.bold for run in gap[0].runs if run.text.strip())
    assert all(str(run.font.color.rgb) == "C00000" for run in gap[0].runs if run.text.strip())
    assert "un acompte de 75\xa0%, soit 49\u202f912,50\xa0€" in text
    assert "le solde, soit 16\u202f637,50\xa0€" in text
    assert "soit 105\u202f930,00\xa0€" in text  # 60 % of the period's cost
    assert "montant voté (75\u202f000,00\xa0€ demandés)" in text
    assert "0216-CIPD-DR68" in text and "PRFDCAB68" in text
    assert "216 «\xa0Conduite et pilotage des politiques de l'intérieur\xa0»" in text
    assert "FR76 1027 8030 6800 0000 6806 804" in text
    assert "BIC\xa0: ……" in text  # unknown: a visible blank, never "None"
    assert "30 juin 2025" in text  # the 2024 financial report's deadline
    annex = next(p for p in document.paragraphs if p.text.startswith("Annexe"))
    assert annex.paragraph_format.page_break_before
    signatures = document.tables[-1]
    assert len(signatures.rows) == 1 + 8  # header and one row per signatory


def test_the_nord_convention_shows_the_cap_and_the_single_fipd_payment(cli, demo, tmp_path):
    text = text_of(render(cli, tmp_path, "NORD-CA2C-2023", "--kind", "convention"))

    assert "1/3 du coût de la période, dans la limite de 7\u202f500,00\xa0€" in text
    assert "n'excédant pas 23\u202f000,00\xa0€" in text
    assert "Tribunal administratif de Lille" in text
    assert "six mois" in text


def test_the_multi_year_convention_has_one_section_per_year_and_a_pre_assessment(
    cli, demo, tmp_path
):
    document = render(cli, tmp_path, "EXEMPLE-ISC-2025-2027", "--kind", "convention")
    text = text_of(document)

    for year in ("2025", "2026", "2027"):
        assert f"Période {year}\xa0: du 1er janvier {year} au 31 décembre {year}" in text
    assert "80\xa0% du coût de la période" in text and "30\xa0% du coût de la période" in text
    assert "au plus tard le 30 septembre 2027" in text
    assert "trois ans" in text


def test_a_missing_representative_is_a_visible_blank(cli, tmp_path):
    text = (DEMO / "nord-ca2c-2023.yaml").read_text(encoding="utf-8")
    text = text.replace("    representative: Représentant de la CA2C\n", "")
    source = tmp_path / "nord.yaml"
    source.write_text(text, encoding="utf-8")
    assert cli("import", source).exit_code == 0

    document = render(cli, tmp_path, "NORD-CA2C-2023", "--kind", "convention")

    assert "Représentant légal\xa0: ……, en qualité de Président" in text_of(document)
    assert_clean(document)


def amend_nord(cli, example_file, tmp_path):
    """Avenant n°1 to the signed Nord convention: the Département's share and the end date."""
    assert cli("import", signed_file(example_file, tmp_path)).exit_code == 0

    def change(data):
        data["end"] = "2024-06-30"
        data["funding"][1]["share"] = "30%"

    result = cli(
        "amend", "NORD-CA2C-2023", amended(tmp_path, cli, change), "--requested", "2023-11-30"
    )
    assert result.exit_code == 0, result.stderr


def test_the_avenant_names_the_articles_it_changes_before_and_after(cli, example_file, tmp_path):
    amend_nord(cli, example_file, tmp_path)

    document = render(cli, tmp_path, "NORD-CA2C-2023", "--kind", "avenant")
    text = text_of(document)

    assert_page_set_up(document, "NORD-CA2C-2023")
    assert "Avenant n°1" in document.sections[0].header.paragraphs[0].text
    assert_clean(document)
    headings = [p.text for p in document.paragraphs if p.style.name == "Article"]
    assert headings == [
        "Modification de l'article 2 de la convention",
        "Modification de l'article 9 de la convention",
        "Plan de financement et échéancier",
        "Autres stipulations",
    ]
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["La date de fin de la convention", "31 décembre 2023", "30 juin 2024"] in rows
    assert [
        "La participation du financeur «\xa0Département du Nord\xa0» pour la période "
        "2023-2024 (part du coût)",
        "1/3 du coût",
        "30\xa0% du coût",
    ] in rows
    assert "6\u202f750,00\xa0€" in text and "six mille sept cent cinquante euros" in text
    assert "Reste à financer sur la période\xa0: 750,00\xa0€" in text
    assert "adressée aux parties le 30 novembre 2023" in text
    for name in ("État, préfecture du Nord", "Georges-François Leclerc", "Christian Poiret"):
        assert name in text


def test_an_earlier_avenant_is_shown_as_it_left_the_convention(cli, example_file, tmp_path):
    amend_nord(cli, example_file, tmp_path)
    result = cli(
        "amend",
        "NORD-CA2C-2023",
        amended(tmp_path, cli, lambda d: d["costs"].update(travel="3000")),
    )
    assert result.exit_code == 0, result.stderr

    first = text_of(render(cli, tmp_path, "NORD-CA2C-2023", "--kind", "avenant", "--avenant", "1"))
    second = text_of(render(cli, tmp_path, "NORD-CA2C-2023", "--kind", "avenant"))

    assert "Coût total\xa0: 22\u202f500,00\xa0€" in first
    assert "Coût total\xa0: 24\u202f000,00\xa0€" in second
    assert "Vu l'avenant n°1 à cette convention" in second
    assert "Vu l'avenant n°" not in first


@pytest.mark.parametrize(
    "options, message",
    [
        (["--avenant", "5"], "pas d'avenant n°5 (avenants enregistrés : n°1)"),
        ([], None),
    ],
)
def test_avenant_numbers_the_command_accepts(cli, example_file, tmp_path, options, message):
    amend_nord(cli, example_file, tmp_path)
    output = tmp_path / "a.docx"

    result = cli("render", "NORD-CA2C-2023", "--kind", "avenant", *options, "-o", output)

    if message is None:
        assert result.exit_code == 0 and "Avenant n°1 à NORD-CA2C-2023" in result.stdout
    else:
        assert result.exit_code == 1
        assert result.stderr.strip().splitlines() == [f"erreur : NORD-CA2C-2023 : {message}"]
        assert not output.exists()


@pytest.mark.parametrize("reference", sorted(DEMO_FILES))
def test_every_demo_schedule_renders_completely(cli, demo, tmp_path, reference):
    document = render(cli, tmp_path, reference, "--kind", "schedule")
    text = text_of(document)
    source = yaml.safe_load((DEMO / DEMO_FILES[reference]).read_text(encoding="utf-8"))

    assert_page_set_up(document, reference)
    assert_clean(document)
    financers = {line["financer"] for line in _funding_lines(source)}
    for party in source["parties"]:
        if party["key"] in financers:
            assert party["name"] in text
    report = json.loads(cli("schedule", reference, "--json").stdout)
    for payment in report["payments"]:
        assert money(Decimal(payment["amount"])) in text, payment
    for share in report["shares"]:
        assert money(Decimal(share["amount"])) in text, share


def _funding_lines(source):
    if "periods" in source:
        return [line for period in source["periods"] for line in period["funding"]]
    return source["funding"]
