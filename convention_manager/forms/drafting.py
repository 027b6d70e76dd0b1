"""The drafter's forms: a convention (general facts, parties, roles, costs, funding lines, as
one period or year by year), an avenant, a renewal and the status moves."""

from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional

from convention_manager.documents.context import PARTY_KIND
from convention_manager.forms import FrenchForm, convention_mapping
from convention_manager.forms.fields import FrenchAmountField, FrenchDateField
from convention_manager.rules.terms import PARTY_KINDS, POST_KINDS

PARTY_ROWS = 5  # a blank convention offers room for the usual five parties
FUNDING_ROWS = 3
NO_CHOICE = SelectChoice("", "— choisir —")


class _Rows(Form):
    """A repeatable row (no CSRF token of its own), with French messages."""

    class Meta:
        locales = ["fr_FR", "fr"]


class PartyRow(_Rows):
    """One party: its key in the file, kind, organisation and signatory."""

    key = StringField("Clé", render_kw={"placeholder": "etat", "spellcheck": "false"})
    kind = SelectField(
        "Nature",
        choices=[NO_CHOICE] + [SelectChoice(k, PARTY_KIND[k]) for k in PARTY_KINDS],
        validate_choice=False,  # the schema names the party and the allowed kinds
    )
    name = StringField("Organisme", render_kw={"list": "organisations", "autocomplete": "off"})
    representative = StringField("Représentant")
    title = StringField("Qualité")
    siret = StringField("SIRET", render_kw={"inputmode": "numeric", "spellcheck": "false"})
    iban = StringField("IBAN", render_kw={"spellcheck": "false"})


class FundingRow(_Rows):
    """One funding line: who, from which fund, how much (share or amount), cap, requested, voted."""

    financer = SelectField("Financeur", choices=[NO_CHOICE], validate_choice=False)
    fund = SelectField(
        "Fonds",
        choices=[SelectChoice("", "—"), SelectChoice("FIPD", "FIPD")],
        validate_choice=False,
    )
    share = StringField("Part", render_kw={"placeholder": "1/3 ou 41 %"})
    amount = FrenchAmountField("ou montant")
    cap = FrenchAmountField("Plafond")
    requested = FrenchAmountField("Demandé")
    voted = FrenchAmountField("Voté")


class PeriodRow(_Rows):
    """One period of a convention financed year by year: its dates, costs and funding lines."""

    label = StringField("Libellé", render_kw={"placeholder": "2025", "spellcheck": "false"})
    start = FrenchDateField("Début", render_kw={"placeholder": "JJ/MM/AAAA"})
    end = FrenchDateField("Fin", render_kw={"placeholder": "JJ/MM/AAAA"})
    salary = FrenchAmountField("Salaire et charges")
    travel = FrenchAmountField("Frais de déplacement")
    training = FrenchAmountField("Formation")
    admin_fees = FrenchAmountField("Frais de gestion administrative")
    funding = FieldList(FormField(FundingRow), min_entries=1)


class ConventionForm(FrenchForm):
    """Everything a convention states; the schema checks the whole."""

    # The version of the convention the user opened: a save from an older one is refused.
    version = HiddenField()
    reference = StringField(
        "Référence", render_kw={"placeholder": "NORD-CA2C-2023", "spellcheck": "false"}
    )
    title = StringField("Intitulé")
    post_kind = SelectField("Type de poste", choices=[SelectChoice(k, k) for k in POST_KINDS])
    posts = StringField("Nombre de postes", default="1", render_kw={"inputmode": "numeric"})
    fte = StringField("ETP par poste", default="1", render_kw={"inputmode": "decimal"})
    territory = StringField("Territoire")
    start = FrenchDateField("Début", render_kw={"placeholder": "JJ/MM/AAAA"})
    end = FrenchDateField("Fin", render_kw={"placeholder": "JJ/MM/AAAA"})
    financial_year_end = StringField(
        "Clôture de l'exercice de l'employeur", default="31/12", render_kw={"placeholder": "JJ/MM"}
    )
    court = StringField(
        "Tribunal compétent", render_kw={"placeholder": "Tribunal administratif de …"}
    )
    parties = FieldList(FormField(PartyRow), min_entries=1)
    employer = SelectField("Employeur (autorité hiérarchique)", validate_choice=False)
    functional_authority = SelectField("Autorité fonctionnelle", validate_choice=False)
    salary = FrenchAmountField("Salaire et charges")
    travel = FrenchAmountField("Frais de déplacement")
    training = FrenchAmountField("Formation")
    admin_fees = FrenchAmountField("Frais de gestion administrative")
    funding = FieldList(FormField(FundingRow), min_entries=1)
    financing = RadioField(
        "Financement",
        choices=[
            SelectChoice(convention_mapping.SINGLE, "une seule période"),
            SelectChoice(convention_mapping.PERIODS, "par année"),
        ],
        default=convention_mapping.SINGLE,
        validate_choice=False,
    )
    periods = FieldList(FormField(PeriodRow), min_entries=0)
    error_field = None  # id of the field a schema error points at, for a link to it

    @property
    def by_period(self):
        """Whether the convention is financed year by year (else as one period)."""
        return self.financing.data == convention_mapping.PERIODS

    def validate(self, extra_validators=None):
        """The fields of the financing mode not chosen are kept as typed but not checked."""
        valid = super().validate(extra_validators)
        hidden = (
            [self.periods]
            if not self.by_period
            else [self.salary, self.travel, self.training, self.admin_fees, self.funding]
        )
        if valid or not any(f.errors for f in hidden):
            return valid
        for field in hidden:
            _clear_errors(field)
        self._errors = None
        return not self.errors

    def offer_party_keys(self):
        """Fill the role and financer lists with the keys typed in the party rows."""
        rows = [(r.key.data or "").strip() for r in self.parties]
        names = {(r.key.data or "").strip(): (r.form.name.data or "").strip() for r in self.parties}
        keys = [k for k in dict.fromkeys(rows) if k]
        period_lines = [line for p in self.periods for line in p.form.funding]
        for select in [self.employer, self.functional_authority] + [
            r.financer for r in [*self.funding, *period_lines]
        ]:
            chosen = [select.data] if select.data and select.data not in keys else []
            select.choices = [NO_CHOICE] + [
                SelectChoice(k, f"{k} — {names[k]}" if names.get(k) else k) for k in keys + chosen
            ]

    def pad_rows(self, parties=PARTY_ROWS, funding=FUNDING_ROWS):
        """Blank rows up to the given counts (at least one blank row each)."""
        for rows, wanted in ((self.parties, parties), (self.funding, funding)):
            filled = len(convention_mapping.kept(rows.data))
            while len(rows) < wanted or len(rows) <= filled:
                rows.append_entry()
        for period in self.periods:
            lines = period.form.funding
            while len(lines) < funding or len(lines) <= len(convention_mapping.kept(lines.data)):
                lines.append_entry()

    def split_by_year(self):
        """One period a year from the convention's start to its end (server side), keeping the
        costs and lines already typed in the periods, else the funding lines of one period."""
        rows = convention_mapping.yearly_periods(
            self.start.data, self.end.data, self.periods.data, self.funding.data
        )
        if not rows:
            return False
        while len(self.periods):
            self.periods.pop_entry()
        for row in rows:
            self.periods.append_entry(row)
        self.financing.data = convention_mapping.PERIODS
        return True


def _clear_errors(field):
    """Forget the errors of a field and of the rows inside it."""
    if isinstance(field, FieldList):
        for entry in field.entries:
            _clear_errors(entry)
        field.errors = []
    elif isinstance(field, FormField):
        for sub in field.form:
            _clear_errors(sub)
        field.form._errors = None
    else:
        field.errors = []


class AvenantForm(ConventionForm):
    """The convention as it must read after the avenant, with the avenant's own dates."""

    requested = FrenchDateField("Date de la demande", render_kw={"placeholder": "JJ/MM/AAAA"})
    signed = FrenchDateField("Date de signature", render_kw={"placeholder": "JJ/MM/AAAA"})


class StatusForm(FrenchForm):
    """Move a convention to signed, active or ended on a date."""

    status = SelectField(
        "Nouveau statut",
        choices=[
            SelectChoice("signed", "signée"),
            SelectChoice("active", "en cours"),
            SelectChoice("ended", "terminée"),
        ],
    )
    on = FrenchDateField("Date", validators=[InputRequired("Saisissez la date.")])


class TerminationForm(FrenchForm):
    """Terminate after a formal notice (mise en demeure)."""

    formal_notice = FrenchDateField(
        "Date de la mise en demeure", validators=[InputRequired("Saisissez la date.")]
    )
    on = FrenchDateField("Date de résiliation (facultative)", validators=[Optional()])


class RenewForm(FrenchForm):
    """A renewal: the new convention's reference and dates."""

    reference = StringField(
        "Nouvelle référence", validators=[InputRequired("Saisissez la référence.")]
    )
    start = FrenchDateField("Début", validators=[Optional()])
    end = FrenchDateField("Fin", validators=[Optional()])
