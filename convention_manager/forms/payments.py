"""The finance officer's form: move a payment to a later step on a date typed the French way."""

from wtforms import HiddenField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from convention_manager import labels
from convention_manager.forms import FrenchForm
from convention_manager.forms.fields import FrenchDateField

STEPS = ("requested", "ordered", "paid")


class PaymentStepForm(FrenchForm):
    """The step to record (requested, ordered or paid), its date, and the list to go back to."""

    status = SelectField(
        "Nouvel état",
        choices=[SelectChoice(s, labels.STATUS[s]) for s in STEPS],
        validators=[InputRequired("Choisissez l'état à enregistrer.")],
    )
    on = FrenchDateField("Date", validators=[InputRequired("Saisissez la date (JJ/MM/AAAA).")])
    back = HiddenField()
