#!/usr/bin/env bash
# The production-shaped stack on this machine, every part on loopback, with demo data:
# PostgreSQL (database designer_serve, kept across runs), Redis (the Celery broker), one Celery worker,
# Celery beat (clean-up, digests, reminders) and gunicorn on http://127.0.0.1:8000/.
# Ctrl-C (or SIGTERM) stops the worker, beat and gunicorn; PostgreSQL and Redis keep running (stop them
# with `pg_ctlcluster 15 main stop` and `redis-cli -p 6379 shutdown`). docs/deployment.md runs each
# part on its own machine.
# Settings: GUNICORN_BIND (127.0.0.1:8000), REDIS_PORT (6379), SERVE_DATABASE (designer_serve),
# WORKER_CONCURRENCY (2), SERVE_INSTANCE (instance/serve: beat's schedule and the storage),
# VENV (.venv) and SKIP_INSTALL=1 (do not run scripts/install.sh first).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_INSTALL:-}" = 1 ] || bash scripts/install.sh
venv=${VENV:-.venv}
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"  # this checkout's code, whichever venv runs it

export FLASK_APP=wsgi
export DATABASE_URL=${DATABASE_URL:-$(PG_DATABASE=${SERVE_DATABASE:-designer_serve} PG_KEEP=1 \
  bash scripts/start-postgres.sh)}
export CELERY_BROKER_URL=${CELERY_BROKER_URL:-$(bash scripts/start-redis.sh)}
instance=${SERVE_INSTANCE:-$PWD/instance/serve}
mkdir -p "$instance"
export PDF_CACHE_DIR=${PDF_CACHE_DIR:-$instance/storage}  # the storage every process shares
export GUNICORN_BIND=${GUNICORN_BIND:-127.0.0.1:8000}
"$venv/bin/flask" db upgrade
"$venv/bin/flask" demo

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop EXIT INT TERM
# niced: on one machine, a burst of renders must not slow the pages people are waiting for
nice -n 10 "$venv/bin/celery" -A designer.jobs.worker worker --queues designer,designer_mail \
  --concurrency "${WORKER_CONCURRENCY:-2}" --hostname "worker-$$@%h" --loglevel INFO &
pids+=($!)
"$venv/bin/celery" -A designer.jobs.worker beat --schedule "$instance/celerybeat-schedule" --loglevel INFO &
pids+=($!)
"$venv/bin/gunicorn" -c gunicorn.conf.py wsgi:app &
pids+=($!)
echo "Open http://$GUNICORN_BIND/ and log in with one of the accounts above (Ctrl-C stops the stack)."
wait -n
