"""What the editor shows while the authors revise: the committee's comments of the round that asked for
changes, each beside the section of the editor it is about.

Manual criteria carry no document path, so the editor section each of the shipped rubrics' criteria is
about is listed here (by criterion id: rubrics that extend institution-default keep the ids). A criterion
not listed, and the decision comment, show at the top of the editor. A reviewer's comment on a failed
automated check goes beside the field its finding is about (the finding's path, through the catalogue).
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from designer.designs.catalogue import field_id, section_id_of
from designer.models import Review, Submission
from designer.review.records import RATINGS

CRITERION_SECTIONS = {
    "M01": "awarding",  # the need evidence
    "M02": "activities",  # the pedagogy suits the target learners
    "M03": "assessments",  # authentic assessment tasks
    "M04": "resources",  # current, accurate materials
    "M05": "outcomes",  # outcomes match the level descriptors
    "M06": "basics",  # no duplicate of existing provision
}


@dataclass(frozen=True)
class Comment:
    criterion_id: str
    criterion: str
    reviewer: str
    rating: str
    text: str
    needs_work: bool
    anchor: str = ""  # a comment on an automated finding: the editor field it is about


@dataclass
class CommitteeComments:
    """The comments of one round that requested changes, placed by editor section."""

    round: int
    revision: int
    decided_by: str
    decided_at: object
    decision_comment: str
    by_section: dict[str, list[Comment]] = field(default_factory=dict)
    general: list[Comment] = field(default_factory=list)

    def in_section(self, section_id: str) -> list[Comment]:
        return self.by_section.get(section_id, [])


def committee_comments(session: Session, design) -> CommitteeComments | None:
    """The committee's comments to act on, from the design's latest round if it requested changes (None
    once the design is resubmitted, approved or rejected, or when it was never reviewed)."""
    latest_id, outcome = session.execute(  # one light query on every editor view; details only if needed
        sa.select(Submission.id, Submission.outcome).where(Submission.design_id == design.id)
        .order_by(Submission.round.desc()).limit(1)).first() or (None, None)
    if outcome != "changes_requested":
        return None
    latest = session.scalar(
        sa.select(Submission).where(Submission.id == latest_id)
        .options(selectinload(Submission.reviews).selectinload(Review.ratings),
                 selectinload(Submission.reviews).selectinload(Review.reviewer),
                 selectinload(Submission.closed_by), selectinload(Submission.revision)))
    found = CommitteeComments(latest.round, latest.revision.number,
                              latest.closed_by.name if latest.closed_by else "the committee",
                              latest.closed_at, latest.decision_comment or "")
    for criterion in latest.manual_criteria:
        cid = criterion["id"]
        for review in latest.reviews:
            rating = review.rating_for(cid)
            if rating is None or (rating.rating >= 3 and not rating.comment):
                continue  # "met" without a word: nothing to act on
            comment = Comment(cid, criterion["title"], review.reviewer.name, RATINGS.get(rating.rating, "-"),
                              rating.comment, rating.rating < 3)
            _place(found, CRITERION_SECTIONS.get(cid), comment)
    checks = {str(c.get("id")): c for c in (latest.report or {}).get("criteria") or []}
    for review in latest.reviews:  # comments on automated findings go beside the field of the finding
        for cid, text in sorted((review.finding_comments or {}).items()):
            check = checks.get(cid, {})
            path = next((f.get("path", "") for f in check.get("findings") or [] if f.get("path")), "")
            comment = Comment(cid, str(check.get("title", cid)), review.reviewer.name, "", text, True,
                              field_id(path) if path else "")
            _place(found, section_id_of(path) if path else None, comment)
    return found


def _place(found: CommitteeComments, section: str | None, comment: Comment) -> None:
    if section:
        found.by_section.setdefault(section, []).append(comment)
    else:
        found.general.append(comment)
