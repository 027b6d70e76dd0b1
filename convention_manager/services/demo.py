"""The demo data: the real cases of domain.md (and one illustrative multi-year convention),
loaded from convention files, then taken through their life with the ordinary services."""

from pathlib import Path

import yaml

from convention_manager.exchange import files
from convention_manager.services import conventions, lifecycle

FOLDER = Path(__file__).resolve().parent.parent / "demo"


def load():
    """Load every demo convention not yet present; returns (reference, created) pairs."""
    progress = yaml.safe_load((FOLDER / "progress.yaml").read_text(encoding="utf-8"))
    loaded = []
    for path in sorted(FOLDER.glob("*.yaml")):
        if path.name == "progress.yaml":
            continue
        for raw in files.read(path):
            reference = raw["reference"]
            if conventions.find(reference) is not None:
                loaded.append((reference, False))
                continue
            (convention,) = conventions.import_all([raw])
            _play(convention, progress.get(reference, {}))
            loaded.append((reference, True))
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
