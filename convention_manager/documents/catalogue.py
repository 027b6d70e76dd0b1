"""What a DOCX template may use: the variables of each document's context, and the filters.

Pure data, kept beside the context builders it describes (`context.schedule_context`,
`convention_context.convention_context`, `avenant_context.avenant_context`): a unit test holds
the two equal, `checks` refuses a template naming anything else, and docs/templates.md lists
every entry for people writing their own template. Every value is already French text, except
the flags (true or false, for `{% if %}`), the lists (for `{% for %}`) and the objects (read
with a dot: `bank.iban`).
"""

from dataclasses import dataclass

KINDS = ("convention", "avenant", "schedule")
TEXT, FLAG, LIST, OBJECT = "text", "flag", "list", "object"


@dataclass(frozen=True)
class Variable:
    """One name of a context: its type (text, flag, list, object), what it holds, its fields."""

    name: str
    type: str
    description: str
    fields: tuple = ()


def text(name, description):
    """A value already written in French."""
    return Variable(name, TEXT, description)


def flag(name, description):
    """True or false, for `{% if %}`."""
    return Variable(name, FLAG, description)


def items(name, description, *fields):
    """A list; its items are text when `fields` is empty, else objects with those fields."""
    return Variable(name, LIST, description, fields)


def record(name, description, *fields):
    """An object whose fields are read with a dot."""
    return Variable(name, OBJECT, description, fields)


IDENTITY = (
    text("reference", "the convention's reference, « HAUT-RHIN-ISG-2024 »"),
    text("title", "what the convention is about"),
    text("territory", "the département or area"),
)
DATES = (
    text("start", "the convention's first day in words, « 1er janvier 2024 »"),
    text("end", "the convention's last day in words, « 31 décembre 2024 »"),
)
PARTY_FIELDS = (
    text("key", "the party's key in the convention file, « etat »"),
    text("name", "the party's name"),
    text("kind", "its kind in French: « État », « département », « association »…"),
    text("representative", "who signs for it, « Le préfet du Haut-Rhin »"),
    text("title", "the representative's title"),
)
SIGNING_PARTY_FIELDS = (
    *PARTY_FIELDS,
    text("roles", "its roles, « financeur, autorité fonctionnelle », or « partie signataire »"),
)
SIGNING = (
    items("parties", "every party, in the file's order", *SIGNING_PARTY_FIELDS),
    items("signatories", "the parties that sign, for the signature table", *SIGNING_PARTY_FIELDS),
    text("copies", "the number of original copies in words, « six »"),
)


def totals(*extra):
    """The whole convention's cost, funding and gap, in figures and in words."""
    return (
        text("total_cost", "the total cost in figures, « 176 550,00 € »"),
        text("total_cost_words", "the total cost in words, « cent soixante-seize mille… euros »"),
        text("funded", "the amount the financers pay, in figures"),
        text("funded_words", "the same in words"),
        *extra,
        text("gap", "what is left to fund, in figures (« 0,00 € » when none)"),
        text("gap_words", "the gap in words"),
        flag("has_gap", "true when part of the cost is not funded"),
    )


FINANCING_PERIODS = items(
    "periods",
    "the financing of each period (one when the convention is not split by year)",
    text("label", "the period's label, « 2024 » or « 2024-2026 »"),
    text("start", "its first day in words"),
    text("end", "its last day in words"),
    items(
        "costs",
        "the cost lines",
        text("label", "« Salaire et charges », « Frais de déplacement »…"),
        text("amount", "the line's amount in figures"),
    ),
    text("total_cost", "the period's cost in figures"),
    text("total_cost_words", "the period's cost in words"),
    items(
        "shares",
        "each financer's participation",
        text("financer", "the financer's name"),
        text("amount", "its amount in figures"),
        text("words", "its amount in words"),
        text("percent", "its share of the period's cost, « 40,63 % »"),
        text("basis", "how it was set: « montant voté », « 1/3 du coût de la période »…"),
    ),
    text("funded", "the period's funding in figures"),
    text("funded_words", "the period's funding in words"),
    text("funded_percent", "the funded share of the period's cost, « 98,14 % »"),
    flag("has_gap", "true when part of the period's cost is not funded"),
    text("gap", "the period's gap in figures"),
    text("gap_words", "the period's gap in words"),
    items(
        "rules",
        "when each financer pays, as the convention states it",
        text("financer", "the financer's name"),
        text("text", "the payment rule as a sentence (FIPD single payment, acompte and solde…)"),
    ),
    items(
        "payments",
        "the period's payments",
        text("financer", "who pays"),
        text("kind", "« acompte », « solde », « tranche n°2 »…"),
        text("condition", "what triggers it, or « le 1er mars 2024 »"),
        text("amount", "the payment's amount in figures"),
    ),
)
BANK = record(
    "bank",
    "the employer's bank details, blanks when unknown",
    text("holder", "the account holder (the employer)"),
    text("iban", "the IBAN in groups of four"),
    text("bic", "the BIC"),
)

CONVENTION = (
    *IDENTITY,
    text("post_label", "the post, « intervenant social en gendarmerie (ISG) »"),
    text("post_title", "the same with a capital letter, for headings"),
    text("workplace", "where the work is done, « unités de gendarmerie »"),
    text("posts", "the number of posts, « un poste », « trois postes »"),
    text("working_time", "« à temps plein, soit 35 heures par semaine » or part time"),
    text("staffing", "posts and working time in one phrase"),
    *DATES,
    text("duration", "the convention's length in words, « un an », « six mois »"),
    text("employer", "the employer's name (autorité hiérarchique)"),
    text("employer_representative", "who represents the employer"),
    text("employer_status", "a sentence on the worker's status, by kind of employer"),
    text("functional_authority", "the gendarmerie or police host's name"),
    text("court", "the competent administrative court"),
    text("consolidated", "« Texte consolidé, à jour de l'avenant n°1… », or empty"),
    *SIGNING,
    flag("has_fipd", "true when the State pays through the FIPD"),
    flag("multi_period", "true when the convention has several periods"),
    *totals(),
    FINANCING_PERIODS,
    items(
        "imputations",
        "the budget imputation of each funding line that has one (FIPD)",
        text("financer", "whose imputation it is"),
        items(
            "rows",
            "one row per item of the imputation",
            text("label", "« Programme budgétaire », « Centre de coût »…"),
            text("value", "its value"),
        ),
    ),
    BANK,
    text("financial_year_end", "the employer's closing day, « 31 décembre »"),
    items(
        "obligations",
        "the documents the employer owes",
        text("document", "the document, « Compte rendu financier, exercice clos le… »"),
        text("due", "its deadline in words, or what it waits for"),
    ),
    text("pre_assessment", "the pre-assessment's deadline in words, or empty"),
)

AVENANT = (
    text("number", "the avenant's number, « 1 »"),
    *IDENTITY,
    text("convention_signed", "the day the convention was signed, in words"),
    items(
        "earlier",
        "the avenants before this one",
        text("number", "its number"),
        text("signed", "the day it was signed, in words"),
    ),
    text("requested", "the day the avenant was requested, in words, or empty"),
    *DATES,
    *SIGNING,
    items(
        "articles",
        "one article per part of the convention the avenant modifies",
        text("heading", "« Modification de l'article 2 de la convention »"),
        text("intro", "the sentence that opens the article"),
        items(
            "changes",
            "each change",
            text("what", "what changes, « Date de fin de la convention »"),
            text("before", "the value before"),
            text("after", "the value after"),
        ),
    ),
    FINANCING_PERIODS,
    *totals(),
    BANK,
)

SCHEDULE = (
    *IDENTITY,
    *DATES,
    text("employer", "the employer's name"),
    text("status", "the convention's status in French, « signée », « en cours »…"),
    items("parties", "every party, in the file's order", *PARTY_FIELDS),
    *totals(text("funded_percent", "the funded share of the cost, « 98,14 % »")),
    text("admin_fee_rate", "the admin fees as a share of the cost, « 7,50 % »"),
    items(
        "shares",
        "each financer's participation over the whole convention",
        text("financer", "the financer's name"),
        text("amount", "its amount in figures"),
        text("percent", "its share of the cost"),
    ),
    items(
        "periods",
        "each period with its own figures and payments",
        text("label", "the period's label"),
        text("start", "its first day in words"),
        text("end", "its last day in words"),
        text("total_cost", "its cost in figures"),
        text("funded", "its funding in figures"),
        text("gap", "its gap in figures"),
        flag("has_gap", "true when part of its cost is not funded"),
        items(
            "shares",
            "each financer's participation in the period",
            text("financer", "the financer's name"),
            text("amount", "its amount in figures"),
            text("percent", "its share of the period's cost"),
        ),
        items(
            "payments",
            "the period's payments, in schedule order",
            text("financer", "who pays"),
            text("kind", "« acompte », « solde », « tranche n°2 »…"),
            text("condition", "what triggers it"),
            text("due", "its due day in words, or « à la réalisation de la condition »"),
            text("amount", "its amount in figures"),
            text("status", "« prévu », « demandé », « payé »…"),
        ),
    ),
    items(
        "obligations",
        "the documents the employer owes",
        text("document", "the document and what it covers"),
        text("due", "its deadline in words, or what it waits for"),
        text("status", "its state in French"),
    ),
    items("warnings", "the schedule's warnings, one sentence each"),
)

CATALOGUE = {"convention": CONVENTION, "avenant": AVENANT, "schedule": SCHEDULE}

# The names of formatting.JINJA_FILTERS, for values a template computes itself.
FILTERS = {
    "money": "a number as euros, « 7 500,00 € »",
    "number": "a number the French way, « 0,50 »",
    "percent": "a number as a percentage, « 33,33 % »",
    "long_date": "a date in words, « 1er juillet 2023 »",
    "short_date": "a date as « 01/07/2023 »",
    "in_words": "euros in words, « sept mille cinq cents euros »",
}


def variables(kind):
    """The top-level variables of a document kind, in the order of its context."""
    try:
        return CATALOGUE[kind]
    except KeyError:
        raise ValueError(f"type de document inconnu : « {kind} »") from None


def names(kind):
    """The top-level variable names of a document kind."""
    return frozenset(variable.name for variable in variables(kind))


def paths(kind):
    """Every variable of a kind with its fields, as written in the docs: `periods[].label`."""
    return [path for variable in variables(kind) for path in _paths(variable, "")]


def _paths(variable, prefix):
    path = prefix + variable.name
    yield path
    inner = f"{path}[]." if variable.type == LIST else f"{path}."
    for field in variable.fields:
        yield from _paths(field, inner)
