#!/usr/bin/env bash
# Usage: scripts/run.sh [SERVE ARGS...]
#
# The project's single run command: prepares .venv (as scripts/test.sh does),
# creates the database if needed, loads the demo data, then serves the
# application on http://127.0.0.1:5000 (with a random secret key kept in
# instance/secret_key unless SECRET_KEY is set). Extra arguments go to
# "convention-manager serve". The database is the default SQLite file in
# instance/, or whatever DATABASE_URL points to.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

ensure_venv

# Local use: a random SECRET_KEY made once for this clone and kept in instance/ (never in git),
# so sessions survive a restart and nobody else knows it; the server speaks plain HTTP, so the
# cookies cannot be HTTPS-only. A real deployment sets both itself (README, Deployment).
if [ -z "${SECRET_KEY:-}" ]; then
    if [ ! -s instance/secret_key ]; then
        mkdir -p instance
        (umask 077 && .venv/bin/python -c "import secrets; print(secrets.token_hex(32))" \
            >instance/secret_key)
    fi
    SECRET_KEY=$(cat instance/secret_key)
    export SECRET_KEY
fi
export SESSION_COOKIE_SECURE="${SESSION_COOKIE_SECURE:-0}"

.venv/bin/convention-manager init-db
.venv/bin/convention-manager demo
# exec: Ctrl-C and service managers' signals reach the server directly.
exec .venv/bin/convention-manager serve "$@"
