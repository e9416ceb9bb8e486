"""What the editor has on screen but not saved: an autosaved copy per person and design, and the posts
kept when a Save arrived after the session had ended.

Neither is a revision: nothing here is history, nobody else sees it, and saving the design drops it.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from designer.models.base import Base, utcnow
from designer.models.types import UTCDateTime


class EditorAutosave(Base):
    """The editor's form as one person last had it on screen for one design (the posted (name, value)
    pairs, as typed), kept every few seconds of idle typing and on every add/remove row button."""

    __tablename__ = "editor_autosaves"

    design_id: Mapped[int] = mapped_column(ForeignKey("designs.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    base_revision: Mapped[int]  # the revision the typing started from: saving it later detects conflicts
    pairs: Mapped[list] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EditorNewAutosave(Base):
    """The same for the editor of a new design (/designs/new), which has no design id until its first
    save: one slot per person, which that first save empties. A table of its own rather than a null
    design_id in editor_autosaves, whose key (design_id, user_id) cannot hold a null."""

    __tablename__ = "editor_new_autosaves"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    pairs: Mapped[list] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EditorStash(Base):
    """An editor post that arrived after its session had ended (logout elsewhere, expiry, a cleared
    cookie). The browser keeps only a random token in its new session; after logging in, the editor
    takes the post back (designs.autosave.claim_stash). Kept one day at most."""

    __tablename__ = "editor_stashes"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the token: a leaked
    # database row cannot be claimed
    design_id: Mapped[int | None] = mapped_column(ForeignKey("designs.id", ondelete="CASCADE"))  # None: new
    pairs: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
