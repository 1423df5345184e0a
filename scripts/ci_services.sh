# SPDX-License-Identifier: EUPL-1.2
# Services the tests need, started for this test run only. Sourced by scripts/test.sh before
# pytest (so the exported variables reach the tests); can also be sourced by hand:
#   source scripts/ci_services.sh && python3 -m pytest tests/portal
#
# PostgreSQL: Debian's package (installed when missing), a throwaway cluster in a temporary
# folder on a free loopback port, owned by a non-root user; stopped and removed when the shell
# that sourced this file exits. Exports KETENMONITOR_TEST_POSTGRES_DSN, which makes the portal's
# database tests run against PostgreSQL as well as SQLite.

_km_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

_km_start_postgres() {
  local sudo="" bin dir port run_as=()
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  if ! bin="$(_km_pg_bin)"; then
    echo "PostgreSQL (Debian) installeren voor de databasetests..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    bin="$(_km_pg_bin)"
  fi
  if ! python3 -c "import psycopg" 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check 'psycopg[binary]>=3,<4'
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/km-postgres.XXXXXX")"
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root: the cluster belongs to the 'postgres' user.
    chown postgres "$dir"
    run_as=(runuser -u postgres --)
  fi
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "${run_as[@]}" "$bin/initdb" -D "$dir/data" -U ketenmonitor --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; return 1; }
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log"; return 1; }
  export KETENMONITOR_TEST_POSTGRES_DSN="postgres://ketenmonitor@127.0.0.1:$port/postgres"
  _KM_PG_STOP="${run_as[*]} $bin/pg_ctl -D $dir/data -m immediate stop >/dev/null 2>&1; rm -rf $dir"
  # shellcheck disable=SC2064
  trap "$_KM_PG_STOP" EXIT
  echo "PostgreSQL voor de tests draait op 127.0.0.1:$port."
}

if [ -z "${KETENMONITOR_TEST_POSTGRES_DSN:-}" ]; then
  _km_start_postgres
fi
