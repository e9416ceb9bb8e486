"""The editor's autosaved copy of what is on screen, and the posts kept when a session ended mid-edit.

An autosave is the posted form itself ((name, value) pairs, as typed, even a not-yet-valid "12,5 h"),
one row per person and design, overwritten each time: it is never a revision, never validated, never
shown to anyone else, and saving the design drops it. It is not audited either: the audit log records
state changes of a design, and an autosave changes nothing anyone else can see; auditing it would write
a row every few seconds of typing and bury the decisions the log is for.

A stash is an editor post whose session had ended (logout in another tab or on another device, an
expired login, a cleared cookie). Nobody is logged in to own it, so the browser that sent it gets a random
token in its (new) session and the row keeps only the token's hash; after logging in, the editor takes
the post back and turns it into that person's autosave.
"""

import hashlib
import json
import re
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict
from wtforms.fields.core import UnboundField

from designer.designs.forms import DesignForm
from designer.models import Design, EditorAutosave, EditorNewAutosave, EditorStash, User, utcnow

MAX_PAIRS = 4000  # as MAX_FORM_PARTS: werkzeug parses no more fields than that anyway
MAX_VALUE = 20_000  # characters of one field (the form's longest field allows 4,000)
STASH_HOURS = 24
_FIELDS = frozenset(name for cls in DesignForm.__mro__ for name, value in vars(cls).items()
                    if isinstance(value, UnboundField))
_NAME = re.compile(r"^(?P<top>[a-z_]{1,40})(-\d{1,4}-[a-z_]{1,40}){0,2}$")


class TooLarge(ValueError):
    """The posted copy is bigger than AUTOSAVE_MAX_BYTES."""


def form_pairs(formdata: MultiDict, *, max_bytes: int) -> list[list[str]]:
    """The editor fields of a post, as typed; anything else (the CSRF token, the button pressed, names
    the editor does not have) is left out. Raises TooLarge past `max_bytes` of JSON."""
    pairs = []
    for name, value in formdata.items(multi=True):
        match = _NAME.match(name)
        if match and match["top"] in _FIELDS:
            pairs.append([name, str(value)[:MAX_VALUE]])
            if len(pairs) > MAX_PAIRS:
                raise TooLarge(f"more than {MAX_PAIRS} fields")
    if len(json.dumps(pairs, ensure_ascii=False).encode()) > max_bytes:
        raise TooLarge(f"more than {max_bytes} bytes")
    return pairs


def _base_revision(pairs: list[list[str]]) -> int:
    value = next((v for k, v in pairs if k == "base_revision"), "")
    return int(value) if value.isdigit() and len(value) < 10 else 0


def keep(session: Session, design: Design, user: User, pairs: list[list[str]]) -> EditorAutosave:
    """Store `pairs` as `user`'s autosaved copy of `design` (replacing the previous one). Only flushes."""
    row = session.get(EditorAutosave, (design.id, user.id))
    if row is None:
        row = EditorAutosave(design_id=design.id, user_id=user.id)
        session.add(row)
    row.pairs, row.base_revision, row.updated_at = pairs, _base_revision(pairs), utcnow()
    session.flush()
    return row


def autosave_for(session: Session, design: Design, user: User) -> EditorAutosave | None:
    """`user`'s unsaved copy of `design`, if any (saving the design removes it, so any row is unsaved)."""
    return session.get(EditorAutosave, (design.id, user.id))


def discard(session: Session, design: Design, user: User) -> None:
    """Forget `user`'s autosaved copy (after a save, or when they choose Discard)."""
    session.execute(sa.delete(EditorAutosave).where(EditorAutosave.design_id == design.id,
                                                    EditorAutosave.user_id == user.id))


def keep_new(session: Session, user: User, pairs: list[list[str]]) -> EditorNewAutosave:
    """Store `pairs` as `user`'s copy of the new-design editor (one slot per person, replaced). Only
    flushes. A new design has no revision yet, so there is no base revision to keep."""
    row = session.get(EditorNewAutosave, user.id)
    if row is None:
        row = EditorNewAutosave(user_id=user.id)
        session.add(row)
    row.pairs, row.updated_at = pairs, utcnow()
    session.flush()
    return row


def new_autosave_for(session: Session, user: User) -> EditorNewAutosave | None:
    """`user`'s unsaved copy of the new-design editor, if any."""
    return session.get(EditorNewAutosave, user.id)


def discard_new(session: Session, user: User) -> None:
    """Empty `user`'s new-design slot (after the first save created the design, or on Discard)."""
    session.execute(sa.delete(EditorNewAutosave).where(EditorNewAutosave.user_id == user.id))


def as_form(pairs: list[list[str]]) -> DesignForm:
    """The editor filled with what was typed (the same as after an add/remove row button)."""
    return DesignForm(formdata=MultiDict([tuple(p) for p in pairs]))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def stash(session: Session, design_id: int | None, pairs: list[list[str]], *,
          now: datetime | None = None) -> str:
    """Keep a post of an ended session; returns the token its browser must show to take it back.
    Stashes older than STASH_HOURS are dropped on the way, so the table stays small. Only flushes."""
    now = now or utcnow()
    session.execute(sa.delete(EditorStash).where(EditorStash.created_at < now - timedelta(hours=STASH_HOURS)))
    token = secrets.token_urlsafe(32)
    session.add(EditorStash(token_hash=_digest(token), design_id=design_id, pairs=pairs, created_at=now))
    session.flush()
    return token


def claim(session: Session, token: str | None, design_id: int | None,
          *, now: datetime | None = None) -> EditorStash | None:
    """The stash of `token` if it was posted to this editor (`design_id`; None: a new design) less than
    STASH_HOURS ago; it is removed (a stash is taken back once). Only flushes."""
    if not token or not isinstance(token, str):
        return None
    row = session.scalar(sa.select(EditorStash).where(EditorStash.token_hash == _digest(token)))
    if row is None or row.design_id != design_id:
        return None
    session.delete(row)
    session.flush()
    fresh = row.created_at >= (now or utcnow()) - timedelta(hours=STASH_HOURS)
    return row if fresh else None
