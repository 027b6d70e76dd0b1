"""The justificatifs page's forms: one action each (sent, received), and the list's filters."""

from flask_wtf.file import FileField
from wtforms import HiddenField
from wtforms.validators import InputRequired

from convention_manager.forms import FrenchForm
from convention_manager.forms.fields import FrenchDateField
from convention_manager.services import obligations_page

REQUIRED_DATE = InputRequired("Saisissez la date (JJ/MM/AAAA).")
LARGEST_ID = 2**31 - 1  # a longer number in the address is no organisation, not a database error


class SendForm(FrenchForm):
    """The day the employer sent the document, and the document itself if wished."""

    on = FrenchDateField("Envoyé le", validators=[REQUIRED_DATE])
    file = FileField("Fichier (facultatif)")
    back = HiddenField()


class ReceiveForm(FrenchForm):
    """The day a financer received the document."""

    on = FrenchDateField("Reçu le", validators=[REQUIRED_DATE])
    back = HiddenField()


def filters_from(args):
    """The page's filters read from the query string; anything unreadable is ignored."""
    state = args.get("etat")
    year = _int(args.get("annee"))
    return obligations_page.Filters(
        state=state if state in obligations_page.STATES else None,
        reference=(args.get("convention") or "").strip() or None,
        year=year if year is not None and 1 <= year <= 9999 else None,
        organisation_id=_int(args.get("organisme"), LARGEST_ID),
        page=_int(args.get("page")) or 1,
    )


def _int(text, largest=None):
    """The number in `text`; None when there is none or it exceeds `largest`."""
    try:
        number = int(text) if text else None
    except ValueError:
        return None
    return None if largest is not None and number is not None and abs(number) > largest else number
