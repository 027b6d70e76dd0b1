"""Form fields for what French users type: amounts like "71 724,50" and dates like 01/07/2023.

WTForms' DecimalField refuses spaces and commas and its DateField takes ISO dates only. These
fields keep what was typed for re-display and hold a Decimal or a date in `data`.
"""

from wtforms import Field
from wtforms.widgets import TextInput

from convention_manager import formatting
from convention_manager.rules import terms


class _TypedField(Field):
    """A text input read by a parser; the text typed is shown again as it was."""

    widget = TextInput()
    problem = "Valeur invalide"

    def parse(self, text):
        """The value read from the text (raises ValueError)."""
        raise NotImplementedError

    def show(self, value):
        """The value written back as text."""
        raise NotImplementedError

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else self.show(self.data)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = self.parse(valuelist[0])
        except (TypeError, ValueError):
            self.data = None
            raise ValueError(f"{self.problem} « {valuelist[0].strip()} »") from None


class FrenchAmountField(_TypedField):
    """An amount in euros typed the French way: "71 724,50", "7 500", "7500.00", "7 500 €"."""

    problem = "Montant invalide (exemple : 71 724,50)"

    def parse(self, text):
        """A Decimal, exact."""
        return formatting.parse_decimal(text)

    def show(self, value):
        """French digits: "71 724,50"."""
        return formatting.number(value)


class FrenchDateField(_TypedField):
    """A date typed JJ/MM/AAAA (ISO AAAA-MM-JJ also read)."""

    problem = "Date invalide (format attendu : JJ/MM/AAAA)"

    def parse(self, text):
        """A date, from 1900 to 2999 (later deadlines must still be dates)."""
        value = formatting.parse_french_date(text)
        if not terms.EARLIEST_DATE <= value <= terms.LATEST_DATE:
            raise ValueError("année hors de 1900 à 2999")
        return value

    def show(self, value):
        """JJ/MM/AAAA."""
        return formatting.short_date(value)
