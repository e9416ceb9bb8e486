"""Forms of the approval route page and the reviewer assignment page."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange

from designer.designs.fields import MultiCheckboxField, WholeNumberField, choices


class StageForm(FlaskForm):
    name = StringField(
        "Stage name",
        validators=[DataRequired(), Length(max=200)],
        description="e.g. Department committee, Board of Studies, Academic Council.",
    )
    reviews_required = WholeNumberField(
        "Independent reviews needed",
        default=1,
        validators=[DataRequired(), NumberRange(1, 20)],
        render_kw={"inputmode": "numeric"},
    )
    scores_manual = BooleanField(
        "Reviewers score the rubric's manual criteria", description="Untick for a stage that only decides."
    )
    members = MultiCheckboxField("Committee", validators=[DataRequired("Choose the committee.")])
    chair = SelectField("Chair (assigns reviewers)", coerce=int, choices=[])

    def set_people(self, people) -> None:
        self.members.choices = choices((p.id, f"{p.name} ({p.email})") for p in people)
        self.chair.choices = choices([(0, "No chair")] + [(p.id, p.name) for p in people])


class RestartForm(FlaskForm):
    restart = SelectField(
        "After “request changes”, the resubmitted design starts at",
        choices=choices([("first", "the first stage"), ("asking", "the stage that asked for the changes")]),
        default="first",
    )


class AssignForm(FlaskForm):
    reviewer = SelectField("Reviewer", coerce=int, choices=[])
    due = DateField("Due date", validators=[DataRequired("Give the due date.")])
