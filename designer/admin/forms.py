"""Forms of the admin pages and of the invitation and password-reset pages."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from designer.designs.fields import MultiCheckboxField, choices
from designer.models import Role

ROLE_CHOICES = choices((r.value, r.label) for r in Role)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _roles_field() -> MultiCheckboxField:
    return MultiCheckboxField(
        "Roles",
        choices=ROLE_CHOICES,
        default=[Role.FACULTY.value],
        validators=[DataRequired("Choose at least one role.")],
        description="A person may hold several roles and may do what any of them allows.",
    )


class RolesForm(FlaskForm):
    roles = _roles_field()


class InviteForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email(), Length(max=254)], filters=[_strip])
    name = StringField(
        "Name",
        validators=[Length(max=200)],
        filters=[_strip],
        description="Optional: the invitation greets them by it.",
    )
    department = StringField(
        "Department",
        validators=[Length(max=200)],
        filters=[_strip],
        description="Optional: one of the institution's departments.",
    )
    roles = _roles_field()


class BulkInviteForm(FlaskForm):
    file = FileField(
        "People (CSV)",
        validators=[
            FileRequired("Choose a .csv file."),
            FileAllowed(["csv"], "Only .csv files can be read."),
        ],
        description="Columns: email, name, department (one of the institution's departments, or empty), "
        "role (several roles separated by ';'). A first row with these names is optional.",
    )


class EmailForm(FlaskForm):
    email = EmailField(
        "Email",
        validators=[DataRequired(), Email(), Length(max=254)],
        filters=[_strip],
        render_kw={"autocomplete": "username"},
    )


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        "New password",
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "new-password"},
        description="At least 12 characters; not a common password.",
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("password", "The two passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )


class ConfirmForm(FlaskForm):
    """A POST button with only the CSRF token."""
