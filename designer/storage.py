"""Where rendered syllabi and packs live, chosen by STORAGE_BACKEND.

- "folder" (default): files in PDF_CACHE_DIR. With web and worker processes on several machines
  that folder must be one shared mount (NFS or similar) that all of them reach.
- "database": the files are rows of `stored_files` in the app's own database, which every process
  reaches already; PDF_CACHE_DIR is then only each machine's local copy (filled on first read,
  safe to delete), so nothing relies on a disk that machines share.

`PdfCache` (designer/exports/cache.py) asks `store_for(its folder)` and writes through to the store.
"""

import os
from datetime import datetime

import sqlalchemy as sa
from flask import Flask
from sqlalchemy import LargeBinary, String
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from designer.models.base import Base, utcnow
from designer.models.types import UTCDateTime

BACKENDS = ("folder", "database")
_STORES: dict[str, "DatabaseStore"] = {}


class StoredFile(Base):
    """One stored PDF (a syllabus of an approved revision, a pack's front or a built pack)."""

    __tablename__ = "stored_files"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class DatabaseStore:
    """Files as rows, through an engine of its own: a store write never joins a request's transaction
    (a PDF rendered for a request that then fails is still worth keeping), and is committed at once."""

    def __init__(self, url: str):
        self.engine = sa.create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4)

    def get(self, name: str) -> bytes | None:
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(StoredFile.data).where(StoredFile.name == name))

    def has(self, name: str) -> bool:
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(sa.literal(1)).where(StoredFile.name == name)) is not None

    def put(self, name: str, data: bytes) -> None:
        """Store once; a second writer of the same name (the same revision rendered twice) changes nothing."""
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        insert = dialect.insert(StoredFile)
        with self.engine.begin() as conn:
            conn.execute(insert.values(name=name, data=data, size=len(data), created_at=utcnow())
                         .on_conflict_do_nothing(index_elements=["name"]))

    def delete_older(self, prefix: str, cutoff: datetime) -> int:
        with self.engine.begin() as conn:
            return conn.execute(sa.delete(StoredFile).where(StoredFile.name.startswith(prefix),
                                                            StoredFile.created_at < cutoff)).rowcount


def _key(directory: str | os.PathLike) -> str:
    return os.path.realpath(directory)


def store_for(directory: str | os.PathLike) -> DatabaseStore | None:
    """The database store behind `directory`, or None when the folder itself is the storage."""
    return _STORES.get(_key(directory))


def init_app(app: Flask) -> None:
    backend = app.config.get("STORAGE_BACKEND") or "folder"
    if backend not in BACKENDS:
        raise RuntimeError(f"STORAGE_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}.")
    key = _key(app.config["PDF_CACHE_DIR"])
    if backend == "database":
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        if key not in _STORES or str(_STORES[key].engine.url) != str(sa.engine.make_url(url)):
            _STORES[key] = DatabaseStore(url)
    else:
        _STORES.pop(key, None)
