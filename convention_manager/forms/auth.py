"""The sign-in form."""

from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired, Length

from convention_manager.forms import FrenchForm


class LoginForm(FrenchForm):
    """Email address and password; the service checks them, the form only that they are given."""

    email = EmailField(
        "Adresse électronique",
        validators=[
            InputRequired("Saisissez votre adresse électronique."),
            Length(max=254, message="Adresse électronique trop longue."),
        ],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        "Mot de passe",
        validators=[InputRequired("Saisissez votre mot de passe.")],
        render_kw={"autocomplete": "current-password"},
    )
