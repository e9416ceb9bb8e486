"""Scheduled email: the daily digest and the due-date reminders, each run once per slot.

A slot is a local time of day in the institution's TIMEZONE (DIGEST_TIMES "18:00", REMINDER_TIMES
"*:05" = every hour at :05). Celery beat fires the tasks at those times (`beat_schedule`); without a
broker the in-process housekeeping calls `run_due` every minute. Either way the run first inserts the
slot's key into `periodic_runs` (a primary key) and commits: a second beat, a second scheduler or the
CLI finding the key there sends nothing. A run that dies after claiming loses nothing either: the
notifications and reminders it did not mark are still unsent, and the next slot takes them.
"""

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery.schedules import crontab
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from designer.extensions import db
from designer.jobs import queue, services
from designer.jobs.models import PeriodicRun
from designer.models import utcnow
from designer.timezone import zone

logger = logging.getLogger(__name__)
DIGEST_TASK, REMIND_TASK = "designer.send_digests", "designer.send_reminders"
# A beat and a worker whose clocks differ a little must still agree on the slot it fired for.
EARLY = timedelta(minutes=2)
TIME = re.compile(r"^(\*|[01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Slot:
    """A time of day (`hour` None: every hour) at `minute`."""

    hour: int | None
    minute: int

    def crontab(self) -> crontab:
        return crontab(minute=self.minute, hour="*" if self.hour is None else self.hour)


def parse_times(text: str, name: str) -> list[Slot]:
    """'18:00' or '09:00, 14:30' or '*:05' -> slots; ValueError naming the setting otherwise."""
    slots = []
    for part in (p.strip() for p in text.split(",")):
        match = TIME.match(part)
        if not match:
            raise ValueError(f"{name}={text!r}: give local times such as 18:00 or 09:00,14:30 "
                             "(or *:05 for every hour at five past).")
        hour, minute = match.groups()
        slots.append(Slot(None if hour == "*" else int(hour), int(minute)))
    return slots


def latest_slot(slots: list[Slot], now: datetime, tz) -> datetime:
    """The most recent scheduled time at or before `now` (plus EARLY), in the zone `tz`."""
    local = (now + EARLY).astimezone(tz)
    candidates = []
    for slot in slots:
        for days_back in (0, 1):
            day = local - timedelta(days=days_back)
            hours = range(24) if slot.hour is None else (slot.hour,)
            for hour in hours:
                at = day.replace(hour=hour, minute=slot.minute, second=0, microsecond=0)
                if at <= local:
                    candidates.append(at)
    return max(candidates)


def claim(session: Session, key: str) -> PeriodicRun | None:
    """Insert the run `key` and commit; None when it exists already (another run has it)."""
    run = PeriodicRun(key=key, runner=services.runner_id())
    session.add(run)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return None
    return run


def _run(session: Session, kind: str, setting: str, send, now: datetime) -> int | None:
    """Claim this slot of `kind` and `send(session, now)`; None when the slot was taken already."""
    config = current_app.config
    slot = latest_slot(parse_times(config[setting], setting), now, zone(config["TIMEZONE"]))
    run = claim(session, f"{kind}:{slot:%Y-%m-%dT%H:%M}")
    if run is None:
        return None
    try:
        sent = send(session, now)
    except Exception:  # what it did not mark stays unsent, for the next slot
        session.rollback()
        logger.exception("%s run %s failed", kind, run.key)
        raise
    run.sent, run.finished_at = sent, utcnow()
    session.commit()
    logger.info("%s run %s: %d email(s)", kind, run.key, sent)
    return sent


def run_digests(session: Session, now: datetime) -> int | None:
    from designer.review.digest import send_digests

    return _run(session, "digest", "DIGEST_TIMES", send_digests, now)


def run_reminders(session: Session, now: datetime) -> int | None:
    from designer.approval.assignments import send_due_reminders

    return _run(session, "reminders", "REMINDER_TIMES", send_due_reminders, now)


def run_due(session: Session, now: datetime | None = None) -> None:
    """Whatever slot has come and is not claimed yet (the in-process housekeeping, every minute)."""
    now = now or utcnow()
    run_digests(session, now)
    run_reminders(session, now)


@queue.task(DIGEST_TASK)
def send_digests_task() -> None:
    run_digests(db.session, utcnow())


@queue.task(REMIND_TASK)
def send_reminders_task() -> None:
    run_reminders(db.session, utcnow())


def beat_schedule(config) -> dict:
    """Celery beat's entries for the digest and reminder times (crontab in the celery app's timezone)."""
    schedule = {}
    for kind, task, setting in (("digest", DIGEST_TASK, "DIGEST_TIMES"),
                                ("reminders", REMIND_TASK, "REMINDER_TIMES")):
        for slot in parse_times(config[setting], setting):
            label = f"{kind} at {'*' if slot.hour is None else f'{slot.hour:02d}'}:{slot.minute:02d}"
            schedule[label] = {"task": task, "schedule": slot.crontab()}
    return schedule
