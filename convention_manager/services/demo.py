"""The demo data: the real cases of domain.md (and one illustrative multi-year convention),
loaded from convention files, then taken through their life with the ordinary services; and one
account per role, for trying the web application (never on a real deployment: the password is
public)."""

from pathlib import Path

import yaml

from convention_manager.exchange import files
from convention_manager.services import accounts, conventions, lifecycle

FOLDER = Path(__file__).resolve().parent.parent / "demo"
# Published in the README: these accounts exist for demonstrations only.
PASSWORD = "demo-iscg-2024!"
ACCOUNTS = (
    ("admin@demo.invalid", "admin", None),
    ("redaction@demo.invalid", "drafter", None),
    ("finances@demo.invalid", "finance", None),
    (
        "cidff68@demo.invalid",
        "association",
        "Centre d'information sur les droits des femmes et des familles du Haut-Rhin (CIDFF 68)",
    ),
)


def load(suffix=""):
    """Load every demo convention not yet present; returns (reference, created) pairs.

    With a `suffix`, the same conventions and their life again under references ending with it
    (more data of the same shape, for tests that compare sizes)."""
    progress = yaml.safe_load((FOLDER / "progress.yaml").read_text(encoding="utf-8"))
    loaded = []
    for path in sorted(FOLDER.glob("*.yaml")):
        if path.name == "progress.yaml":
            continue
        for raw in files.read(path):
            story = progress.get(raw["reference"], {})
            reference = raw["reference"] = raw["reference"] + suffix
            if conventions.find(reference) is not None:
                loaded.append((reference, False))
                continue
            (convention,) = conventions.import_all([raw])
            _play(convention, story)
            loaded.append((reference, True))
    return loaded


def load_accounts():
    """Create the demo accounts not yet present (after load()); returns (user, created) pairs."""
    loaded = []
    for email, role, organisation in ACCOUNTS:
        user = accounts.find(email)
        if user is None:
            loaded.append((accounts.create_user(email, PASSWORD, role, organisation), True))
        else:
            loaded.append((user, False))
    return loaded


def _play(convention, story):
    for event in story.get("events", ()):
        lifecycle.record_event(
            convention,
            event["financer"],
            event.get("period"),
            event.get("notified"),
            event.get("budget_vote"),
        )
    for status, on in story.get("status", ()):
        lifecycle.change_status(convention, status, on)
    for item in story.get("payments", ()):
        _steps(convention, item)
    for item in story.get("obligations", ()):
        for status, on in item["steps"].items():
            lifecycle.record_obligation(convention, item["kind"], str(item["subject"]), status, on)
    for item in story.get("later_payments", ()):
        _steps(convention, item)


def _steps(convention, item):
    key = (item["period"], item["financer"], item["kind"], item.get("tranche", 0))
    for status, on in item["steps"].items():
        lifecycle.record_payment(convention, key, status, on)
