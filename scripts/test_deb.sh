#!/usr/bin/env bash
# Install, upgrade and remove the counter's .deb in a clean Debian 11 root (glibc 2.31, as
# 银河麒麟 V10 SP1), as a county's technician would, and check the station's data survives:
#   sudo bash scripts/test_deb.sh OLD.deb NEW.deb
# The root ($TONGBAN_TARGET_ROOT, default /var/tmp/tongban-bullseye-target) is a bare debootstrap
# (minbase): everything the package needs must come from its Depends.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "${1:?usage: test_deb.sh OLD.deb NEW.deb}")
new=$(realpath "${2:?NEW.deb}")
ROOTFS=${TONGBAN_TARGET_ROOT:-/var/tmp/tongban-bullseye-target}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
APPID=cn.tongban.counter
log() { printf '\033[1m[deb-test]\033[0m %s\n' "$*" >&2; }
if [ ! -x "$ROOTFS/usr/bin/apt-get" ]; then
  log "clean bullseye root in $ROOTFS"
  debootstrap --variant=minbase bullseye "$ROOTFS" "$MIRROR" >/dev/null
fi
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
mountpoint -q "$ROOTFS/proc" || mount -t proc proc "$ROOTFS/proc"
mountpoint -q "$ROOTFS/dev" || mount --bind /dev "$ROOTFS/dev"
trap 'umount -l "$ROOTFS/dev" "$ROOTFS/proc" 2>/dev/null || true' EXIT
cp "$old" "$ROOTFS/tmp/old.deb"
cp "$new" "$ROOTFS/tmp/new.deb"
in_root() { chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8 /bin/bash -ec "$1"; }
as_clerk() { in_root "runuser -u clerk -- env HOME=/home/clerk QT_QPA_PLATFORM=offscreen $1"; }
cases() { as_clerk "tongban case list --json" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

# A root used before starts as a new PC would: no package, no clerk account (nor its data).
in_root "if dpkg -s $APPID >/dev/null 2>&1; then DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $APPID >/dev/null; fi
  if id clerk >/dev/null 2>&1; then userdel -r clerk 2>/dev/null || true; fi"
log "install $(basename "$old") with its dependencies"
in_root "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/old.deb >/dev/null"
in_root "id clerk >/dev/null 2>&1 || useradd -m clerk"
in_root "test -L /usr/bin/tongban && test -f /opt/apps/$APPID/info && test -L /usr/share/applications/$APPID.desktop"
as_clerk "tongban self-test"
as_clerk "tongban init --demo >/dev/null"
before=$(cases)
log "demo station created: $before cases"
log "upgrade to $(basename "$new")"
in_root "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/new.deb >/dev/null"
in_root "dpkg-query -W -f='\${Version}\n' $APPID"
after=$(cases)
[ "$after" = "$before" ] || { log "FAIL: $before cases before the upgrade, $after after"; exit 1; }
as_clerk "tongban self-test >/dev/null"
log "upgrade kept the $after cases; self-test passes"
# The menu entry's command (Exec=) exists after the upgrade and opens the counter's window.
exec_line=$(in_root "sed -n 's/^Exec=//p' /usr/share/applications/$APPID.desktop")
in_root "test -x ${exec_line%% *}"
as_clerk "TONGBAN_EXIT_WHEN_SHOWN=1 $exec_line"
log "the menu entry's command ($exec_line) opened the counter (offscreen)"
log "remove (purge) the package"
in_root "DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $APPID >/dev/null"
in_root "! test -e /usr/bin/tongban && ! test -e /opt/apps/$APPID && test -d /home/clerk/.local/share/tongban"
log "reinstall and read the same station"
in_root "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/new.deb >/dev/null"
again=$(cases)
[ "$again" = "$before" ] || { log "FAIL: $before cases before removal, $again after reinstalling"; exit 1; }
log "ok: install, upgrade, purge and reinstall kept the station's $again cases"
