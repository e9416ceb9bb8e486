"""Login form."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length


class LoginForm(FlaskForm):
    """Email and password."""

    # Phones and password managers often add a trailing space; it is not part of the address.
    email = EmailField(
        "Email",
        validators=[DataRequired(), Email(), Length(max=254)],
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField("Keep me logged in on this computer")


class PasswordChangeForm(FlaskForm):
    """Current password, and the new one twice."""

    current = PasswordField(
        "Current password", validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    new = PasswordField(
        "New password",
        description="At least 12 characters; not a common password.",
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "New password again",
        validators=[DataRequired(), EqualTo("new", message="The two new passwords are not the same.")],
        render_kw={"autocomplete": "new-password"},
    )
