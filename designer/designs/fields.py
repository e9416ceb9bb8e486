"""Form fields with messages a non-technical person understands."""

import math

from markupsafe import Markup, escape
from wtforms import FloatField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, Select, TextInput


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms options (tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def _values(field) -> set[str]:
    return {str(c.value) for c in field._choices_from_input(field.choices) or []}


class _StopAfterParseError:
    """When the text is not a number, say so once; the range check would only add noise.

    Rendered as a text box (the templates add inputmode="decimal"), not <input type=number>: a number
    box silently sends nothing for "12,5" or "12 h", so the person's typing would vanish without a word.
    """

    widget = TextInput()

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()


class NumberField(_StopAfterParseError, FloatField):
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


class WholeNumberField(_StopAfterParseError, IntegerField):
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


class QuickSelect(Select):
    """WTForms' select with a plain-string option renderer: the editor has ~300 options, and the generic
    attribute builder made them a third of the page's rendering time. Same HTML as WTForms writes."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        selected = "selected " if choice.selected else ""
        label = escape(choice.label or choice.value)
        return Markup(f'<option {selected}value="{escape(choice.value)}">{label}</option>')


class ChoiceField(SelectField):
    """A select whose invalid-choice message says what to do."""

    widget = QuickSelect()

    def pre_validate(self, form):
        if self.data in (None, ""):
            return
        if self.data not in _values(self):
            raise ValidationError("Choose one of the options in the list.")


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes for a multiple choice (outcome mapping, languages, recognition)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args, unknown: str = "Unknown choice: {}. Choose from the list.", **kwargs):
        super().__init__(*args, **kwargs)
        self.unknown_message = unknown

    def pre_validate(self, form):
        known = _values(self)
        unknown = [v for v in self.data or [] if v not in known]
        if unknown:
            raise ValidationError(self.unknown_message.format(", ".join(unknown)))


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
