"""Forms of the approved catalogue: filters (GET) and the selection that becomes a pack (POST)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, StringField
from wtforms.validators import Length, Optional

from designer.designs.fields import ChoiceField, MultiCheckboxField, choices
from designer.designs.vocabulary import LEVELS


class CatalogueFilterForm(Form):
    """Filters read from the query string (a GET search form needs no CSRF token)."""

    q = StringField("Search by title or code", validators=[Optional(), Length(max=100)])
    department = ChoiceField("Department", choices=[])
    level = ChoiceField("Level", choices=choices([("", "Any level")] + LEVELS))
    tag = StringField("Tag", validators=[Optional(), Length(max=60)],
                      description="One keyword, e.g. data literacy")
    selection = ChoiceField("Saved selection", choices=[])


class PackForm(FlaskForm):
    """Which approved designs go into the pack, its title and print options."""

    designs = MultiCheckboxField("Approved designs", choices=[],
                                 unknown="Design {} is not in the approved catalogue any more; untick it.")
    title = StringField("Pack title", validators=[Optional(), Length(max=200)],
                        description="Printed on the cover, e.g. the workshop's name and date: "
                                    "Faculty development workshop, Pune, 12 March 2027")
    duplex = BooleanField("Start each syllabus on a right-hand page (for double-sided printing)")
    selection_name = StringField("Name of the selection", validators=[Optional(), Length(max=120)],
                                 description="To reuse these designs later, e.g. Pune workshop modules")


def form_errors(form) -> list[tuple[str, str, str]]:
    """(field id, label, message) for the error summary macro."""
    return [(field.id, field.label.text, message) for field in form for message in field.errors]


class PublicFilterForm(Form):
    """Search of the public catalogue, from the query string; choices: values approved designs have."""

    q = StringField("Search by title, code or summary", validators=[Optional(), Length(max=100)])
    level = ChoiceField("Level", choices=[])
    credits = ChoiceField("Credits", choices=[])
    field = ChoiceField("Field of study", choices=[])
    language = ChoiceField("Language", choices=[])
    department = ChoiceField("Department", choices=[])

    def fill(self, options: dict[str, list[tuple[str, str]]]) -> None:
        any_label = {"level": "Any level", "credits": "Any credits", "field": "Any field",
                     "language": "Any language", "department": "Any department"}
        for name, pairs in options.items():
            getattr(self, name).choices = choices([("", any_label[name])] + pairs)
