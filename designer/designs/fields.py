"""Form fields with messages a non-technical person understands."""

import math

from wtforms import FloatField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget


class NumberField(FloatField):
    """A decimal number; refuses words, NaN and infinity with a plain message."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            value = float(valuelist[0].strip().replace(",", "."))
        except ValueError:
            self.data = None
            raise ValueError("Enter a number, for example 2 or 2.5.") from None
        if not math.isfinite(value):
            self.data = None
            raise ValueError("Enter an ordinary number, for example 2 or 2.5.")
        self.data = int(value) if value.is_integer() else value


class WholeNumberField(IntegerField):
    """A whole number with a plain message."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = int(valuelist[0].strip())
        except ValueError:
            self.data = None
            raise ValueError("Enter a whole number, for example 6.") from None


class ChoiceField(SelectField):
    """A select whose invalid-choice message says what to do."""

    def pre_validate(self, form):
        if self.data in (None, ""):
            return
        if self.data not in {str(value) for value, _ in self.choices}:
            raise ValidationError("Choose one of the options in the list.")


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes for a multiple choice (outcome mapping, languages, recognition)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        known = {str(value) for value, *_ in self.choices}
        unknown = [v for v in self.data or [] if v not in known]
        if unknown:
            raise ValidationError(f"Unknown choice: {', '.join(unknown)}. Choose from the list.")


class ListField(StringField):
    """Comma-separated text that becomes a list of strings (tags, NOS codes)."""

    def __init__(self, *args, max_items: int = 30, max_length: int = 60, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_items, self.max_length = max_items, max_length

    def process_formdata(self, valuelist):
        raw = valuelist[0] if valuelist else ""
        self.data = [part.strip() for part in raw.split(",") if part.strip()]

    def _value(self):
        return ", ".join(self.data or [])

    def pre_validate(self, form):
        if len(self.data or []) > self.max_items:
            raise ValidationError(f"Give at most {self.max_items} items.")
        too_long = [item for item in self.data or [] if len(item) > self.max_length]
        if too_long:
            raise ValidationError(f"Each item can have at most {self.max_length} characters.")
