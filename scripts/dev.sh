#!/usr/bin/env bash
# Set up Tongban on a Debian machine and run it or its tests.
#
#   bash scripts/dev.sh gui     system packages + .venv/ + open the counter on demo data
#   bash scripts/dev.sh test    system packages + .venv/ + ruff, mypy and the whole pytest suite
#   bash scripts/dev.sh setup   system packages + .venv/ only
#
# Idempotent: a second run installs nothing new. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

APT_PACKAGES=(
  python3 python3-venv python3-dev build-essential
  pcscd pcsc-tools libpcsclite-dev swig vsmartcard-vpcd   # PC/SC daemon, virtual reader, pyscard build
  libzbar0                                                # pyzbar
  xvfb xauth                                              # a virtual display when there is none
  fonts-noto-cjk                                          # Chinese text in the GUI and in PDFs
  fonts-arphic-uming fonts-hanazono                       # 宋体 for forms, 生僻字 (CJK ext. B–F) in names
  poppler-utils                                           # pdftoppm: tests render PDFs to images
  icu-devtools                                            # icupkg: scripts/trim_icu.sh and its test
  postgresql                                              # the hub's production database, tested in CI
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1
)

log() { printf '\033[1m[tongban]\033[0m %s\n' "$*" >&2; }

install_system_packages() {
  command -v apt-get >/dev/null || { log "apt-get not found: install ${APT_PACKAGES[*]} by hand"; return; }
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  log "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup_venv() {
  local py=${PYTHON:-python3}
  if [ ! -x .venv/bin/python ]; then
    log "creating .venv with $($py --version)"
    "$py" -m venv .venv
  fi
  local stamp=.venv/.tongban-installed
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    log "installing Python packages into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[dev]"
    touch "$stamp"
  fi
}

run_gui() {
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    log "no display found: starting the counter on a virtual display (Xvfb); set DISPLAY to see it"
    exec xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/tongban gui --demo "$@"
  fi
  exec .venv/bin/tongban gui --demo "$@"
}

# A throw-away PostgreSQL cluster for the hub tests (tests/test_sync_faults.py), on a free
# loopback port, removed when the tests end. As root (CI) it runs as the `postgres` user.
# Sets TONGBAN_TEST_PG_URL; an existing TONGBAN_TEST_PG_URL is used as it is.
start_test_postgres() {
  [ -n "${TONGBAN_TEST_PG_URL:-}" ] && return
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then
    log "PostgreSQL not installed: the hub tests skip it (and fail under CI=true)"
    return
  fi
  PG_DIR=$(mktemp -d /tmp/tongban-pg.XXXXXX)
  local port
  port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_DIR"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U tongban -E UTF8 --no-instructions >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o \
    "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop)
  trap stop_test_postgres EXIT
  export TONGBAN_TEST_PG_URL="postgresql+psycopg://tongban@127.0.0.1:$port/postgres"
  log "PostgreSQL for the hub tests on port $port"
}

stop_test_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_STOP[@]}" >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}

run_tests() {
  export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
  start_test_postgres
  log "ruff"
  .venv/bin/ruff check .
  log "mypy (Qt-free packages)"
  .venv/bin/mypy models sync printing devices hub
  log "pytest"
  .venv/bin/python -m pytest -p no:cacheprovider "$@"
}

cmd=${1:-gui}
shift || true
case "$cmd" in
  setup) install_system_packages; setup_venv ;;
  gui) install_system_packages; setup_venv; run_gui "$@" ;;
  test) install_system_packages; setup_venv; run_tests "$@" ;;
  *) echo "usage: bash scripts/dev.sh [gui|test|setup]" >&2; exit 2 ;;
esac
