"""Forms of the institution profile and the departments pages."""

from zoneinfo import available_timezones

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from designer.designs.fields import ListField, NumberField, WholeNumberField, choices


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(label, max_length, description="", **kwargs):
    return StringField(
        label,
        validators=[Optional(), Length(max=max_length)],
        filters=[_strip],
        description=description,
        **kwargs,
    )


class ProfileForm(FlaskForm):
    legal_name = StringField(
        "Legal name",
        validators=[DataRequired(), Length(max=300)],
        filters=[_strip],
        description="As on the university's charter; printed on syllabi and credentials.",
    )
    short_name = _text("Short name", 60, "e.g. ESOU.")
    logo = FileField(
        "Logo (PNG or SVG)",
        validators=[Optional(), FileAllowed(["png", "svg"], "Only .png or .svg files.")],
        description="At most 512 KB; leave empty to keep the current logo.",
    )
    website = StringField(
        "Web page",
        validators=[
            Optional(),
            Length(max=300),
            URL(require_tld=False, message="Enter a full address, starting with https://"),
        ],
        filters=[_strip],
    )
    country = StringField(
        "Country code",
        validators=[DataRequired(), Regexp(r"^[A-Z]{2}$", message=("Two capital letters, for example IN."))],
        filters=[lambda v: _strip(v).upper() if v else v],
        description="ISO 3166 code, e.g. IN.",
    )
    region = _text("Region or state", 100, "e.g. Maharashtra.")
    abc_id = _text("Academic Bank of Credits id", 60)
    aishe_code = _text("AISHE code", 30, "e.g. U-0123.")
    grading_scheme = _text("Default grading scheme", 300, "e.g. UGC 10-point letter grades.")
    pass_mark = NumberField(
        "Default pass mark (%)",
        validators=[Optional(), NumberRange(0, 100)],
        render_kw={"inputmode": "decimal"},
    )
    approving_bodies = ListField(
        "Approving bodies",
        max_items=10,
        max_length=120,
        description="In order, separated by commas, e.g. Board of Studies, Academic Council.",
    )
    qa_process = TextAreaField(
        "Quality assurance process", validators=[Optional(), Length(max=2000)], filters=[_strip]
    )
    review_cycle_months = WholeNumberField(
        "Review cycle (months)",
        validators=[Optional(), NumberRange(1, 120)],
        render_kw={"inputmode": "numeric"},
    )
    time_zone = StringField(
        "Time zone",
        validators=[DataRequired(), Length(max=60)],
        filters=[_strip],
        description="IANA name, e.g. Asia/Kolkata.",
    )
    default_rubric = SelectField("Default rubric", choices=[])
    password_login = BooleanField("Allow password login", description=(
        "Untick to let people log in only through single sign-on. Invited and reset links stop working."))

    def validate_time_zone(self, field):
        if field.data not in available_timezones():
            raise ValidationError("Unknown time zone: use an IANA name such as Asia/Kolkata.")

    def set_rubric_choices(self, rubric_list) -> None:
        self.default_rubric.choices = choices(
            [("", "The installation's default")]
            + [(r.id, f"{r.title} (version {r.version})") for r in rubric_list]
        )


class DepartmentForm(FlaskForm):
    name = StringField("Department name", validators=[DataRequired(), Length(max=200)], filters=[_strip])


class RubricUploadForm(FlaskForm):
    file = FileField(
        "Rubric file (TOML)",
        validators=[FileRequired("Choose a .toml file."), FileAllowed(["toml"], "Only .toml files.")],
        description="Its id must be new or its version higher than the stored one; it is checked before use.",
    )
