"""The articles of the convention document, in order, in one place.

The template builder (`docx_templates/builder/convention.py`) writes one heading per entry, and
Word numbers them; an avenant names the article it modifies by the same order, so the two cannot
drift apart. Pure: no Flask, no database.
"""

CONVENTION_ARTICLES = (
    ("object", "Objet de la convention"),
    ("duration", "Durée et reconduction"),
    ("missions", "Missions de l'intervenant social"),
    ("profile", "Profil du poste et recrutement"),
    ("ethics", "Cadre juridique et déontologique"),
    ("status", "Statut, rémunération et temps de travail"),
    ("premises", "Locaux et moyens matériels"),
    ("committee", "Comité de suivi"),
    ("financial", "Modalités financières"),
    ("reporting", "Justificatifs et délais de production"),
    ("avenants", "Modification de la convention"),
    ("disputes", "Litiges et résiliation"),
)
KEYS = tuple(key for key, _ in CONVENTION_ARTICLES)


def number(key):
    """The article's number in the convention (1-based)."""
    return KEYS.index(key) + 1


def title(key):
    """The article's heading, without its number."""
    return dict(CONVENTION_ARTICLES)[key]
