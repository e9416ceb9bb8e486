#!/usr/bin/env bash
# Start Debian's redis-server on loopback (unless one already answers there); prints its broker URL.
# REDIS_PORT picks the port (default 6379), REDIS_DB the database number in the URL (default 0).
# Persistence is on (appendonly): queued tasks survive a Redis restart, as the broker of a real site must.
set -euo pipefail
port=${REDIS_PORT:-6379}
dir=${REDIS_DIR:-/var/tmp/designer-redis-$port}
if ! redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --dir "$dir" --appendonly yes \
    --save "" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break; sleep 0.2; done
fi
redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null
echo "redis://127.0.0.1:$port/${REDIS_DB:-0}"
