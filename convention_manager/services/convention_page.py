"""One convention as its page shows it, loaded in a fixed number of queries, and its documents.

Access follows the user's scope: an association sees only the conventions where its
organisation is a party; anything else is NotFound, so a page does not reveal that a reference
exists.
"""

import io
import tempfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from convention_manager import charts, formatting, labels
from convention_manager.documents import financing, pdf
from convention_manager.documents.context import PARTY_KIND
from convention_manager.exceptions import NotFound
from convention_manager.extensions import db
from convention_manager.models import Convention
from convention_manager.rules import deadlines
from convention_manager.services import document_files, loading, reports, schedules

MIMETYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
DOCUMENT_NAMES = {"convention": "Convention", "schedule": "Échéancier", "avenant": "Avenant"}


@dataclass(frozen=True)
class ConventionPage:
    """Everything the convention page shows, computed; the template only places it."""

    convention: Convention
    report: dict
    parties: list
    periods: list
    payments: list
    obligations: list
    avenants: list
    financing_chart: str
    timeline_chart: str
    pdf_available: bool


def load(reference, organisation_id=None):
    """The convention with everything its page needs, or NotFound (also when out of scope)."""
    query = (
        db.select(Convention)
        .where(Convention.reference == reference)
        .options(*loading.whole_convention(avenants=True))
    )
    query = loading.in_scope(query, organisation_id)
    convention = db.session.scalars(query).first()
    if convention is None:
        raise NotFound(f"aucune convention « {reference} »")
    return convention


def page(reference, today, organisation_id=None):
    """The convention page of `reference` as seen on `today` by a user of that scope."""
    convention = load(reference, organisation_id)
    report = reports.schedule(convention)
    names = {p.key: p.organisation.name for p in convention.parties}
    payments = [
        _payment(p, names)
        for p in sorted(convention.payments, key=schedules.payment_order(convention))
    ]
    obligations = [
        _obligation(o, today)
        for o in sorted(convention.obligations, key=schedules.obligation_order)
    ]
    return ConventionPage(
        convention=convention,
        report=report,
        parties=[_party(p) for p in convention.parties],
        periods=[
            _period(p, s, names) for p, s in zip(report["periods"], convention.periods, strict=True)
        ],
        payments=payments,
        obligations=obligations,
        avenants=[_avenant(a) for a in convention.avenants],
        financing_chart=charts.financing_bar(
            [charts.Segment(names[s["financer"]], Decimal(s["amount"])) for s in report["shares"]],
            Decimal(report["total_cost"]),
        ),
        timeline_chart=charts.timeline(
            convention.start, convention.end, _timeline_rows(payments, obligations), today
        ),
        pdf_available=pdf.available(),
    )


def document(reference, kind, suffix, organisation_id=None, number=None, instance_path=None):
    """A document of the convention as (bytes buffer, French file name, MIME type)."""
    convention = load(reference, organisation_id)
    name = f"{DOCUMENT_NAMES[kind]}{f' n°{number}' if number else ''} {reference}.{suffix}"
    with tempfile.TemporaryDirectory(prefix="convention-download-") as work:
        output = Path(work) / f"document.{suffix}"
        document_files.write(convention, kind, output, instance_path, number)
        data = io.BytesIO(output.read_bytes())
    return data, name, MIMETYPES[suffix]


def _party(party):
    roles = [labels.PARTY_ROLE[r] for r in party.roles]
    return {
        "name": party.organisation.name,
        "kind": PARTY_KIND.get(party.organisation.kind, party.organisation.kind),
        "roles": roles,
        "representative": party.representative or party.organisation.representative,
        "title": party.title or party.organisation.title,
    }


def _period(report_period, stored, names):
    lines = list(stored.funding)
    shares = [
        dict(
            share,
            name=names[share["financer"]],
            basis_text=financing.basis(share, _line(line)),
            cap=line.cap,
        )
        for share, line in zip(report_period["shares"], lines, strict=True)
    ]
    return dict(
        report_period,
        start=stored.start,
        end=stored.end,
        costs=[(financing.COST_LABELS.get(c.kind, c.kind), c.amount) for c in stored.costs],
        shares=shares,
    )


def _line(line):
    """A stored funding line as the document helpers read it."""
    return {"share": line.share, "cap": line.cap, "requested": line.requested, "voted": line.voted}


def _payment(payment, names):
    status = payment.status
    return {
        "payment": payment,
        "name": names.get(payment.financer_key, payment.financer_key),
        "status_date": {
            "requested": payment.requested_on,
            "ordered": payment.ordered_on,
            "paid": payment.paid_on,
        }.get(status),
    }


def _obligation(obligation, today):
    return {
        "obligation": obligation,
        "subject": obligation_subject(obligation),
        "late": obligation.status == "pending"
        and obligation.due is not None
        and obligation.due < today,
    }


def obligation_subject(obligation):
    """What the document is about: a financial year, a period, or the whole convention."""
    subject = obligation.subject
    if obligation.kind in deadlines.YEARLY_REPORTS:
        return f"exercice clos le {formatting.short_date(date.fromisoformat(subject))}"
    if obligation.kind == "fipd_spend_attestation":
        return f"période {subject}"
    return subject or "convention"


def _avenant(avenant):
    return {
        "number": avenant.number,
        "requested_on": avenant.requested_on,
        "answer_due": avenant.answer_due,
        "signed_on": avenant.signed_on,
        "lines": [line for line in (avenant.summary or "").split("\n") if line],
    }


def _timeline_rows(payments, obligations):
    rows = {}
    for row in payments:
        p = row["payment"]
        state = "paid" if p.status == "paid" else ("open" if p.due else "awaiting")
        day = p.due or (p.paid_on if p.status == "paid" else None)
        text = (
            f"{labels.KIND[p.kind]} {row['name']} : {formatting.money(p.amount)}, "
            f"{labels.STATUS[p.status]}"
        )
        rows.setdefault(row["name"], []).append(charts.Mark(day, state, text))
    marks = []
    for row in obligations:
        o = row["obligation"]
        state = "done" if o.status != "pending" else ("late" if row["late"] else "pending")
        if o.due is None and state != "done":
            state = "awaiting"
        text = f"{labels.KIND[o.kind]} ({row['subject']}) : {labels.STATUS[o.status]}"
        marks.append(charts.Mark(o.due, state, text))
    financers = [charts.Row(name, tuple(marks)) for name, marks in rows.items()]
    return financers + [charts.Row("Justificatifs", tuple(marks))]
