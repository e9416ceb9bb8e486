"""The editor's forms. Every field has help text with a good example (see checks.md for what good means).

Rows (outcomes, activities, ...) are sub-forms in FieldLists; the view adds and removes rows without
JavaScript. Mapping choices (which outcomes an activity serves) are filled from the outcome ids of the
same submission, so an unknown outcome reference is a field error, never a stored value.
"""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import Form, HiddenField, StringField, TextAreaField
from wtforms.fields import FieldList, FormField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp

from designer.designs import vocabulary as v
from designer.designs.catalogue import MAPPED_ROWS
from designer.designs.fields import (
    ChoiceField,
    ListField,
    MultiCheckboxField,
    NumberField,
    WholeNumberField,
    choices,
)

ID_RULE = Regexp(
    r"^[A-Za-z][A-Za-z0-9_-]{0,15}$",
    message="An id starts with a letter and has at most 16 letters, digits, - or _ (e.g. LO1).",
)


UNKNOWN_OUTCOME = (
    "{}: there is no learning outcome with this id and text. Write it under Learning outcomes, "
    "or untick it here."
)


def _blank(pairs):
    return choices([("", "Choose…")] + pairs)


def text(label, max_length, description, **kwargs):
    """A one-line text field with a length limit."""
    return StringField(
        label, validators=[Optional(), Length(max=max_length)], description=description, **kwargs
    )


def area(label, max_length, description, **kwargs):
    """A multi-line text field with a length limit."""
    return TextAreaField(
        label, validators=[Optional(), Length(max=max_length)], description=description, **kwargs
    )


class RowForm(Form):
    """A row of a list; blank rows are dropped when the document is built."""

    def is_blank(self) -> bool:
        return all(not field.data for name, field in self._fields.items() if name not in {"id"})


class OutcomeForm(RowForm):
    id = StringField(
        "ID", validators=[Optional(), ID_RULE], description="Short id used in the mapping, e.g. LO1."
    )
    text = area(
        "Outcome",
        600,
        "One observable performance, starting with an action verb: "
        "'Analyse campaign data to identify the channels that drive conversions.' "
        "Avoid 'understand' or 'know': they cannot be assessed.",
    )
    nos = ListField(
        "NOS codes (NSQF only)",
        max_items=20,
        max_length=40,
        description="National Occupational Standards this outcome covers, comma-separated.",
    )


class ActivityForm(RowForm):
    id = StringField("ID", validators=[Optional(), ID_RULE], description="e.g. A1.")
    title = text("Activity", 300, "What learners do, e.g. 'Guided lab: build a campaign dashboard'.")
    kind = ChoiceField(
        "Kind",
        choices=_blank(v.ACTIVITY_KINDS),
        description="Lectures and tutorials count 15 h per credit, practicals 30, internships 45.",
    )
    hours = NumberField(
        "Hours",
        validators=[Optional(), NumberRange(min=0, max=1200, message="Hours must be between 0 and 1200.")],
        description="Notional learning hours of learner effort, e.g. 12.",
    )
    week = WholeNumberField(
        "Week",
        validators=[Optional(), NumberRange(min=1, max=104, message="Week must be between 1 and 104.")],
        description="Week of the schedule, e.g. 3.",
    )
    outcomes = MultiCheckboxField(
        "Outcomes practised",
        choices=[],
        unknown=UNKNOWN_OUTCOME,
        description="Every outcome needs at least one activity.",
    )


class AssessmentForm(RowForm):
    id = StringField("ID", validators=[Optional(), ID_RULE], description="e.g. AS1.")
    title = text("Assessment", 300, "e.g. 'Capstone campaign review and budget recommendation'.")
    kind = ChoiceField(
        "Kind",
        choices=_blank(v.ASSESSMENT_KINDS),
        description="Evaluate and Create outcomes need a project, case study, portfolio, "
        "presentation, viva or practical, not a quiz.",
    )
    purpose = ChoiceField(
        "Purpose",
        choices=_blank(v.PURPOSES),
        description="Credit is only given after at least one summative assessment.",
    )
    weight = NumberField(
        "Weight (%)",
        validators=[
            Optional(),
            NumberRange(min=0, max=100, message="A weight is a percentage between 0 and 100."),
        ],
        description="Summative weights add up to 100.",
    )
    hours = NumberField(
        "Hours",
        validators=[Optional(), NumberRange(min=0, max=400, message="Hours must be between 0 and 400.")],
        description="Learner time in and preparing for it, e.g. 4.",
    )
    criteria = area(
        "Marking criteria",
        4000,
        "e.g. 'Analysis of channel data (40%), quality of evidence (30%), feasibility (30%)'.",
    )
    supervision = ChoiceField(
        "Supervision",
        choices=_blank(v.SUPERVISION),
        description="A credit-bearing design needs one identity-verified summative assessment.",
    )
    outcomes = MultiCheckboxField(
        "Outcomes assessed",
        choices=[],
        unknown=UNKNOWN_OUTCOME,
        description="Every outcome needs a summative assessment.",
    )


class ResourceForm(RowForm):
    title = text("Resource", 300, "e.g. 'Course video series with captions'.")
    kind = ChoiceField(
        "Kind", choices=_blank(v.RESOURCE_KINDS), description="What sort of material it is, e.g. Video."
    )
    url = text("Link", 1000, "Optional web address, e.g. https://example.org/dataset.")
    licence = text("Licence", 100, "e.g. CC BY 4.0.")
    # Three answers, not a checkbox: "not stated" and "no" are different facts, and both survive a round trip.
    accessible = ChoiceField(
        "Accessible?",
        choices=choices(v.ACCESSIBLE),
        description="Yes when videos have captions or transcripts, images have alt text and "
        "documents work with a screen reader.",
    )
    outcomes = MultiCheckboxField(
        "Outcomes supported",
        choices=[],
        unknown=UNKNOWN_OUTCOME,
        description="Tick the outcomes this resource helps learners reach.",
    )


class PartnerForm(RowForm):
    name = text("Partner", 300, "e.g. 'Regional Chamber of Commerce'.")
    kind = ChoiceField("Kind", choices=_blank(v.PARTNER_KINDS), description="e.g. Industry for an employer.")
    role = text("Role", 500, "e.g. 'Co-designed the capstone brief and reviews projects'.")
    agreement = text("Agreement", 300, "MoU or letter reference, e.g. 'MoU 2026/14'.")


class EvidenceForm(RowForm):
    kind = ChoiceField(
        "Kind",
        choices=_blank(v.EVIDENCE_KINDS),
        description="Employer letters and surveys are the strongest evidence of need.",
    )
    description = area(
        "Evidence",
        2000,
        "e.g. 'Survey of 42 local SMEs: 31 named campaign measurement as their main skills gap'.",
    )
    source = text("Source", 500, "Where a reviewer can see it, e.g. 'On file with the Dean'.")


class NosForm(RowForm):
    code = text("NOS code", 40, "e.g. SSC/N0501.")
    title = text("NOS title", 300, "e.g. Plan and monitor digital campaigns.")


class TranslatedOutcomeForm(Form):
    id = HiddenField()
    text = area("Outcome", 600, "The same outcome in this language.")


class TranslationForm(RowForm):
    lang = ChoiceField("Language", choices=_blank(v.LANGUAGES), description="e.g. Hindi (हिन्दी).")
    title = text("Title", 200, "e.g. 'डिजिटल मार्केटिंग एनालिटिक्स की अनिवार्यताएँ'.")
    summary = area("Summary", 2000, "The summary above, in this language.")
    outcomes = FieldList(FormField(TranslatedOutcomeForm), min_entries=0, max_entries=200)

    def is_blank(self) -> bool:
        return not (self.title.data or self.summary.data or any(o.text.data for o in self.outcomes))


def rows(form_class):
    """A list of sub-form rows."""
    return FieldList(FormField(form_class), min_entries=0, max_entries=200)


class PerCreditHint:
    """The credits field's hint, with the hours per credit of the rubric in use when the page is drawn
    (an institution whose rubric says 25 must not be told 30)."""

    def __str__(self) -> str:
        from designer.template_helpers import hours_per_credit  # needs the app: at render time only

        return f"1 credit = {hours_per_credit()} notional learning hours, e.g. 2."


class DesignForm(FlaskForm):
    """The whole editor. Only the title is needed to save; completeness is checked at submission."""

    base_revision = HiddenField()
    # Basics
    title = StringField(
        "Title",
        validators=[
            DataRequired("Give the design a title, e.g. 'Digital Marketing Analytics Essentials'."),
            Length(max=200),
        ],
        description="5-120 characters. Avoid words for full qualifications (degree, diploma).",
    )
    code = text("Course code", 40, "The code uploaded to the Academic Bank of Credits, e.g. MC-DMA-101.")
    # The institution's managed list (Admin > Departments); the views set the choices (offer_departments).
    department = ChoiceField("Department", choices=[],
                             description="The department the design belongs to; admins keep the list.")
    summary = area(
        "Summary",
        2000,
        "Two sentences: what learners will be able to do, for whom, how long. "
        "e.g. 'A six-week online micro-credential in measuring digital marketing campaigns…'",
    )
    purpose = area(
        "Purpose",
        4000,
        "The need it answers and the pathways it opens, e.g. 'Local employers report "
        "that graduates cannot measure campaigns…'",
    )
    target_learners = area(
        "Target learners",
        1000,
        "e.g. 'Second-year undergraduates of any discipline; working professionals in marketing'.",
    )
    prerequisites = area("Prerequisites", 1000, "Write 'None' when there are none.")
    field_of_study = text("Field of study", 200, "e.g. Business and marketing.")
    tags = ListField("Tags", description="Comma-separated keywords, e.g. 'web analytics, data literacy'.")
    # Level and credits
    framework = ChoiceField(
        "Framework",
        choices=_blank(v.FRAMEWORKS),
        description="NCrF for higher education; NSQF for skill qualifications.",
    )
    level = ChoiceField(
        "Level",
        choices=_blank(v.LEVELS),
        description="NCrF higher-education levels run from 4.5 (first year) to 8 (doctoral).",
    )
    credits = NumberField(
        "Credits",
        validators=[Optional(), NumberRange(min=0.5, max=40, message="Credits must be between 0.5 and 40.")],
        description=PerCreditHint(),
    )
    delivery_mode = ChoiceField(
        "Delivery mode", choices=_blank(v.DELIVERY_MODES), description="How learners take part, e.g. Online."
    )
    duration_weeks = WholeNumberField(
        "Duration (weeks)",
        validators=[
            Optional(),
            NumberRange(min=1, max=104, message="Duration must be between 1 and 104 weeks."),
        ],
        description="e.g. 6.",
    )
    isced_f = StringField(
        "ISCED-F field code",
        validators=[Optional(), Regexp(r"^[0-9]{2}([0-9]{1,2})?$",
                                       message="Use the 2-, 3- or 4-digit ISCED-F 2013 code, e.g. 0414.")],
        description="Field of education and training (ISCED-F 2013), e.g. 0414 for marketing and "
        "advertising. European Learning Model exports need it.",
    )
    eqf_level = WholeNumberField(
        "EQF level",
        validators=[Optional(), NumberRange(min=1, max=8, message="EQF levels run from 1 to 8.")],
        description="Only when the institution has referenced the design to the European Qualifications "
        "Framework, e.g. 4.",
    )
    nsqf_qp_code = text("NSQF Qualification Pack code", 40, "Only for NSQF-aligned designs, e.g. MES/Q0702.")
    nos = rows(NosForm)
    # Awarding body
    awarding_name = text("Awarding body", 300, "e.g. Example State Open University.")
    awarding_country = StringField(
        "Country",
        validators=[
            Optional(),
            Regexp(r"^[A-Z]{2}$", message="Use the two-letter country code in capitals, e.g. IN."),
        ],
        description="e.g. IN.",
    )
    awarding_region = text("Region", 100, "e.g. Maharashtra.")
    abc_id = text("ABC id", 60, "The institution's Academic Bank of Credits registration.")
    aishe_code = text("AISHE code", 30, "e.g. U-0000.")
    partners = rows(PartnerForm)
    need_evidence = rows(EvidenceForm)
    # Outcomes, activities, assessments, resources
    outcomes = rows(OutcomeForm)
    activities = rows(ActivityForm)
    assessments = rows(AssessmentForm)
    resources = rows(ResourceForm)
    # Grading, quality assurance, stackability, recognition
    grading_scheme = text("Grading scheme", 300, "e.g. UGC 10-point letter grades.")
    pass_mark = NumberField(
        "Pass mark (%)",
        validators=[
            Optional(),
            NumberRange(min=0, max=100, message="The pass mark is a percentage between 0 and 100."),
        ],
        description="e.g. 40.",
    )
    approving_body = text("Approving body", 300, "e.g. Board of Studies; ratified by the Academic Council.")
    qa_process = area(
        "Quality-assurance process",
        2000,
        "e.g. 'Internal review against the rubric; external review by the IQAC every cycle'.",
    )
    review_cycle_months = WholeNumberField(
        "Review cycle (months)",
        validators=[Optional(), NumberRange(min=1, max=120, message="Between 1 and 120 months.")],
        description="At most 12 is good practice.",
    )
    stack_mode = ChoiceField(
        "Stackability",
        choices=_blank(v.STACKABILITY),
        description="Stackable when its credits count towards a programme.",
    )
    stack_target = text("Stacks towards", 300, "e.g. B.Com (Honours), skill-enhancement course basket.")
    stack_credits = NumberField(
        "Credits counted",
        validators=[Optional(), NumberRange(min=0, max=40, message="Between 0 and 40.")],
        description="At most the design's credits.",
    )
    recognition = MultiCheckboxField(
        "Recognition",
        choices=choices(v.RECOGNITION),
        description="Who recognises it, e.g. Academic credit (ABC) and Industry.",
    )
    # Accessibility and languages
    accessibility = area(
        "Accessibility",
        2000,
        "e.g. 'All videos are captioned; extra time on request to the disability cell'.",
    )
    integrity = area(
        "Academic integrity",
        2000,
        "e.g. 'Capstone under proctoring with identity checks; learners declare AI-tool use'.",
    )
    languages = MultiCheckboxField(
        "Languages of instruction",
        choices=choices(v.LANGUAGES),
        description="Each language besides English needs a translation below.",
    )
    translations = rows(TranslationForm)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_outcome_choices()

    def _set_outcome_choices(self) -> None:
        """Offer the written outcomes of this submission (id and text) in every mapping field.

        Done on construction, from the same data, so no caller can forget it. An outcome row without
        text is not saved, so it cannot be ticked either.
        """
        ids = [
            entry.form.id.data for entry in self.outcomes if entry.form.id.data and not entry.form.is_blank()
        ]
        for name in MAPPED_ROWS:
            for entry in getattr(self, name):
                entry.form.outcomes.choices = choices((i, i) for i in ids)


class CoauthorForm(FlaskForm):
    """Share a design with a colleague."""

    email = StringField("Colleague's email", validators=[DataRequired(), Email(), Length(max=254)])


class ImportForm(FlaskForm):
    """Upload a design JSON file."""

    file = FileField(
        "Design file (JSON)",
        validators=[
            FileRequired("Choose a .json file."),
            FileAllowed(["json"], "Only .json files can be imported."),
        ],
    )


class EmptyForm(FlaskForm):
    """CSRF protection for POST-only buttons (clone, delete)."""
