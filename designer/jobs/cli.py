"""`flask jobs list` and `flask jobs retry ID`."""

from datetime import timedelta

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from designer.extensions import db
from designer.jobs import recovery
from designer.jobs.models import ACTIVE, Job
from designer.models import utcnow


@click.group("jobs", cls=AppGroup)
def jobs_cli():
    """Background jobs: packs, renders on approval."""


def _age(job: Job) -> str:
    seconds = int((utcnow() - job.created_at).total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


@jobs_cli.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also finished jobs older than a day.")
@click.option("--limit", type=int, default=50, show_default=True)
def list_command(show_all: bool, limit: int):
    """Id, kind, state, progress, age and error of recent and unfinished jobs, newest first."""
    query = sa.select(Job).order_by(Job.id.desc()).limit(limit)
    if not show_all:
        query = query.where(sa.or_(Job.status.in_(ACTIVE), Job.created_at > utcnow() - timedelta(days=1)))
    jobs = list(db.session.scalars(query))
    if not jobs:
        click.echo("No jobs.")
        return
    click.echo(f"{'id':>6}  {'kind':<7} {'state':<8} {'progress':>9}  {'age':>5}  error / note")
    for job in jobs:
        progress = f"{job.done}/{job.total}"
        click.echo(f"{job.id:>6}  {job.kind:<7} {job.status:<8} {progress:>9}  {_age(job):>5}  "
                   f"{job.error or job.note}")


@jobs_cli.command("retry")
@click.argument("job_id", type=int)
def retry_command(job_id: int):
    """Queue a failed or stuck job again from the start."""
    try:
        job = recovery.retry(db.session, job_id)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if job is None:
        raise click.ClickException(f"There is no job {job_id}: see `flask jobs list --all`.")
    click.echo(f"Job {job.id} ({job.kind}: {job.title}) is queued again.")
