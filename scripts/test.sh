#!/usr/bin/env bash
# Install everything, then run the whole test suite twice: on the embedded default (SQLite) and on
# PostgreSQL (the multi-user deployment), each including the browser tests; background jobs run
# in-process there. A third, focused pass runs the tests marked `celery` on PostgreSQL with a real
# Redis and real Celery worker processes (tasks, fan-out, email, killed workers). With extra
# arguments (a narrower run) the third pass is left out unless CELERY_PASS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/ruff check designer rubrics tests benchmarks wsgi.py

echo "== Test suite on SQLite"
env -u DATABASE_URL .venv/bin/python -m pytest "$@"

echo "== Test suite on PostgreSQL"
DATABASE_URL=$(bash scripts/start-postgres.sh) .venv/bin/python -m pytest "$@"

if [ "$#" -eq 0 ] || [ "${CELERY_PASS:-}" = 1 ]; then
  echo "== Background jobs on PostgreSQL with Redis and real Celery workers"
  DATABASE_URL=$(bash scripts/start-postgres.sh) \
    CELERY_TEST_BROKER_URL=$(REDIS_PORT=${TEST_REDIS_PORT:-6390} bash scripts/start-redis.sh) \
    .venv/bin/python -m pytest -m celery tests/designer/jobs
fi
