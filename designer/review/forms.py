"""Forms of the review pages. The review form is built per submission: one rating and one comment per
manual criterion of the rubric version the design was submitted under."""

import re

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from designer.designs.fields import ChoiceField, NumberField, choices
from designer.models import EmailPreference, Status
from designer.review.services import COMMENT_MAX, RATINGS

# A rubric's guidance may cite the project's own files ("standards.md §3.2"), which mean nothing to a
# reviewer: the help text leaves such references out (frozen submissions keep the text as it was).
_FILE_REFERENCE = re.compile(r"\b[\w./-]+\.(?:md|py|toml|json)\b(?:\s*§[\d.]*\d(?:\s*,\s*§[\d.]*\d)*)?")


def reader_text(text: str) -> str:
    """`text` without references to internal files: "(NZQA rule, standards.md §5.1)" -> "(NZQA rule)"."""
    cleaned = _FILE_REFERENCE.sub("", text or "")
    cleaned = re.sub(r"\(\s*[,;]?\s*\)", "", re.sub(r"[,;]\s*\)", ")", re.sub(r"\(\s*[,;]\s*", "(", cleaned)))
    return re.sub(r"\s+([.,;:?])", r"\1", re.sub(r"\s{2,}", " ", cleaned)).strip()


RATING_CHOICES = [("", "Choose…")] + [(str(k), v) for k, v in RATINGS.items()]
# The queue lists what reached the committee: every status but the authors' own draft.
STATUS_FILTERS = [("waiting", "Waiting for a decision")] + [
    (s.value, s.label) for s in Status if s != Status.DRAFT
]


class SubmitForm(FlaskForm):
    """Submit the latest revision (the revision number guards against submitting an unseen save)."""

    base_revision = HiddenField()
    comment = TextAreaField(
        "Response to the reviewers (optional)",
        validators=[Optional(), Length(max=COMMENT_MAX)],
        description="What you changed for each comment, and why you left anything as it was. The committee "
        "reads it beside the list of changes since their review.",
    )


class NotificationSettingsForm(FlaskForm):
    """How a person wants notification email."""

    email_preference = ChoiceField(
        "Email me about notifications",
        choices=choices([(p.value, p.label) for p in EmailPreference]),
        validators=[DataRequired(message="Choose how you want to be emailed.")],
        description="You always see every notification here in the app.",
    )


class WithdrawForm(FlaskForm):
    comment = TextAreaField("Reason (optional)", validators=[Optional(), Length(max=COMMENT_MAX)])


class DecisionForm(FlaskForm):
    """Approve, request changes or reject; the buttons carry the decision."""

    submission_id = HiddenField()
    decision = StringField()  # filled by the pressed button (name="decision"), never rendered as a field
    comment = TextAreaField(
        "Decision comment to the authors",
        validators=[Optional(), Length(max=COMMENT_MAX)],
        description="Required to request changes or reject: say what must change and why.",
    )


def review_form_class(manual_criteria: list[dict], failed: dict[str, str] | None = None) -> type[FlaskForm]:
    """A form class with `rating_<id>` and `comment_<id>` for each manual criterion, an optional
    `finding_<id>` comment for each failed automated check (`failed`: {id: title}), and the private note."""
    failed = failed or {}

    class ReviewForm(FlaskForm):
        submission_id = HiddenField()
        private_note = TextAreaField(
            "Private note to the committee",
            validators=[Optional(), Length(max=COMMENT_MAX)],
            description="Only committee members see this; the authors never do.",
        )

        def criterion_fields(self):
            return [(c, self[f"rating_{c['id']}"], self[f"comment_{c['id']}"]) for c in manual_criteria]

        def finding_fields(self):
            return [(cid, self[f"finding_{cid}"]) for cid in failed]

        def finding_comments(self) -> dict[str, str]:
            return {cid: (self[f"finding_{cid}"].data or "").strip() for cid in failed
                    if (self[f"finding_{cid}"].data or "").strip()}

        def ratings(self) -> dict[str, tuple[int, str]]:
            return {
                c["id"]: (int(self[f"rating_{c['id']}"].data), self[f"comment_{c['id']}"].data or "")
                for c in manual_criteria
            }

    for criterion in manual_criteria:
        cid = criterion["id"]
        setattr(
            ReviewForm,
            f"rating_{cid}",
            ChoiceField(
                f"Rating: {criterion['title']}",
                choices=choices(RATING_CHOICES),
                validators=[DataRequired(message="Choose met, partly met or not met.")],
                description=reader_text(criterion.get("guidance", "")),
            ),
        )
        setattr(
            ReviewForm,
            f"comment_{cid}",
            TextAreaField(
                f"Comment to the authors on {criterion['title'].lower()}",
                validators=[Optional(), Length(max=COMMENT_MAX)],
                description="The authors see this comment beside the criterion.",
            ),
        )
    for cid, title in failed.items():
        setattr(
            ReviewForm,
            f"finding_{cid}",
            TextAreaField(
                f"Comment to the authors on check {cid}: {title.lower()} (optional)",
                validators=[Optional(), Length(max=COMMENT_MAX)],
                description="The authors see it beside the field the finding is about.",
            ),
        )
    return ReviewForm


class QueueFilterForm(FlaskForm):
    """Filters of the review queue (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    status = ChoiceField("Status", choices=choices(STATUS_FILTERS), default="waiting")
    department = ChoiceField("Department", choices=choices([("", "All departments")]), default="")
    level = ChoiceField("Level", choices=choices([("", "All levels")]), default="")
    min_score = NumberField("Score at least (%)", validators=[Optional(), NumberRange(0, 100)])
    max_score = NumberField("Score at most (%)", validators=[Optional(), NumberRange(0, 100)])


class CompareForm(FlaskForm):
    """Pick two revisions to compare (a GET form)."""

    class Meta:
        csrf = False

    left = ChoiceField("From revision")
    right = ChoiceField("To revision")
