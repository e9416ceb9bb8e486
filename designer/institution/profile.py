"""The institution profile: reading it, changing it (audited), and what designs and exports take from it.

`design_defaults` is what a new design starts from; `facts` is what syllabi and credential exports print.
A change remembers the values it replaced, so `designs_with_old_values` can show which designs still
carry them (authors may keep a different value on purpose; the admin sees the list and decides).
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from designer.admin import audit
from designer.institution.models import InstitutionProfile
from designer.models import Design, DesignRevision, User, utcnow

EDITABLE = (
    "legal_name",
    "short_name",
    "website",
    "country",
    "region",
    "abc_id",
    "aishe_code",
    "grading_scheme",
    "pass_mark",
    "approving_bodies",
    "qa_process",
    "review_cycle_months",
    "time_zone",
    "default_rubric",
    "password_login",
)


def get_profile(session: Session, name: str) -> InstitutionProfile:
    """The stored profile of institution `name`, or a fresh unsaved one with the defaults."""
    profile = session.scalar(sa.select(InstitutionProfile).where(InstitutionProfile.name == name))
    if profile is None:
        profile = InstitutionProfile(
            name=name,
            legal_name=name,
            short_name="",
            website="",
            country="IN",
            region="",
            abc_id="",
            aishe_code="",
            grading_scheme="",
            pass_mark=None,
            approving_bodies=[],
            qa_process="",
            review_cycle_months=None,
            time_zone=current_app.config.get("TIMEZONE") or "Asia/Kolkata",
            default_rubric="",
            logo=None,
            logo_mime="",
            previous_values={},
            password_login=True,
            changes_restart="first",
        )
    return profile


def design_defaults(profile: InstitutionProfile) -> dict:
    """The parts of a design document the profile fills in (only the values it has)."""

    def given(mapping: dict) -> dict:
        return {k: v for k, v in mapping.items() if v not in ("", None, [])}

    sections = {
        "awarding_body": given(
            {
                "name": profile.legal_name or profile.name,
                "country": profile.country,
                "region": profile.region,
                "abc_id": profile.abc_id,
                "aishe_code": profile.aishe_code,
            }
        ),
        "grading": given({"scheme": profile.grading_scheme, "pass_mark": profile.pass_mark}),
        "quality_assurance": given(
            {
                "approving_body": ", ".join(profile.approving_bodies or []),
                "process": profile.qa_process,
                "review_cycle_months": profile.review_cycle_months,
            }
        ),
    }
    return {key: value for key, value in sections.items() if value}


def new_design_document(session: Session, user: User, base: dict) -> dict:
    """`base` (a new, empty document) completed with the defaults of the user's institution."""
    return {**base, **design_defaults(get_profile(session, user.institution))}


def _flat(defaults: dict) -> dict:
    return {
        f"{section}.{key}": value for section, values in defaults.items() for key, value in values.items()
    }


def update_profile(
    session: Session,
    actor: User,
    profile: InstitutionProfile,
    values: dict,
    logo: tuple[bytes, str] | None = None,
) -> list[str]:
    """Apply `values` (keys of EDITABLE) and an optional checked logo; returns the names of changed fields.

    Remembers the document values the change replaced (for `designs_with_old_values`) and audits the change.
    """
    before = _flat(design_defaults(profile)) if profile.id else {}
    changed = [k for k in EDITABLE if k in values and getattr(profile, k) != values[k]]
    for key in changed:
        setattr(profile, key, values[key])
    if logo is not None:
        profile.logo, profile.logo_mime = logo
        changed.append("logo")
    if not changed:
        return []
    after = _flat(design_defaults(profile))
    replaced = {path: old for path, old in before.items() if after.get(path) != old}
    profile.previous_values = {
        **{p: v for p, v in (profile.previous_values or {}).items() if p not in after or after[p] != v},
        **replaced,
    }
    profile.updated_at = utcnow()
    session.add(profile)
    session.flush()
    audit.record(session, actor, "change institution profile", profile.name, ", ".join(changed))
    return changed


def _value_at(document: dict, path: str):
    section, key = path.split(".", 1)
    part = document.get(section)
    return part.get(key) if isinstance(part, dict) else None


@dataclass
class StaleDesign:
    design: Design
    paths: list[str]


def designs_with_old_values(session: Session, profile: InstitutionProfile) -> list[StaleDesign]:
    """The institution's designs whose latest revision still carries a value the profile replaced."""
    old = profile.previous_values or {}
    if not old or profile.id is None:
        return []
    rows = session.execute(
        sa.select(Design, DesignRevision.document)
        .join(
            DesignRevision,
            sa.and_(DesignRevision.design_id == Design.id, DesignRevision.number == Design.latest_revision),
        )
        .where(Design.institution == profile.name)
        .order_by(Design.title, Design.id)
    )
    stale = []
    for design, document in rows:
        paths = [path for path, value in old.items() if _value_at(document or {}, path) == value]
        if paths:
            stale.append(StaleDesign(design, paths))
    return stale


@dataclass(frozen=True)
class Facts:
    """What syllabi and credential exports print about the awarding institution."""

    name: str
    short_name: str
    website: str
    country: str
    region: str
    abc_id: str
    aishe_code: str
    logo_mime: str


def facts(session: Session, name: str) -> Facts:
    """The awarding institution's facts from its profile (configuration fills what it lacks)."""
    profile = get_profile(session, name)
    return Facts(
        name=profile.legal_name or profile.name,
        short_name=profile.short_name,
        website=profile.website or current_app.config.get("INSTITUTION_WEBSITE", ""),
        country=profile.country or "IN",
        region=profile.region,
        abc_id=profile.abc_id,
        aishe_code=profile.aishe_code,
        logo_mime=profile.logo_mime if profile.logo else "",
    )
