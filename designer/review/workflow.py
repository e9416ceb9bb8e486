"""The committee workflow as data: the allowed transitions, who takes each one, and why others are refused.

    draft ──submit──> submitted ──start review──> in review ──approve──────────> approved ──edit──> draft
      ^                  │                          │  │──request changes──> changes requested ──submit──> ...
      └────withdraw──────┴──────────withdraw────────┘  └──reject───────────> rejected (final)

Every question about a status is answered from TRANSITIONS: may the authors edit now (an EDIT
transition leaves the status), may they submit or withdraw, is the design with the committee. Editing an
approved design is the EDIT transition approved -> draft, audited like every other step; the approved
revision stays approved through Design.approved_revision_id. Further stages (a faculty board after the
committee, say) are new statuses and rows here, not new code in the views.
"""

import enum
from dataclasses import dataclass

from designer.models import Status


class Action(enum.StrEnum):
    """A step of the workflow; the value is what the audit log records."""

    SUBMIT = "submitted"
    WITHDRAW = "withdrawn"
    START_REVIEW = "review_started"
    APPROVE = "approved"
    REQUEST_CHANGES = "changes_requested"
    REJECT = "rejected"
    EDIT = "edited"
    # On a multi-stage route (designer.approval): this stage approved, the next stage now has the design.
    ADVANCE = "stage_approved"

    @property
    def verb(self) -> str:
        return {
            "edited": "edit",
            "stage_approved": "pass to the next stage",
            "submitted": "submit",
            "withdrawn": "withdraw",
            "review_started": "start reviewing",
            "approved": "approve",
            "changes_requested": "request changes to",
            "rejected": "reject",
        }[self.value]

    @property
    def label(self) -> str:
        return {
            "edited": "Edited (new draft revision)",
            "stage_approved": "Stage approved, sent to the next stage",
            "submitted": "Submitted",
            "withdrawn": "Withdrawn",
            "review_started": "Review started",
            "approved": "Approved",
            "changes_requested": "Changes requested",
            "rejected": "Rejected",
        }[self.value]


# Audit-only actions: recorded in the log, but they do not change the status.
REVIEW_RECORDED = "review_recorded"

DECISIONS = {"approve": Action.APPROVE, "request_changes": Action.REQUEST_CHANGES, "reject": Action.REJECT}
NEEDS_COMMENT = frozenset({Action.REQUEST_CHANGES, Action.REJECT})

AUTHORS, COMMITTEE = "authors", "committee"


@dataclass(frozen=True)
class Transition:
    action: Action
    source: Status
    target: Status
    by: str  # AUTHORS or COMMITTEE: who takes the step (permissions say which people those are)


# The only allowed transitions. Anything else is refused.
TRANSITIONS: tuple[Transition, ...] = (
    Transition(Action.SUBMIT, Status.DRAFT, Status.SUBMITTED, AUTHORS),
    Transition(Action.SUBMIT, Status.CHANGES_REQUESTED, Status.SUBMITTED, AUTHORS),
    Transition(Action.WITHDRAW, Status.SUBMITTED, Status.DRAFT, AUTHORS),
    Transition(Action.WITHDRAW, Status.IN_REVIEW, Status.DRAFT, AUTHORS),
    Transition(Action.START_REVIEW, Status.SUBMITTED, Status.IN_REVIEW, COMMITTEE),
    Transition(Action.APPROVE, Status.IN_REVIEW, Status.APPROVED, COMMITTEE),
    Transition(Action.REQUEST_CHANGES, Status.IN_REVIEW, Status.CHANGES_REQUESTED, COMMITTEE),
    Transition(Action.REJECT, Status.IN_REVIEW, Status.REJECTED, COMMITTEE),
    # A stage of a multi-stage route approves: the next stage's committee receives the same revision.
    Transition(Action.ADVANCE, Status.IN_REVIEW, Status.SUBMITTED, COMMITTEE),
    # Saving a revision: drafts and designs sent back for changes stay as they are; an approved design
    # gets a new working draft. Not while the committee has it, and never after a rejection.
    Transition(Action.EDIT, Status.DRAFT, Status.DRAFT, AUTHORS),
    Transition(Action.EDIT, Status.CHANGES_REQUESTED, Status.CHANGES_REQUESTED, AUTHORS),
    Transition(Action.EDIT, Status.APPROVED, Status.DRAFT, AUTHORS),
)
_TABLE = {(t.action, t.source): t for t in TRANSITIONS}

COMMITTEE_ACTIONS = frozenset(t.action for t in TRANSITIONS if t.by == COMMITTEE)
# Decision outcomes a submission can be closed with (Submission.outcome), besides "withdrawn".
DECIDED = tuple(a.value for a in DECISIONS.values())


def target(action: Action, current: Status) -> Status | None:
    """Where `action` leads from `current`, or None when the table does not allow it."""
    transition = _TABLE.get((action, current))
    return transition.target if transition else None


def allowed_actions(current: Status, by: str | None = None) -> list[Action]:
    """The actions the table allows from a status (taken by `by`, when given)."""
    return [t.action for t in TRANSITIONS if t.source == current and by in (None, t.by)]


def can_edit(current: Status) -> bool:
    """May the authors save a new revision while the design is `current`?"""
    return target(Action.EDIT, current) is not None


def with_committee(current: Status) -> bool:
    """Is the design waiting for (or under) committee review: may the committee act on it?"""
    return bool(allowed_actions(current, COMMITTEE))


WAITING: tuple[Status, ...] = tuple(s for s in Status if with_committee(s))


def refusal(action: Action, current: Status) -> str:
    """Why `action` is not possible while the design is `current`, in words the user understands."""
    if action in COMMITTEE_ACTIONS and current == Status.DRAFT:
        return (
            "This design is a draft: it was withdrawn by its author or not submitted yet, so there is "
            "nothing to review or decide. Nothing was changed."
        )
    if action in COMMITTEE_ACTIONS and current in (
        Status.APPROVED,
        Status.CHANGES_REQUESTED,
        Status.REJECTED,
    ):
        return (
            f"The committee has already decided on this submission ({current.label.lower()}); "
            "a decision is taken once. Nothing was changed."
        )
    if action in COMMITTEE_ACTIONS and current == Status.SUBMITTED:
        return (
            "Record a review before deciding: nobody has reviewed this submission yet. Nothing was changed."
        )
    if action == Action.START_REVIEW and current == Status.IN_REVIEW:
        return "The review of this submission has already started."
    if action == Action.SUBMIT and current in (Status.SUBMITTED, Status.IN_REVIEW):
        return "This design is already with the committee; withdraw it first to change it."
    if action == Action.SUBMIT and current == Status.APPROVED:
        return "This revision is already approved. Edit the design to start a new revision, then submit that."
    if action == Action.SUBMIT and current == Status.REJECTED:
        return (
            "A rejected design cannot be submitted again; clone it as a new draft, revise it and submit "
            "the new design."
        )
    if action == Action.EDIT and current == Status.REJECTED:
        return (
            "A rejected design cannot be edited or submitted again; clone it as a new draft, revise it and "
            "submit the new design. Nothing was changed."
        )
    if action == Action.EDIT:
        return (
            f"A design that is {current.label.lower()} cannot be edited; withdraw it first or wait for "
            "the committee's decision. Nothing was changed."
        )
    if action == Action.WITHDRAW:
        return (
            f"Only a design waiting for the committee can be withdrawn; this one is {current.label.lower()}."
        )
    return f"You cannot {action.verb} a design that is {current.label.lower()}. Nothing was changed."
