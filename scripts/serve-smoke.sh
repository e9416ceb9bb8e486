#!/usr/bin/env bash
# Smoke test of the production stack: scripts/serve.sh on its own ports and a fresh database, then over
# HTTP (scripts/serve_smoke.py) /healthz, /readyz, a reviewer approving the demo design waiting for
# review, the Celery worker storing its syllabus, its author downloading it; then everything stops.
# Exit 0 when every step passed. Ports and names: SMOKE_PORT (8731), REDIS_PORT (6391),
# SERVE_DATABASE (designer_serve_smoke, dropped and made anew); VENV, SKIP_INSTALL as for serve.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${VENV:-.venv}
port=${SMOKE_PORT:-8731}
export REDIS_PORT=${REDIS_PORT:-6391}
redis_was_up=0
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && redis_was_up=1
export DATABASE_URL
DATABASE_URL=$(PG_DATABASE=${SERVE_DATABASE:-designer_serve_smoke} bash scripts/start-postgres.sh)
export GUNICORN_BIND=127.0.0.1:$port GUNICORN_WORKERS=${GUNICORN_WORKERS:-2} WORKER_CONCURRENCY=1
export SERVE_INSTANCE=${SERVE_INSTANCE:-$(mktemp -d /tmp/serve-smoke.XXXXXX)} REDIS_DIR=$(mktemp -d)
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
log=$SERVE_INSTANCE/serve.log

bash scripts/serve.sh >"$log" 2>&1 &
serve=$!
finish() {
  status=$?
  kill -TERM "$serve" 2>/dev/null || true
  wait "$serve" 2>/dev/null || true
  [ "$redis_was_up" = 1 ] || redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  if [ "$status" -ne 0 ]; then echo "serve-smoke: the stack's log ($log):"; tail -n 60 "$log"; fi
  exit "$status"
}
trap finish EXIT INT TERM
for _ in $(seq 1 180); do
  curl -fsS "http://$GUNICORN_BIND/healthz" >/dev/null 2>&1 && break
  kill -0 "$serve" 2>/dev/null || { echo "serve-smoke: scripts/serve.sh stopped"; exit 1; }
  sleep 1
done
"$venv/bin/python" scripts/serve_smoke.py "http://$GUNICORN_BIND" "$venv/bin/flask"
echo "serve-smoke: passed"
