"""Digests and due-date reminders run on a schedule (Celery beat, or the in-process housekeeping) at local
times in the institution's zone, each slot once however often or by how many schedulers it is fired, with
the real SMTP server reading what arrives."""

import threading
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from designer.approval.models import ReviewAssignment
from designer.extensions import db
from designer.jobs import periodic, recovery
from designer.jobs.models import PeriodicRun
from designer.models import Notification, Submission, User
from designer.review.digest import send_digests

KOLKATA = ZoneInfo("Asia/Kolkata")


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _slot(slots, now: str) -> datetime:
    return periodic.latest_slot(slots, _at(now), KOLKATA)


def test_the_latest_slot_is_read_on_the_institutions_clock():
    daily, hourly = periodic.parse_times("18:00", "DIGEST_TIMES"), periodic.parse_times("*:05", "X")
    assert _slot(daily, "2026-12-02T18:10+05:30") == _at("2026-12-02T18:00+05:30")
    assert _slot(daily, "2026-12-02T17:30+05:30") == _at("2026-12-01T18:00+05:30")
    # 12:45 UTC is already 18:15 in Kolkata: today's digest, not yesterday's
    assert _slot(daily, "2026-12-02T12:45+00:00") == _at("2026-12-02T18:00+05:30")
    assert _slot(hourly, "2026-12-02T00:02+05:30") == _at("2026-12-01T23:05+05:30")
    # a beat whose clock is a minute ahead of the worker's still names the slot it fired for
    assert _slot(daily, "2026-12-02T17:59+05:30") == _at("2026-12-02T18:00+05:30")
    twice = periodic.parse_times("09:00, 14:30", "X")
    assert _slot(twice, "2026-12-02T15:00+05:30") == _at("2026-12-02T14:30+05:30")


@pytest.mark.parametrize("value", ["6pm", "25:00", "18:60", "", "18:00,"])
def test_a_bad_time_stops_the_start_naming_the_setting(make_app, value):
    with pytest.raises(ValueError, match="DIGEST_TIMES"):
        make_app(DIGEST_TIMES=value)


def test_beat_fires_the_digest_and_reminders_at_their_local_times(make_app):
    app = make_app(DIGEST_TIMES="18:30", REMINDER_TIMES="*:05,09:15", TIMEZONE="Europe/Berlin")
    conf = app.extensions["celery"].conf
    assert conf.timezone == "Europe/Berlin"
    schedule = conf.beat_schedule
    digest = schedule["digest at 18:30"]
    assert digest["task"] == "designer.send_digests"
    assert digest["schedule"].hour == {18} and digest["schedule"].minute == {30}
    assert schedule["reminders at *:05"]["schedule"].hour == set(range(24))
    assert schedule["reminders at 09:15"]["task"] == "designer.send_reminders"
    assert "housekeeping" in schedule


@pytest.fixture
def digest_reader(app, people, flow, make_design):
    """The reviewer reads a daily digest and has two notifications waiting for it."""
    with app.app_context():
        db.session.get(User, people.reviewer).email_preference = "digest"
        db.session.get(User, people.reviewer2).email_preference = "none"
        db.session.commit()
    for _ in range(2):
        flow.submit(make_design(people.author), people.author)
    return people.reviewer


def _runs(app) -> list[tuple[str, int]]:
    with app.app_context():
        return [(r.key, r.sent) for r in db.session.scalars(sa.select(PeriodicRun).order_by(PeriodicRun.key))]


def test_a_digest_slot_is_sent_once_however_often_it_fires(app, smtp_server, digest_reader):
    evening = _at("2026-12-02T18:00+05:30") + timedelta(days=3650)  # later than the notifications
    with app.app_context():
        assert periodic.run_digests(db.session, evening) == 1
        assert periodic.run_digests(db.session, evening + timedelta(minutes=1)) is None  # beat fired twice
    [digest] = smtp_server.wait_for(1)
    assert digest["X-Envelope-To"] == "rev1@test.example" and "(2 notifications)" in digest["Subject"]
    assert _runs(app) == [(f"digest:{evening.astimezone(KOLKATA):%Y-%m-%dT%H:%M}", 1)]
    with app.app_context():  # the next day's slot runs, with nothing new to send
        assert periodic.run_digests(db.session, evening + timedelta(days=1)) == 0
    assert len(smtp_server.messages) == 1


def test_two_schedulers_at_once_send_one_digest(app, smtp_server, digest_reader):
    evening = _at("2026-12-02T18:01+05:30") + timedelta(days=3650)
    barrier, results = threading.Barrier(2), []

    def scheduler():
        with app.app_context():
            barrier.wait()
            results.append(periodic.run_digests(db.session, evening))
            db.session.remove()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results, key=str) == [1, None]
    smtp_server.wait_for(1)
    assert len(smtp_server.messages) == 1


def test_a_digest_run_racing_another_skips_what_the_other_took(app, smtp_server, digest_reader):
    """The CLI and a scheduler at once: the notifications both read go out once, with whoever marks first."""
    with app.app_context():
        session = db.session

        @event.listens_for(session, "do_orm_execute")
        def _other_run_marks_first(state):
            if state.is_update:  # between this run's read and its mark, another run marked them
                with db.engine.begin() as other:
                    other.execute(sa.update(Notification).values(emailed_at=datetime.now(UTC)))

        assert send_digests(session, datetime.now(UTC) + timedelta(seconds=1)) == 0
        session.commit()
        event.remove(session, "do_orm_execute", _other_run_marks_first)
    assert smtp_server.messages == []


def _assignment(app, people, flow, make_design, due_at) -> None:
    design = make_design(people.author)
    flow.submit(design, people.author)
    with app.app_context():
        submission = db.session.scalar(sa.select(Submission).where(Submission.design_id == design))
        db.session.add(ReviewAssignment(submission_id=submission.id, reviewer_id=people.reviewer2,
                                        assigned_by_name="Chair", due_at=due_at))
        db.session.commit()


def test_reminders_run_once_per_slot_and_once_per_assignment(app, smtp_server, people, flow, make_design):
    now = datetime.now(UTC)
    _assignment(app, people, flow, make_design, now + timedelta(days=1))
    smtp_server.clear()
    with app.app_context():
        assert periodic.run_reminders(db.session, now) == 1
        assert periodic.run_reminders(db.session, now) is None  # the same hour's slot
        assert periodic.run_reminders(db.session, now + timedelta(hours=1)) == 0  # reminded already
    [reminder] = smtp_server.wait_for(1)
    assert reminder["Subject"].startswith("Reminder:") and reminder["X-Envelope-To"] == "rev2@test.example"


def test_without_a_broker_the_housekeeping_sends_what_is_due(app, smtp_server, digest_reader, people, flow,
                                                             make_design):
    _assignment(app, people, flow, make_design, datetime.now(UTC) - timedelta(hours=1))  # overdue
    smtp_server.clear()
    recovery.housekeep_in_process(app)
    recovery.housekeep_in_process(app)  # a minute later: nothing twice
    messages = smtp_server.wait_for(2)
    subjects = sorted(m["Subject"] for m in messages)
    assert len(messages) == 2 and subjects[0].startswith("Micro-credential designer: your daily digest")
    assert subjects[1].startswith("Overdue:")
    assert [kind for kind, _sent in _runs(app)] and {k.split(":")[0] for k, _ in _runs(app)} == {
        "digest", "reminders"}


def test_an_in_process_server_keeps_house_in_a_thread_every_housekeeping_seconds(make_app, app):
    served = make_app(JOBS_IN_PROCESS="thread", HOUSEKEEPING_SECONDS=1)
    try:
        assert served.test_client().get("/healthz").status_code == 200  # the first request starts it
        deadline = time.monotonic() + 30
        while len(_runs(app)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        served.extensions["housekeeping_stop"].set()
        served.extensions["housekeeping_thread"].join(30)
    assert {key.split(":")[0] for key, _sent in _runs(app)} == {"digest", "reminders"}
