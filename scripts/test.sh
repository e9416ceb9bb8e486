#!/usr/bin/env bash
# Install everything, then run the whole test suite twice: on the embedded default (SQLite) and on
# PostgreSQL (the multi-user deployment), each including the browser tests; background jobs run
# in-process there. A third, focused pass runs the tests marked `celery` on PostgreSQL with a real
# Redis and real Celery worker processes (tasks, fan-out, email, killed workers); a fourth starts the
# production stack with scripts/serve.sh and walks an approval through it over HTTP
# (scripts/serve-smoke.sh). With extra arguments (a narrower run) the last two are left out unless
# CELERY_PASS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/ruff check designer rubrics tests benchmarks wsgi.py

# Tests run in random order (pytest-randomly), the same order on both databases; replay an order with
# TEST_SEED=<the seed printed below>.
SEED=${TEST_SEED:-$(( (RANDOM << 15) | RANDOM ))}
echo "== Test order seed: $SEED (TEST_SEED=$SEED bash scripts/test.sh ... replays it)"

echo "== Test suite on SQLite"
env -u DATABASE_URL .venv/bin/python -m pytest -p randomly --randomly-seed="$SEED" --durations=15 "$@"

echo "== Test suite on PostgreSQL"
DATABASE_URL=$(bash scripts/start-postgres.sh) .venv/bin/python -m pytest -p randomly --randomly-seed="$SEED" --durations=15 "$@"

if [ "$#" -eq 0 ] || [ "${CELERY_PASS:-}" = 1 ]; then
  echo "== Background jobs on PostgreSQL with Redis and real Celery workers"
  DATABASE_URL=$(bash scripts/start-postgres.sh) \
    CELERY_TEST_BROKER_URL=$(REDIS_PORT=${TEST_REDIS_PORT:-6390} bash scripts/start-redis.sh) \
    .venv/bin/python -m pytest -p randomly --randomly-seed="$SEED" -m celery tests/designer/jobs
  echo "== The production stack as scripts/serve.sh starts it (gunicorn, Celery worker and beat), over HTTP"
  SKIP_INSTALL=1 bash scripts/serve-smoke.sh
fi
