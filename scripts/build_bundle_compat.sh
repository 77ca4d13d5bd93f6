#!/usr/bin/env bash
# Build the counter's Linux bundle for the oldest target PCs, from scratch, in a Debian 11
# "bullseye" build root (glibc 2.31, the floor of 银河麒麟 V10 SP1; see docs/deploy.md for
# 统信UOS 20's 2.28), with CPython 3.11 built from source inside it, then:
#   - print the bundle's size and the highest GLIBC_/GLIBCXX_ symbol version any file needs;
#   - run the bundle's self-test and an offscreen GUI start inside the build root;
#   - package it as a .deb in 统信UOS's application layout (scripts/build_deb.sh).
#
#   sudo bash scripts/build_bundle_compat.sh            # amd64
#   sudo ARCH=arm64 bash scripts/build_bundle_compat.sh # aarch64 under qemu-user-static (slow)
#
# Needs root (debootstrap, chroot, mounts) and network access to Debian's archive and PyPI.
# Nothing is written to the checkout except dist-compat/; the build root lives in
# $TONGBAN_BUILD_ROOT (default /var/tmp/tongban-bullseye-$ARCH) and is reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
ARCH=${ARCH:-amd64}
ROOTFS=${TONGBAN_BUILD_ROOT:-/var/tmp/tongban-bullseye-$ARCH}
OUT=${TONGBAN_DIST:-$REPO/dist-compat/$ARCH}
PY_PREFIX=/opt/python3.11
CONSTRAINTS=scripts/bundle-constraints.txt
[ "$ARCH" = arm64 ] && CONSTRAINTS=scripts/bundle-constraints-arm64.txt
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

log() { printf '\033[1m[compat]\033[0m %s\n' "$*" >&2; }

# Build dependencies for CPython, pyscard, and what Qt needs at run time for the self-test.
BUILD_PACKAGES=(
  build-essential ca-certificates dpkg-dev binutils file xz-utils
  libssl-dev zlib1g-dev libbz2-dev libffi-dev liblzma-dev libsqlite3-dev libreadline-dev
  uuid-dev libgdbm-dev libncursesw5-dev
  swig libpcsclite-dev pcscd libzbar0
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1
)

in_root() { chroot "$ROOTFS" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
  LANG=C.UTF-8 PIP_CERT=/etc/ssl/certs/host-ca.crt PIP_DISABLE_PIP_VERSION_CHECK=1 /bin/bash -ec "$1"; }

mount_root() {
  mountpoint -q "$ROOTFS/proc" || mount -t proc proc "$ROOTFS/proc"
  mountpoint -q "$ROOTFS/dev" || mount --bind /dev "$ROOTFS/dev"
  trap umount_root EXIT
}
umount_root() {
  umount -l "$ROOTFS/dev" 2>/dev/null || true
  umount -l "$ROOTFS/proc" 2>/dev/null || true
}

make_root() {
  if [ ! -x "$ROOTFS/usr/bin/apt-get" ]; then
    command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
    local extra=()
    if [ "$ARCH" != "$(dpkg --print-architecture)" ]; then
      apt-get install -y -qq qemu-user-static binfmt-support >/dev/null
      extra=(--foreign)
    fi
    log "debootstrap bullseye ($ARCH) into $ROOTFS"
    mkdir -p "$ROOTFS"
    debootstrap --variant=minbase --arch="$ARCH" "${extra[@]}" bullseye "$ROOTFS" "$MIRROR" >/dev/null
    if [ ${#extra[@]} -gt 0 ]; then
      chroot "$ROOTFS" /debootstrap/debootstrap --second-stage >/dev/null
    fi
  fi
  cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
  # The host's CA bundle: pip inside the root must trust what the host trusts.
  cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/host-ca.crt"
  mount_root
  if [ ! -f "$ROOTFS/.tongban-packages" ]; then
    log "build packages in the root"
    in_root "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${BUILD_PACKAGES[*]} >/dev/null"
    touch "$ROOTFS/.tongban-packages"
  fi
}

build_python() {
  [ -x "$ROOTFS$PY_PREFIX/bin/python3.11" ] && return
  log "CPython 3.11 from Debian's source package (bookworm's python3.11), built against glibc 2.31"
  # bullseye ships 3.9; the source comes from bookworm's deb-src, the build from bullseye's toolchain.
  cat >"$ROOTFS/etc/apt/sources.list.d/bookworm-src.list" <<EOF
deb-src $MIRROR bookworm main
EOF
  in_root "apt-get update -qq && mkdir -p /build/python && cd /build/python && apt-get source --download-only -qq python3.11 >/dev/null 2>&1
    tar xzf python3.11_*.orig.tar.gz && cd Python-3.11.*/
    ./configure -q --prefix=$PY_PREFIX --enable-shared --with-ensurepip=install LDFLAGS=-Wl,-rpath,$PY_PREFIX/lib >/dev/null
    make -s -j\$(nproc) >/dev/null 2>&1
    make -s altinstall >/dev/null 2>&1
    $PY_PREFIX/bin/python3.11 -c 'import ssl, sqlite3, ctypes, lzma, bz2, zlib; print(\"python ok\")'"
  rm -f "$ROOTFS/etc/apt/sources.list.d/bookworm-src.list"
}

build_bundle() {
  log "project source into the root (git's tracked files only)"
  rm -rf "$ROOTFS/build/src" && mkdir -p "$ROOTFS/build/src"
  git ls-files -z | xargs -0 tar cf - | tar xf - -C "$ROOTFS/build/src"
  log "station dependencies (no hub extra) with the bundle's pins ($CONSTRAINTS)"
  in_root "cd /build/src
    [ -x /build/venv/bin/python ] || $PY_PREFIX/bin/python3.11 -m venv /build/venv
    /build/venv/bin/pip install -q --upgrade pip wheel
    /build/venv/bin/pip install -q -c $CONSTRAINTS . pyinstaller
    /build/venv/bin/python -c 'import PySide6, sys; print(\"PySide6\", PySide6.__version__)'"
  log "PyInstaller (the station's bundle: build.spec)"
  in_root "cd /build/src && rm -rf dist build && /build/venv/bin/pyinstaller --noconfirm --log-level WARN build.spec"
  rm -rf "$OUT" && mkdir -p "$OUT"
  cp -a "$ROOTFS/build/src/dist/tongban" "$OUT/"
  # Strip the interpreter compiled here (libpython: 29 MB -> 5 MB). Not the wheels' libraries:
  # their auditwheel-rewritten ELF files break when stripped.
  strip --strip-unneeded "$OUT/tongban/_internal/libpython3.11.so.1.0" "$OUT"/tongban/_internal/python3.11/lib-dynload/*.so
}

report_floor() {
  log "size and glibc floor"
  bash scripts/glibc_floor.sh "$OUT/tongban" | tee "$OUT/glibc-floor.txt"
  du -sh "$OUT/tongban" | tee "$OUT/size.txt"
}

check_in_root() {
  log "self-test and an offscreen GUI start inside the bullseye root"
  rm -rf "$ROOTFS/build/check" && mkdir -p "$ROOTFS/build/check"
  cp -a "$OUT/tongban" "$ROOTFS/build/check/"
  in_root "cd /build/check && export TONGBAN_HOME=/build/check/home QT_QPA_PLATFORM=offscreen
    ./tongban/tongban self-test
    ./tongban/tongban init --demo >/dev/null
    TONGBAN_EXIT_WHEN_SHOWN=1 ./tongban/tongban gui
    echo \"GUI start (offscreen, login window shown): ok\""
}

make_root
build_python
build_bundle
report_floor
check_in_root
VERSION=$(in_root "cd /build/src && /build/venv/bin/python -c 'import importlib.metadata as m; print(m.version(\"tongban\"))'")
bash scripts/build_deb.sh "$OUT/tongban" "$VERSION" "$ARCH" "$OUT"
log "done: $OUT"
