#!/usr/bin/env bash
# Start Debian's PostgreSQL on loopback and create a throw-away test database; prints its DATABASE_URL.
# PG_DATABASE names another database (default designer_test); PG_KEEP=1 keeps it if it exists
# (scripts/serve.sh: the demo site's data survive a restart).
set -euo pipefail
name=${PG_DATABASE:-designer_test}
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
pg_isready -q -h 127.0.0.1
if [ "${PG_KEEP:-}" != 1 ]; then
  su postgres -c "psql -q -c \"DROP DATABASE IF EXISTS $name\"" >/dev/null
fi
su postgres -c "psql -q -c \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='designer') THEN CREATE ROLE designer LOGIN PASSWORD 'designer'; END IF; END\\\$\\\$\"" >/dev/null
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='$name'\"" | grep -q 1; then
  su postgres -c "psql -q -c \"CREATE DATABASE $name OWNER designer\"" >/dev/null
fi
echo "postgresql://designer:designer@127.0.0.1:5432/$name"
