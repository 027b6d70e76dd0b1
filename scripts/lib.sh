# shellcheck shell=bash
# Helpers shared by scripts/test.sh, scripts/run.sh, scripts/with-postgres.sh and .ci/run.
# Source it, don't run it. It only defines functions and never changes directory:
# each caller moves to the repository root itself.

# Messages go to stderr so that they never mix with a command's own output
# when a caller pipes it somewhere.
say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Interpreter for the virtualenv: the project targets 3.11, so prefer it when
# several Pythons are installed (python3 may be a newer or older default).
pick_python() {
    if command -v python3.11 >/dev/null 2>&1; then
        echo python3.11
    else
        echo python3
    fi
}

# "dpkg -s" alone also succeeds for packages that were removed but kept their
# configuration files, so look at the status line itself.
deb_installed() {
    dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

# ensure_deb_packages PKG... : install the missing Debian packages, if we can.
# Returns non-zero with the reason in $DEB_SKIP_REASON when they can't be had,
# so callers decide whether that is fatal (run.sh) or just a skip (test.sh).
DEB_SKIP_REASON=""
ensure_deb_packages() {
    local missing=() pkg
    DEB_SKIP_REASON=""
    if ! command -v dpkg >/dev/null 2>&1; then
        DEB_SKIP_REASON="not a Debian system (no dpkg)"
        return 1
    fi
    for pkg in "$@"; do
        deb_installed "$pkg" || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0

    if ! is_root; then
        DEB_SKIP_REASON="missing Debian package(s) ${missing[*]}, and not root to install them (run: sudo apt-get install --no-install-recommends ${missing[*]})"
        return 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        DEB_SKIP_REASON="missing Debian package(s) ${missing[*]}, and no apt-get"
        return 1
    fi

    say "Installing Debian package(s): ${missing[*]}"
    # noninteractive + </dev/null: CI has no stdin and must never wait on a prompt.
    # Lock::Timeout: wait for a concurrent apt/dpkg (e.g. unattended-upgrades)
    # instead of failing at once.
    local apt=(apt-get -q -y -o DPkg::Lock::Timeout=120)
    # The package lists are fetched once per invocation, only when needed:
    # a fresh machine has none, and a stale one may point to removed versions.
    if [ -z "${_DEB_LISTS_UPDATED:-}" ]; then
        if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" update </dev/null >/dev/null; then
            DEB_SKIP_REASON="'apt-get update' failed (network or mirror problem?)"
            return 1
        fi
        _DEB_LISTS_UPDATED=1
    fi
    if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" install --no-install-recommends \
            "${missing[@]}" </dev/null >/dev/null; then
        DEB_SKIP_REASON="'apt-get install ${missing[*]}' failed (see the messages above)"
        return 1
    fi
    return 0
}

# Highest installed PostgreSQL server, as its bin directory (empty if none).
# PG_BINDIR overrides it, e.g. to pick one version when several are installed.
find_pg_bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then
        [ -x "$PG_BINDIR/initdb" ] && echo "$PG_BINDIR"
        return 0
    fi
    local initdb
    initdb=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
    [ -x "$initdb" ] && dirname "$initdb"
    return 0
}

# ensure_venv: .venv exists with the project installed editable with its
# test extras. pip is skipped while setup.cfg (the dependency list) is
# unchanged, so that re-running the scripts costs nothing; code changes need
# no reinstall thanks to the editable install.
ensure_venv() {
    local python stamp
    python=$(pick_python)

    # A venv whose interpreter vanished (Python upgraded/removed) or whose
    # creation failed half-way (no pip) is useless: rebuild it.
    if [ -d .venv ] && { [ ! -x .venv/bin/pip ] || ! .venv/bin/python -c '' 2>/dev/null; }; then
        say "The existing .venv is broken; recreating it"
        rm -rf .venv
    fi
    if [ ! -d .venv ]; then
        say "Creating .venv with $($python --version 2>&1) ($(command -v "$python"))"
        if ! "$python" -m venv .venv; then
            rm -rf .venv
            # Debian ships venv's ensurepip separately (python3.X-venv).
            local venv_pkg
            venv_pkg="python$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv"
            ensure_deb_packages "$venv_pkg" \
                || die "'$python -m venv' failed and $venv_pkg can't be installed: $DEB_SKIP_REASON"
            "$python" -m venv .venv || { rm -rf .venv; die "'$python -m venv .venv' failed"; }
        fi
    fi

    [ -f setup.cfg ] || die "no setup.cfg in $(pwd): nothing to install"
    stamp=".venv/.installed-$(sha256sum setup.cfg | cut -d ' ' -f 1)"
    if [ ! -e "$stamp" ]; then
        say "Installing the project and its test dependencies into .venv (pip)"
        # -q hides progress but still prints errors; the stamp is written only
        # on success so that a failed install is retried next time.
        PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
            .venv/bin/pip install -q -e '.[test]' || die "pip install failed"
        rm -f .venv/.installed-*
        touch "$stamp"
    fi
}
