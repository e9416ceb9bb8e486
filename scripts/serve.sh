#!/usr/bin/env bash
# The production-shaped stack on this machine, every part on loopback, with demo data:
# PostgreSQL (database designer_serve, kept across runs), Redis (the Celery broker), one Celery worker,
# Celery beat (the periodic clean-up) and gunicorn on http://127.0.0.1:8000/ (GUNICORN_BIND to move it).
# Ctrl-C stops the worker, beat and gunicorn; PostgreSQL and Redis keep running (stop them with
# `pg_ctlcluster 15 main stop` and `redis-cli -p 6379 shutdown`). docs/deployment.md runs each part
# on its own machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh

export FLASK_APP=wsgi
export DATABASE_URL=${DATABASE_URL:-$(PG_DATABASE=designer_serve PG_KEEP=1 bash scripts/start-postgres.sh)}
export CELERY_BROKER_URL=${CELERY_BROKER_URL:-$(bash scripts/start-redis.sh)}
export PDF_CACHE_DIR=${PDF_CACHE_DIR:-$PWD/instance/serve-storage}  # the storage every process shares
export GUNICORN_BIND=${GUNICORN_BIND:-127.0.0.1:8000}
.venv/bin/flask db upgrade
.venv/bin/flask demo

pids=()
stop() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait; }
trap stop EXIT INT TERM
.venv/bin/celery -A designer.jobs.worker worker --queues designer --concurrency "${WORKER_CONCURRENCY:-2}" \
  --hostname "worker@%h" --loglevel INFO &
pids+=($!)
.venv/bin/celery -A designer.jobs.worker beat --schedule instance/celerybeat-schedule --loglevel INFO &
pids+=($!)
.venv/bin/gunicorn -c gunicorn.conf.py wsgi:app &
pids+=($!)
echo "Open http://$GUNICORN_BIND/ and log in with one of the accounts above (Ctrl-C stops the stack)."
wait -n
