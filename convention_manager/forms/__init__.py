"""Web forms (WTForms through Flask-WTF), one module per area, with French labels and messages."""

from flask_wtf import FlaskForm


class FrenchForm(FlaskForm):
    """A form whose WTForms built-in messages are in French (WTF_I18N_ENABLED is False)."""

    class Meta:
        locales = ["fr_FR", "fr"]
