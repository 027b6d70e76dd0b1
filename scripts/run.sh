#!/usr/bin/env bash
# Usage: scripts/run.sh [SERVE ARGS...]
#
# The project's single run command: prepares .venv (as scripts/test.sh does),
# creates the database if needed, loads the demo data, then serves the
# application on http://127.0.0.1:5000. Extra arguments go to
# "convention-manager serve". The database is the default SQLite file in
# instance/, or whatever DATABASE_URL points to.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

ensure_venv

.venv/bin/convention-manager init-db
.venv/bin/convention-manager demo
# exec: Ctrl-C and service managers' signals reach the server directly.
exec .venv/bin/convention-manager serve "$@"
