#!/usr/bin/env bash
# Start Debian's PostgreSQL on loopback and create a throw-away test database; prints its DATABASE_URL.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
pg_isready -q -h 127.0.0.1
su postgres -c "psql -q -c \"DROP DATABASE IF EXISTS designer_test\"" >/dev/null
su postgres -c "psql -q -c \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='designer') THEN CREATE ROLE designer LOGIN PASSWORD 'designer'; END IF; END\\\$\\\$\"" >/dev/null
su postgres -c "psql -q -c \"CREATE DATABASE designer_test OWNER designer\"" >/dev/null
echo "postgresql://designer:designer@127.0.0.1:5432/designer_test"
