#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: Debian's `postgresql` binaries, a temporary
# folder, a free port on 127.0.0.1, trust auth for the local user "vigil".
#
#   scripts/pg-test-cluster.sh start   prints `VIGIL_TEST_PG_URL=postgres://…` and
#                                      `VIGIL_TEST_PG_DIR=…` on stdout (eval-able), exits 0
#   scripts/pg-test-cluster.sh stop DIR  stops the cluster in DIR and removes the folder
#   scripts/pg-test-cluster.sh run CMD…  starts a cluster, runs CMD with VIGIL_TEST_PG_URL
#                                      exported, stops it afterwards (npm run pg:test-cluster)
#
# As root (CI), initdb and pg_ctl run as the `postgres` user: PostgreSQL refuses to run as root.
# Set VIGIL_PG_INSTALL=1 to `apt-get install -y postgresql` when the binaries are missing.
# Any failure exits non-zero with the reason on stderr: callers must not carry on without it.
set -euo pipefail

die() { echo "pg-test-cluster: $*" >&2; exit 1; }

find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

ensure_binaries() {
  if ! BIN=$(find_bindir); then
    if [ "${VIGIL_PG_INSTALL:-0}" = "1" ] && [ "$(id -u)" = "0" ]; then
      echo "pg-test-cluster: PostgreSQL missing, running apt-get install -y postgresql" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 \
        || die "apt-get install -y postgresql failed"
      BIN=$(find_bindir) || die "postgresql installed but no initdb/pg_ctl found under /usr/lib/postgresql/*/bin"
    else
      die "no PostgreSQL binaries (initdb, pg_ctl) found; install Debian's postgresql package"
    fi
  fi
}

# Run a command as the cluster owner: ourselves, or `postgres` when we are root.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no postgres user to own the cluster"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  ensure_binaries
  local dir port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/vigil-pg-XXXXXX")
  chmod 755 "$dir"
  [ "$(id -u)" = "0" ] && chown postgres "$dir"
  as_owner "$BIN/initdb" -D "$dir/data" -U vigil --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed in $dir"; }
  port=$(free_port)
  # Tuned for throwaway test data: durability is not the point here, speed on 2 cores is.
  as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB" \
    start >&2 || { cat "$dir/server.log" >&2 || true; die "pg_ctl start failed (port $port, dir $dir)"; }
  echo "VIGIL_TEST_PG_URL=postgres://vigil@127.0.0.1:$port/postgres"
  echo "VIGIL_TEST_PG_DIR=$dir"
}

stop() {
  local dir="${1:?usage: pg-test-cluster.sh stop DIR}"
  BIN=$(find_bindir) || die "no pg_ctl to stop $dir"
  [ -d "$dir/data" ] && as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  run)
    shift
    env_lines=$(start)
    eval "export $(echo "$env_lines" | tr '\n' ' ')"
    trap 'stop "$VIGIL_TEST_PG_DIR"' EXIT
    echo "pg-test-cluster: $VIGIL_TEST_PG_URL" >&2
    "${@:-bash}"
    ;;
  *) die "usage: pg-test-cluster.sh start | stop DIR | run [CMD…]" ;;
esac
