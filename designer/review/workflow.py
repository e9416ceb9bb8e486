"""The committee workflow as data: the allowed transitions, who takes each one, and why others are refused.

    draft ──submit──> submitted ──start review──> in review ──approve──────────> approved
      ^                  │                          │  │──request changes──> changes requested ──submit──> ...
      └────withdraw──────┴──────────withdraw────────┘  └──reject───────────> rejected (final)

Editing an approved design puts its working copy back to draft (designs.services.save_revision); the
approved revision stays approved through Design.approved_revision_id.
"""

import enum

from designer.models import Status


class Action(enum.StrEnum):
    """A step of the workflow; the value is what the audit log records."""

    SUBMIT = "submitted"
    WITHDRAW = "withdrawn"
    START_REVIEW = "review_started"
    APPROVE = "approved"
    REQUEST_CHANGES = "changes_requested"
    REJECT = "rejected"

    @property
    def verb(self) -> str:
        return {
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
AUTHOR_ACTIONS = frozenset({Action.SUBMIT, Action.WITHDRAW})
COMMITTEE_ACTIONS = frozenset({Action.START_REVIEW, Action.APPROVE, Action.REQUEST_CHANGES, Action.REJECT})
NEEDS_COMMENT = frozenset({Action.REQUEST_CHANGES, Action.REJECT})

# The only allowed transitions: (action, from status) -> to status. Anything else is refused.
TRANSITIONS: dict[tuple[Action, Status], Status] = {
    (Action.SUBMIT, Status.DRAFT): Status.SUBMITTED,
    (Action.SUBMIT, Status.CHANGES_REQUESTED): Status.SUBMITTED,
    (Action.WITHDRAW, Status.SUBMITTED): Status.DRAFT,
    (Action.WITHDRAW, Status.IN_REVIEW): Status.DRAFT,
    (Action.START_REVIEW, Status.SUBMITTED): Status.IN_REVIEW,
    (Action.APPROVE, Status.IN_REVIEW): Status.APPROVED,
    (Action.REQUEST_CHANGES, Status.IN_REVIEW): Status.CHANGES_REQUESTED,
    (Action.REJECT, Status.IN_REVIEW): Status.REJECTED,
}


def target(action: Action, current: Status) -> Status | None:
    """Where `action` leads from `current`, or None when the table does not allow it."""
    return TRANSITIONS.get((action, current))


def allowed_actions(current: Status) -> list[Action]:
    """The actions the table allows from a status (used by tests and the design page)."""
    return [action for (action, status) in TRANSITIONS if status == current]


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
    if action == Action.WITHDRAW:
        return (
            f"Only a design waiting for the committee can be withdrawn; this one is {current.label.lower()}."
        )
    return f"You cannot {action.verb} a design that is {current.label.lower()}. Nothing was changed."
