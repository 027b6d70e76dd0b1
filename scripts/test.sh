#!/usr/bin/env bash
# Usage: scripts/test.sh [--sqlite-only | --postgres-only] [PYTEST ARGS...]
#
# The project's single test command. On a fresh Debian machine it creates .venv,
# installs the project with its test extras and (as root) PostgreSQL, then runs
# the whole suite twice: on SQLite (the default embedded database) and on a
# throwaway PostgreSQL server (scripts/with-postgres.sh). Both runs always
# happen; the script fails if either fails.
#
# Environment:
#   REQUIRE_POSTGRES=1  fail instead of skipping when PostgreSQL can't be had
#                       (set by CI, where a silent half-run would look green).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

run_sqlite=1
run_postgres=1
# Our own options come first; everything else belongs to pytest.
while [ "$#" -gt 0 ]; do
    case "$1" in
        --sqlite-only) run_postgres="" ;;
        --postgres-only) run_sqlite="" ;;
        *) break ;;
    esac
    shift
done
[ -n "$run_sqlite$run_postgres" ] || die "--sqlite-only and --postgres-only exclude each other"

# A Ctrl-C caught by pytest ends it "normally" (exit 2): without this the
# PostgreSQL run would start right after the interrupted SQLite one.
trap 'say "Interrupted"; exit 130' INT

ensure_venv

# LibreOffice turns documents into PDF; Chromium runs the browser tests (Playwright drives
# Debian's build, never a downloaded one). Without them those tests are skipped, with the reason.
ensure_deb_packages libreoffice-writer-nogui fonts-liberation2 \
    || echo "== LibreOffice not available: $DEB_SKIP_REASON; PDF tests will be skipped"
ensure_deb_packages chromium \
    || echo "== Chromium not available: $DEB_SKIP_REASON; browser tests will be skipped"

failed=()

# report NAME RC: pytest's exit code 5 means "no tests collected"; a suite
# that silently collects nothing must not pass, so it is a failure like any other.
report() {
    case "$2" in
        0) ;;
        5) say "== $1: no tests collected (pytest exit code 5): counted as a failure"
           failed+=("$1") ;;
        *) say "== $1: FAILED (pytest exit code $2)"
           failed+=("$1") ;;
    esac
}

if [ -n "$run_sqlite" ]; then
    echo "== Suite on SQLite"
    rc=0
    # DATABASE_URL from the caller's shell would silently turn this into a
    # second PostgreSQL (or production!) run.
    env -u DATABASE_URL .venv/bin/python -m pytest "$@" || rc=$?
    report SQLite "$rc"
fi

if [ -n "$run_postgres" ]; then
    pg_reason=""
    # Install the server if needed and possible; a failure here is not fatal by
    # itself: binaries may still be there (e.g. installed by other means).
    ensure_deb_packages postgresql || pg_reason=$DEB_SKIP_REASON
    if [ -z "$(find_pg_bindir)" ]; then
        pg_reason=${pg_reason:-"no ${PG_BINDIR:-/usr/lib/postgresql/*/bin}/initdb"}
        echo "== PostgreSQL not available: $pg_reason; PostgreSQL run skipped"
        if [ -z "$run_sqlite" ] || [ "${REQUIRE_POSTGRES:-}" = 1 ]; then
            failed+=("PostgreSQL (not available)")
        fi
    else
        rc=0
        # The header needs the port, which only exists inside with-postgres.sh
        # (hence single quotes: expanded by the inner shell).
        # shellcheck disable=SC2016
        scripts/with-postgres.sh bash -c '
            echo "== Suite on PostgreSQL $POSTGRES_MAJOR ($PGHOST:$PGPORT)"
            exec .venv/bin/python -m pytest "$@"' with-postgres "$@" || rc=$?
        if [ "$rc" -eq 69 ]; then
            # with-postgres.sh's own "server unavailable" code (message above).
            say "== PostgreSQL: the throwaway server could not be started"
            failed+=(PostgreSQL)
        else
            report PostgreSQL "$rc"
        fi
    fi
fi

if [ "${#failed[@]}" -gt 0 ]; then
    say "== FAILED: ${failed[*]}"
    exit 1
fi
echo "== All requested runs passed"
