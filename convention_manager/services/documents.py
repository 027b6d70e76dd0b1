"""Documents of a convention: take the facts from the model, build the context, fill the DOCX."""

from convention_manager.documents import context, render
from convention_manager.services import reports


def render_schedule(convention, output, instance_path=None):
    """Write the échéancier of a convention to `output` (a .docx path); returns that path."""
    report = reports.schedule(convention)
    filled = context.schedule_context(report, convention_facts(convention))
    return render.render(render.template_path("schedule", instance_path), filled, output)


def convention_facts(convention):
    """The few facts about a convention that documents print besides the schedule."""
    employer = convention.employer
    return {
        "reference": convention.reference,
        "title": convention.title,
        "territory": convention.territory,
        "start": convention.start,
        "end": convention.end,
        "employer": employer.organisation.name if employer else None,
        "parties": [_party_facts(party) for party in convention.parties],
    }


def _party_facts(party):
    organisation = party.organisation
    return {
        "key": party.key,
        "name": organisation.name,
        "kind": organisation.kind,
        "representative": party.representative or organisation.representative,
        "title": party.title or organisation.title,
    }
