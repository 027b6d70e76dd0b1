#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARGS...]
#
# Runs CMD against a throwaway PostgreSQL server and returns CMD's exit code.
# The server lives in a temporary folder, listens on 127.0.0.1 on a free port
# with trust authentication, and is stopped and deleted when this script ends,
# whatever the way it ends (success, failure, Ctrl-C). Nothing is written under
# /etc and the system's own PostgreSQL cluster, if any, is left alone.
#
# CMD sees:
#   DATABASE_URL  postgresql+psycopg://postgres@127.0.0.1:PORT/DBNAME (what the app reads)
#   PGHOST PGPORT PGUSER PGDATABASE  so that psql, pg_dump, pgbench... work with no arguments
#   POSTGRES_MAJOR  e.g. 15
#
# Settings (environment): PG_DBNAME (default convention_manager_test),
# PG_BINDIR (default: the highest /usr/lib/postgresql/*/bin).
# Needs the PostgreSQL server binaries (Debian package "postgresql"); as root,
# the server runs as the "postgres" user because PostgreSQL refuses root.
# Exit code 69 (EX_UNAVAILABLE) means the server could not be had.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

[ "$#" -gt 0 ] || { say "usage: $0 CMD [ARGS...]"; exit 64; }
unavailable() { say "with-postgres: $*"; exit 69; }

bindir=$(find_pg_bindir)
[ -n "$bindir" ] || unavailable "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb${PG_BINDIR:+ or $PG_BINDIR/initdb}); install the Debian package 'postgresql'"
major=$(basename "$(dirname "$bindir")")
dbname=${PG_DBNAME:-convention_manager_test}

if is_root; then
    id postgres >/dev/null 2>&1 || unavailable "running as root but there is no 'postgres' user to run the server"
    # /tmp explicitly: a root-only $TMPDIR would not be reachable by "postgres".
    tmp=$(mktemp -d /tmp/with-postgres.XXXXXX)
    chown postgres: "$tmp"
    # From inside the temp folder so that the server never depends on the
    # caller's cwd being readable by "postgres".
    as_pg() { (cd "$tmp" && runuser -u postgres -- "$@"); }
else
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/with-postgres.XXXXXX")
    as_pg() { "$@"; }
fi
data="$tmp/data"
log="$tmp/server.log"
started=""

# shellcheck disable=SC2317  # called by the trap, which shellcheck does not see
cleanup() {
    local rc=$?
    if [ -n "$started" ]; then
        # fast = roll back open transactions and stop now; tests don't need a clean
        # shutdown. If that fails (hung server), kill it so nothing is left running.
        if ! as_pg "$bindir/pg_ctl" -D "$data" -m fast -w -t 20 stop >/dev/null 2>&1; then
            say "with-postgres: 'pg_ctl stop' failed; killing the server"
            local pid
            pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
            if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
        fi
    fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
# Turn signals into a normal exit so that the EXIT trap runs.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# C.UTF-8: the same ordering on every machine (fr_FR is usually not generated),
# and UTF-8 so that accented French text is stored as is.
# --no-sync: the cluster is thrown away, no need to flush it to disk.
if ! as_pg "$bindir/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$tmp/initdb.log" 2>&1; then
    cat "$tmp/initdb.log" >&2
    unavailable "initdb failed"
fi
# Unix socket in our own folder: the default /var/run/postgresql may not exist
# (no system cluster) or belong to the system server.
cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$tmp'
EOF

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The free port can be taken by someone else between the probe and the start:
# try a few ports before giving up. -F and the -c settings trade durability
# for speed, which a throwaway server does not need.
for attempt in 1 2 3; do
    port=$(free_port)
    if as_pg "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 30 \
            -o "-p $port -F -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null; then
        started=1
        break
    fi
    say "with-postgres: start on port $port failed (attempt $attempt):"
    tail -n 5 "$log" >&2 || true
    # A half-started server would survive us: make sure it is down before retrying.
    as_pg "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
done
[ -n "$started" ] || unavailable "the server did not start (log above)"

as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$dbname" \
    || unavailable "createdb $dbname failed"

export DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$port/$dbname"
export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres PGDATABASE="$dbname"
export POSTGRES_MAJOR="$major"

# Not "exec": the EXIT trap must outlive CMD to stop the server.
set +e
"$@"
rc=$?
set -e
exit "$rc"
