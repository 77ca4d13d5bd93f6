#!/usr/bin/env bash
# Build the PyInstaller one-folder bundle (dist/tongban/) and check it with its own self-test.
# Not part of .ci/run (it takes several minutes); run it before shipping a release.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/dev.sh setup
.venv/bin/pyinstaller --noconfirm --log-level WARN build.spec
home=$(mktemp -d)
TONGBAN_HOME="$home" QT_QPA_PLATFORM=offscreen dist/tongban/tongban self-test
rm -rf "$home"
du -sh dist/tongban
