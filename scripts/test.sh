#!/usr/bin/env bash
# Install the dev dependencies and Debian's chromium (+ PostgreSQL), then run the whole suite.
#   ./scripts/test.sh              -> all tests (unit, app, browser, PostgreSQL)
#   ./scripts/test.sh tests/test_store.py -k stale    -> arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  need=()
  for pkg in chromium fonts-liberation poppler-utils postgresql; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi
. scripts/_venv.sh requirements-dev.txt

# PostgreSQL for the storage tests: a throw-away cluster on 127.0.0.1, stopped at the end.
pg_dir=""
stop_pg() {
  if [ -n "$pg_dir" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_pg EXIT
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "${STUDIO_TEST_PG_URL:-}" ] && [ "$(id -u)" = 0 ] && [ -n "$pg_bin" ] && command -v runuser >/dev/null; then
  pg_dir=$(mktemp -d /tmp/studio-pg.XXXXXX)
  chown postgres "$pg_dir"
  port=${STUDIO_TEST_PG_PORT:-54329}
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null
  runuser -u postgres -- "$pg_bin/createdb" -h 127.0.0.1 -p "$port" studio_test
  export STUDIO_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/studio_test"
  echo "PostgreSQL running on 127.0.0.1:$port for the tests"
fi

set +e
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
status=$?
set -e
if [ $status -eq 5 ]; then
  echo "pytest collected no tests"; exit 1
fi
exit $status
