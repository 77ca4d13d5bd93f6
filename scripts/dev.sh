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
  poppler-utils                                           # pdftoppm: tests render PDFs to images
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

run_tests() {
  export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
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
