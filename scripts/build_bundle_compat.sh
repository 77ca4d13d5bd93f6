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
# aarch64 (飞腾/鲲鹏 麒麟 V10): the bundle is assembled and checked in an arm64 bullseye root under
# qemu-user-static, but everything compiled (SQLite, CPython) is cross-compiled at native speed in a
# second, amd64 bullseye root ($TONGBAN_CROSS_ROOT) with Debian's aarch64 cross toolchain and the
# arm64 -dev packages (multiarch); see build_python_cross. OpenCV is the PyPI wheel there (building
# the lean OpenCV under emulation takes hours), binutils are the host's aarch64-linux-gnu-*.
CROSS=0
STRIP=strip
OBJDUMP=objdump
if [ "$ARCH" = arm64 ]; then
  CONSTRAINTS=scripts/bundle-constraints-arm64.txt
  CROSS=1
  CROSS_ROOT=${TONGBAN_CROSS_ROOT:-/var/tmp/tongban-bullseye-cross}
  LEAN_OPENCV=${LEAN_OPENCV:-0}
  STRIP=aarch64-linux-gnu-strip
  OBJDUMP=aarch64-linux-gnu-objdump
fi
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# LEAN_OPENCV=1 (the default) builds OpenCV with only what the counter uses instead of the 172 MB wheel.
LEAN_OPENCV=${LEAN_OPENCV:-1}
# LEAN_NUMPY=1 (the default) builds numpy without OpenBLAS.
LEAN_NUMPY=${LEAN_NUMPY:-1}
OPENCV_VERSION=${OPENCV_VERSION:-5.1.0.95}

log() { printf '\033[1m[compat %s]\033[0m %s\n' "$(date -u +%T)" "$*" >&2; }  # UTC time: each step's duration

# Build dependencies for CPython, pyscard, and what Qt needs at run time for the self-test.
BUILD_PACKAGES=(
  build-essential ca-certificates dpkg-dev binutils file xz-utils
  libssl-dev zlib1g-dev libbz2-dev libffi-dev liblzma-dev libsqlite3-dev libreadline-dev
  uuid-dev libgdbm-dev libncursesw5-dev
  swig libpcsclite-dev pcscd libzbar0 tcl nasm
  fonts-arphic-uming fonts-hanazono
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
  # The host's CA bundle: pip inside the root must trust what the host trusts (a fresh minbase
  # root has no /etc/ssl/certs yet).
  mkdir -p "$ROOTFS/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/host-ca.crt"
  mount_root
  if [ "$(cat "$ROOTFS/.tongban-packages" 2>/dev/null)" != "${BUILD_PACKAGES[*]}" ]; then
    log "build packages in the root"
    in_root "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${BUILD_PACKAGES[*]} >/dev/null"
    echo "${BUILD_PACKAGES[*]}" >"$ROOTFS/.tongban-packages"
  fi
  # Every C/C++ file compiled here (CPython, SQLite, OpenCV) binds libm's exp/log/pow/exp2/log2 to
  # their pre-2.29 symbol versions, so the bundle's own binaries do not need bullseye's glibc
  # 2.29 for them (统信UOS 20 has 2.28; docs/deploy.md "The glibc floor").
  cp scripts/glibc-compat.h "$ROOTFS/build-glibc-compat.h"
}

# SQLite from bullseye's source package, static, for CPython's sqlite3 module (bullseye's
# libsqlite3 needs glibc 2.29): natively in the build root, or cross-compiled for aarch64 in the
# cross root.  build_sqlite RUNNER ROOT PREFIX CFLAGS_EXTRA [CONFIGURE_ARGS...]
#   RUNNER   in_root or in_cross (runs a script in ROOT)
#   PREFIX   where libsqlite3.a and the headers go inside ROOT
build_sqlite() {
  local runner=$1 root=$2 prefix=$3 cflags=$4
  shift 4
  [ -f "$root$prefix/lib/libsqlite3.a" ] && return
  log "SQLite from bullseye's source package, static, into $prefix${*:+ ($*)}"
  echo "deb-src $MIRROR bullseye main" >"$root/etc/apt/sources.list.d/bullseye-src.list"
  "$runner" "apt-get update -qq && mkdir -p /build/sqlite && cd /build/sqlite && apt-get source --download-only -qq sqlite3 >/dev/null 2>&1
    rm -rf src && mkdir src && tar xf sqlite3_*.orig.tar.xz -C src --strip-components=1 && cd src
    CFLAGS='-O2 -fPIC $cflags -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_JSON1 -DSQLITE_ENABLE_RTREE' \\
      ./configure -q $* --prefix=$prefix --disable-shared --enable-static --disable-tcl >/dev/null
    make -s -j\$(nproc) libsqlite3.la >/dev/null 2>&1
    mkdir -p $prefix/lib $prefix/include && cp .libs/libsqlite3.a $prefix/lib/ && cp sqlite3.h sqlite3ext.h $prefix/include/"
  rm -f "$root/etc/apt/sources.list.d/bullseye-src.list"
}

build_python() {
  [ -x "$ROOTFS$PY_PREFIX/bin/python3.11" ] && return
  log "CPython 3.11 from Debian's source package (bookworm's python3.11), built against glibc 2.31"
  # bullseye ships 3.9; the source comes from bookworm's deb-src, the build from bullseye's toolchain.
  cat >"$ROOTFS/etc/apt/sources.list.d/bookworm-src.list" <<EOF
deb-src $MIRROR bookworm main
EOF
  in_root "apt-get update -qq && mkdir -p /build/python && cd /build/python && apt-get source --download-only -qq python3.11 >/dev/null 2>&1
    rm -rf Python-3.11.*/ && tar xzf python3.11_*.orig.tar.gz && cd Python-3.11.*/
    # sem_clockwait is glibc 2.30: without it CPython uses sem_timedwait. SQLite is linked in statically.
    LIBSQLITE3_CFLAGS=-I/opt/sqlite/include LIBSQLITE3_LIBS='/opt/sqlite/lib/libsqlite3.a -lpthread -ldl -lm' \\
      ac_cv_func_sem_clockwait=no CFLAGS='-include /build-glibc-compat.h' \\
      ./configure -q --prefix=$PY_PREFIX --enable-shared --with-ensurepip=install LDFLAGS=-Wl,-rpath,$PY_PREFIX/lib >/dev/null
    make -s -j\$(nproc) >/dev/null 2>&1
    make -s altinstall >/dev/null 2>&1
    $PY_PREFIX/bin/python3.11 -c 'import ssl, sqlite3, ctypes, lzma, bz2, zlib; print(\"python ok\")'"
  rm -f "$ROOTFS/etc/apt/sources.list.d/bookworm-src.list"
}

# OpenCV for the counter, from the opencv-python-headless sdist on PyPI (same OpenCV release as the
# wheel): only the modules Tongban calls (core, imgproc, imgcodecs, videoio), JPEG/PNG codecs built
# in, V4L2 capture and OpenCV's own MJPEG AVI reader/writer; no FFmpeg, AV1/AVIF, OpenBLAS/LAPACK,
# OpenCL, IPP, dnn, ... The wheel with those is 172 MB unpacked.
build_opencv() {
  [ -f "$ROOTFS/opt/opencv-lean/.done" ] && return
  log "lean OpenCV $OPENCV_VERSION (core, imgproc, imgcodecs, videoio) from the sdist"
  mkdir -p "$ROOTFS/build/opencv"
  in_root "cd /build/opencv && /build/venv/bin/pip install -q cmake ninja
    [ -f opencv_python_headless-$OPENCV_VERSION.tar.gz ] || /build/venv/bin/pip download -q --no-deps --no-binary :all: --no-build-isolation opencv-python-headless==$OPENCV_VERSION 2>/dev/null || true"
  if [ ! -f "$ROOTFS/build/opencv/opencv_python_headless-$OPENCV_VERSION.tar.gz" ]; then
    # pip download of an sdist runs its setup to read metadata (needs scikit-build): take the file itself
    local url
    url=$(curl -fsS https://pypi.org/simple/opencv-python-headless/ | grep -o "https://[^\"#]*opencv_python_headless-$OPENCV_VERSION.tar.gz" | head -1)
    curl -fsSL -o "$ROOTFS/build/opencv/opencv_python_headless-$OPENCV_VERSION.tar.gz" "$url"
  fi
  in_root "cd /build/opencv && rm -rf src build && mkdir src && tar xzf opencv_python_headless-$OPENCV_VERSION.tar.gz -C src --strip-components=1
    numpy_inc=\$(/build/venv/bin/python -c 'import numpy; print(numpy.get_include())')
    compat='-include /build-glibc-compat.h'
    /build/venv/bin/cmake -S src/opencv -B build -G Ninja -DCMAKE_MAKE_PROGRAM=/build/venv/bin/ninja \\
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/opt/opencv-lean \\
      -DCMAKE_C_FLAGS=\"\$compat\" -DCMAKE_CXX_FLAGS=\"\$compat\" \\
      -DBUILD_LIST=core,imgproc,imgcodecs,videoio,python3 -DBUILD_SHARED_LIBS=OFF \\
      -DPYTHON3_EXECUTABLE=/build/venv/bin/python -DPYTHON3_NUMPY_INCLUDE_DIRS=\$numpy_inc \\
      -DPYTHON3_INCLUDE_DIR=$PY_PREFIX/include/python3.11 -DPYTHON3_LIBRARY=$PY_PREFIX/lib/libpython3.11.so \\
      -DOPENCV_PYTHON3_INSTALL_PATH=/opt/opencv-lean/python -DOPENCV_SKIP_PYTHON_LOADER=OFF \\
      -DWITH_FFMPEG=OFF -DWITH_GSTREAMER=OFF -DWITH_V4L=ON -DWITH_LAPACK=OFF -DWITH_OPENCL=OFF \\
      -DWITH_IPP=OFF -DWITH_ITT=OFF -DWITH_TIFF=OFF -DWITH_WEBP=OFF -DWITH_OPENEXR=OFF -DWITH_OPENJPEG=OFF \\
      -DWITH_JASPER=OFF -DWITH_AVIF=OFF -DWITH_GTK=OFF -DWITH_QT=OFF -DWITH_PROTOBUF=OFF -DWITH_EIGEN=OFF \\
      -DWITH_1394=OFF -DWITH_VA=OFF -DWITH_VA_INTEL=OFF -DWITH_OBSENSOR=OFF -DWITH_ADE=OFF -DWITH_OPENVINO=OFF \\
      -DWITH_JPEG=ON -DBUILD_JPEG=ON -DWITH_PNG=ON -DBUILD_PNG=ON -DBUILD_ZLIB=ON \\
      -DBUILD_TESTS=OFF -DBUILD_PERF_TESTS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOCS=OFF -DBUILD_opencv_apps=OFF \\
      -DBUILD_JAVA=OFF -DBUILD_opencv_python2=OFF -DCPU_DISPATCH=AVX2 >/build/opencv/cmake.log 2>&1
    /build/venv/bin/cmake --build build -j \$(nproc) >/build/opencv/build.log 2>&1
    /build/venv/bin/cmake --install build >/build/opencv/install.log 2>&1
    strip --strip-unneeded /opt/opencv-lean/python/cv2/python-3.11/*.so
    touch /opt/opencv-lean/.done"
}

# --- aarch64: qemu binfmt and the cross-compiling root -------------------------------------------

# chroot into the arm64 root execs its binaries through qemu-aarch64-static; the registration needs
# the F (fix-binary) flag so the interpreter is opened on the host, not looked up inside the root.
ensure_binfmt() {
  command -v qemu-aarch64-static >/dev/null || apt-get install -y -qq qemu-user-static binfmt-support >/dev/null
  command -v aarch64-linux-gnu-objdump >/dev/null || apt-get install -y -qq binutils-aarch64-linux-gnu >/dev/null
  local bm=/proc/sys/fs/binfmt_misc
  mountpoint -q $bm || mount -t binfmt_misc binfmt_misc $bm
  if ! grep -qs '^flags:.*F' $bm/qemu-aarch64; then
    log "registering qemu-aarch64-static with binfmt_misc (flag F)"
    [ -e $bm/qemu-aarch64 ] && echo -1 >$bm/qemu-aarch64
    printf '%s' ':qemu-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-aarch64-static:F' >$bm/register
  fi
}

CROSS_PACKAGES=(
  build-essential crossbuild-essential-arm64 ca-certificates pkg-config file xz-utils dpkg-dev tcl
  zlib1g-dev libffi-dev libssl-dev
  libssl-dev:arm64 zlib1g-dev:arm64 libbz2-dev:arm64 libffi-dev:arm64 liblzma-dev:arm64
  libreadline-dev:arm64 uuid-dev:arm64 libgdbm-dev:arm64 libncursesw5-dev:arm64
)

in_cross() { chroot "$CROSS_ROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
  LANG=C.UTF-8 /bin/bash -ec "$1"; }

umount_cross() {
  umount -l "$CROSS_ROOT/dev" 2>/dev/null || true
  umount -l "$CROSS_ROOT/proc" 2>/dev/null || true
}

# An amd64 bullseye root (glibc 2.31 headers and libraries, like the arm64 root) with Debian's
# aarch64-linux-gnu gcc 10 and the arm64 -dev packages installed side by side (multiarch).
make_cross_root() {
  if [ ! -x "$CROSS_ROOT/usr/bin/apt-get" ]; then
    log "debootstrap bullseye (amd64, for cross-compiling) into $CROSS_ROOT"
    mkdir -p "$CROSS_ROOT"
    debootstrap --variant=minbase --arch=amd64 bullseye "$CROSS_ROOT" "$MIRROR" >/dev/null
  fi
  cp /etc/resolv.conf "$CROSS_ROOT/etc/resolv.conf"
  mountpoint -q "$CROSS_ROOT/proc" || mount -t proc proc "$CROSS_ROOT/proc"
  mountpoint -q "$CROSS_ROOT/dev" || mount --bind /dev "$CROSS_ROOT/dev"
  trap 'umount_root; umount_cross' EXIT
  if [ "$(cat "$CROSS_ROOT/.tongban-packages" 2>/dev/null)" != "${CROSS_PACKAGES[*]}" ]; then
    log "cross toolchain and arm64 -dev packages in the cross root"
    in_cross "dpkg --add-architecture arm64 && apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${CROSS_PACKAGES[*]} >/dev/null"
    echo "${CROSS_PACKAGES[*]}" >"$CROSS_ROOT/.tongban-packages"
  fi
  cp scripts/glibc-compat.h "$CROSS_ROOT/build-glibc-compat.h"
}

# CPython 3.11 for aarch64: Debian's python3.11 source (bookworm) built twice in the cross root, once
# natively (the build Python a cross build needs, same version) and once with --host=aarch64-linux-gnu;
# the result goes to $PY_PREFIX of the arm64 root, where ensurepip and an import check run under qemu.
build_python_cross() {
  [ -f "$ROOTFS$PY_PREFIX/.checked" ] && return
  log "CPython 3.11 from Debian's source package (bookworm's python3.11), cross-compiled for aarch64"
  echo "deb-src $MIRROR bookworm main" >"$CROSS_ROOT/etc/apt/sources.list.d/bookworm-src.list"
  in_cross "apt-get update -qq && mkdir -p /build/python && cd /build/python
    ls python3.11_*.orig.tar.gz >/dev/null 2>&1 || apt-get source --download-only -qq python3.11 >/dev/null 2>&1
    if [ ! -x /opt/python3.11-build/bin/python3.11 ]; then
      rm -rf native && mkdir native && tar xzf python3.11_*.orig.tar.gz -C native --strip-components=1 && cd native
      ./configure -q --prefix=/opt/python3.11-build --with-ensurepip=no >/dev/null
      make -s -j\$(nproc) >/dev/null 2>&1
      make -s altinstall >/dev/null 2>&1
      cd ..
    fi
    # Cross-configure cannot run test programs: answer its run-time checks (/dev/ptmx, getaddrinfo).
    # SQLite is the static archive only (-L); LIBS=-lm because configure's link tests put -lsqlite3 last.
    rm -rf arm64 dest && mkdir arm64 && tar xzf python3.11_*.orig.tar.gz -C arm64 --strip-components=1 && cd arm64
    PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig \\
    LIBSQLITE3_CFLAGS=-I/opt/sqlite-arm64/include LIBSQLITE3_LIBS='-L/opt/sqlite-arm64/lib -lsqlite3 -lpthread -ldl -lm' \\
      LIBS=-lm ac_cv_file__dev_ptmx=yes ac_cv_file__dev_ptc=no ac_cv_buggy_getaddrinfo=no \\
      ./configure -q --host=aarch64-linux-gnu --build=x86_64-linux-gnu \\
        --with-build-python=/opt/python3.11-build/bin/python3.11 \\
        --prefix=$PY_PREFIX --enable-shared --with-ensurepip=no LDFLAGS=-Wl,-rpath,$PY_PREFIX/lib >/dev/null
    make -s -j\$(nproc) >/build/python/arm64-make.log 2>&1
    make -s altinstall DESTDIR=/build/python/dest >/build/python/arm64-install.log 2>&1
    grep -A3 'necessary bits to build these optional modules were not found\|Failed to build these modules' /build/python/arm64-make.log || true"
  rm -f "$CROSS_ROOT/etc/apt/sources.list.d/bookworm-src.list"
  mkdir -p "$ROOTFS/opt"
  rm -rf "$ROOTFS$PY_PREFIX" && cp -a "$CROSS_ROOT/build/python/dest$PY_PREFIX" "$ROOTFS$PY_PREFIX"
  log "ensurepip and an import check in the arm64 root (qemu)"
  in_root "$PY_PREFIX/bin/python3.11 -m ensurepip --altinstall >/dev/null
    $PY_PREFIX/bin/python3.11 -c 'import platform, ssl, sqlite3, ctypes, lzma, bz2, zlib, readline, uuid; print(\"python ok\", platform.machine(), sqlite3.sqlite_version, ssl.OPENSSL_VERSION)'"
  touch "$ROOTFS$PY_PREFIX/.checked"
}

# Debug information only (`strip --strip-debug`: .debug_* sections; the symbol tables stay) of every
# ELF file in the bundle's _internal, the wheels' libraries included (sqlcipher3's extension carries
# 12 MB of it). Not the executable (its PYZ archive is appended after the ELF image). Wheels'
# libraries were rewritten by auditwheel/patchelf, and strip can rearrange such a file so that a
# loadable segment's file offset and address no longer agree modulo its alignment, which ld.so
# refuses ("ELF load command address/offset not properly aligned"; it broke numpy's OpenBLAS
# once): each stripped copy is checked for that and the original kept if it fails.
strip_debug() {
  local dir=$1 f tmp before=0 after=0 kept=0 n=0
  tmp=$(mktemp)
  while IFS= read -r -d '' f; do
    head -c 4 "$f" 2>/dev/null | grep -q $'\x7fELF' || continue
    "$STRIP" --strip-debug -o "$tmp" "$f" 2>/dev/null || continue
    if ! load_segments_aligned "$tmp"; then
      log "strip --strip-debug would misalign ${f#"$dir"/}: kept unstripped"
      kept=$((kept + 1))
      continue
    fi
    before=$((before + $(stat -c%s "$f")))
    after=$((after + $(stat -c%s "$tmp")))
    n=$((n + 1))
    cat "$tmp" >"$f"  # keeps the file's mode
  done < <(find "$dir" -type f -print0)
  rm -f "$tmp"
  log "debug information stripped from $n ELF files: $((before / 1048576)) MB -> $((after / 1048576)) MB ($kept kept as they were)"
}

# Every PT_LOAD segment's (offset - vaddr) is a multiple of its alignment, as ld.so requires.
load_segments_aligned() {
  local type off va rest n=0
  while read -r type off va rest; do
    [ "$type" = LOAD ] || continue
    n=$((n + 1))
    local al=${rest##* }
    (( al > 1 && (off - va) % al != 0 )) && return 1
  done < <(LC_ALL=C readelf -lW "$1" 2>/dev/null)
  [ "$n" -gt 0 ]
}

# Hook for trimming data files the bundle carries in full (ICU's libicudata: 31 MB). A
# scripts/trim_icu.sh, if the checkout has one, is given the bundle's _internal directory.
trim_data() {
  if [ -f scripts/trim_icu.sh ]; then
    log "scripts/trim_icu.sh $1"
    bash scripts/trim_icu.sh "$1"
  fi
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
  if [ "$LEAN_NUMPY" = 1 ]; then
    # numpy's wheel carries OpenBLAS and gfortran (31 MB); the counter does no linear algebra
    # (OpenCV has its own), so numpy built from its sdist with its bundled lapack_lite serves.
    log "numpy from the sdist without OpenBLAS"
    # A later run reuses the venv: pip left numpy alone if its version still fits, then it is the
    # lean build already (no vendored libraries) and is not rebuilt (15 min on 2 cores).
    in_root "/build/venv/bin/python -c 'import numpy, pathlib, sys; sys.exit(1 if list(pathlib.Path(numpy.__file__).parent.parent.glob(\"numpy.libs/*\")) else 0)' && echo 'numpy: the lean build is in place' && exit 0
      numpy_version=\$(/build/venv/bin/python -c 'import numpy; print(numpy.__version__)')
      CFLAGS='-include /build-glibc-compat.h' CXXFLAGS='-include /build-glibc-compat.h' \\
        /build/venv/bin/pip install -q --force-reinstall --no-deps --no-binary numpy numpy==\$numpy_version \\
        -Csetup-args=-Dblas=none -Csetup-args=-Dlapack=none -Csetup-args=-Dallow-noblas=true >/build/numpy.log 2>&1
      /build/venv/bin/python -c 'import numpy, pathlib; assert not list(pathlib.Path(numpy.__file__).parent.parent.glob(\"numpy.libs/*\")), \"OpenBLAS left\"; print(\"numpy\", numpy.__version__, \"(no BLAS)\")'"
  fi
  if [ "$LEAN_OPENCV" = 1 ]; then
    build_opencv
    log "the lean OpenCV replaces the opencv-python-headless wheel in the build venv"
    in_root "/build/venv/bin/pip uninstall -q -y opencv-python-headless
      site=\$(/build/venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()[\"platlib\"])')
      rm -rf \$site/cv2 && cp -a /opt/opencv-lean/python/cv2 \$site/cv2
      # OpenCV's install writes absolute paths (/opt/opencv-lean/...) into the loader's config; the
      # copy must find its extension beside itself, as a wheel's does, or PyInstaller's cv2 hook
      # cannot place it in the bundle. The build is static: no shared libraries to point at.
      printf 'BINARIES_PATHS = [] + BINARIES_PATHS\\n' >\$site/cv2/config.py
      printf 'import os\\nPYTHON_EXTENSIONS_PATHS = [os.path.join(LOADER_DIR, \"python-3.11\")] + PYTHON_EXTENSIONS_PATHS\\n' >\$site/cv2/config-3.11.py
      cd / && /build/venv/bin/python -c 'import cv2; assert cv2.__file__.startswith(\"/build/venv\"); print(\"OpenCV\", cv2.__version__, \"(lean) from\", cv2.__file__)'"
  fi
  log "PyInstaller (the station's bundle: build.spec)"
  # The fonts for forms and rare characters come from the system's packages (fonts-arphic-uming,
  # fonts-hanazono: 74 MB), which the .deb depends on, instead of a copy in the bundle.
  in_root "cd /build/src && rm -rf dist build && TONGBAN_SYSTEM_FONTS=1 /build/venv/bin/pyinstaller --noconfirm --log-level WARN build.spec"
  rm -rf "$OUT" && mkdir -p "$OUT"
  cp -a "$ROOTFS/build/src/dist/tongban" "$OUT/"
  # PyInstaller links libraries at the top level to where they were; build.spec dropped some of them.
  find "$OUT/tongban" -xtype l -delete
  # Strip the interpreter compiled here (libpython: 29 MB -> 5 MB) of everything it does not need.
  "$STRIP" --strip-unneeded "$OUT/tongban/_internal/libpython3.11.so.1.0" "$OUT"/tongban/_internal/python3.11/lib-dynload/*.so
  strip_debug "$OUT/tongban/_internal"
  trim_data "$OUT/tongban/_internal"
  # The bundle must carry OpenCV's extension itself (a build root's /opt/opencv-lean would hide
  # its absence from the self-test below).
  if ! compgen -G "$OUT/tongban/_internal/cv2/**/cv2*.so" >/dev/null && ! compgen -G "$OUT/tongban/_internal/cv2/cv2*.so" >/dev/null; then
    log "the bundle has no cv2 extension module" && exit 1
  fi
}

report_floor() {
  log "size and glibc floor"
  OBJDUMP=$OBJDUMP bash scripts/glibc_floor.sh "$OUT/tongban" | tee "$OUT/glibc-floor.txt"
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

if [ "$CROSS" = 1 ]; then
  ensure_binfmt
  make_root
  make_cross_root
  build_sqlite in_cross "$CROSS_ROOT" /opt/sqlite-arm64 '' --host=aarch64-linux-gnu --build=x86_64-linux-gnu
  build_python_cross
else
  make_root
  build_sqlite in_root "$ROOTFS" /opt/sqlite '-include /build-glibc-compat.h'
  build_python
fi
build_bundle
report_floor
check_in_root
VERSION=$(in_root "cd /build/src && /build/venv/bin/python -c 'import importlib.metadata as m; print(m.version(\"tongban\"))'")
bash scripts/build_deb.sh "$OUT/tongban" "$VERSION" "$ARCH" "$OUT"
log "done: $OUT"
