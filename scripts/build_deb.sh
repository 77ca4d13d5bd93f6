#!/usr/bin/env bash
# Package a built counter bundle as a .deb in 统信UOS's application layout, installable on
# 银河麒麟 and Debian too:
#   /opt/apps/$APPID/files/      the PyInstaller bundle (the executable tongban, libraries)
#   /opt/apps/$APPID/entries/    desktop entry and icon (UOS links these into the menu itself)
#   /opt/apps/$APPID/info        UOS application manifest (JSON)
# On Debian/麒麟 the maintainer scripts also link the console command /usr/bin/tongban, the desktop
# entry and the reader udev rules, and remove those links again on removal. The data directory
# (~/.local/share/tongban of each clerk account, or $TONGBAN_HOME) is never touched: installing,
# upgrading and removing (even purging) the package keeps every station's data.
#   bash scripts/build_deb.sh BUNDLE_DIR VERSION [ARCH] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
bundle=${1:?usage: build_deb.sh BUNDLE_DIR VERSION [ARCH] [OUT_DIR]}
version=${2:?version}
arch=${3:-$(dpkg --print-architecture)}
out=${4:-$REPO/dist}
APPID=cn.tongban.counter
pkg=$(mktemp -d)
trap 'rm -rf "$pkg"' EXIT
app="$pkg/opt/apps/$APPID"
mkdir -p "$app/files" "$app/entries/applications" "$app/entries/icons/hicolor/256x256/apps" "$pkg/DEBIAN"
cp -a "$bundle/." "$app/files/"
cp "$REPO/resources/icons/tongban.png" "$app/entries/icons/hicolor/256x256/apps/$APPID.png"
cp "$REPO/scripts/deb/60-tongban-readers.rules" "$app/files/60-tongban-readers.rules"
cat >"$app/entries/applications/$APPID.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=医保通办
Name[zh_CN]=医保通办
GenericName=Medical insurance counter
GenericName[zh_CN]=医保经办柜台
Comment=基层医保服务点离线经办系统
Exec=/opt/apps/$APPID/files/tongban gui
Icon=$APPID
Terminal=false
Categories=Office;
StartupNotify=true
X-Deepin-Vendor=user-custom
DESKTOP
cat >"$app/info" <<INFO
{
  "appid": "$APPID",
  "name": "医保通办",
  "version": "$version",
  "arch": ["$arch"],
  "permissions": {"autostart": false, "notification": false, "trayicon": false, "clipboard": true,
                  "account": false, "bluetooth": false, "camera": true, "audio_record": false,
                  "installed_apps": false}
}
INFO
size_kb=$(du -sk "$pkg/opt" | cut -f1)
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: $APPID
Version: $version
Architecture: $arch
Maintainer: Tongban developers <tongban@localhost>
Installed-Size: $size_kb
Section: misc
Priority: optional
Depends: pcscd, libccid, libzbar0, libsystemd0, libegl1, libgl1, libfontconfig1, libfreetype6, libx11-6, libcups2, libdbus-1-3,
 libxkbcommon0, libxkbcommon-x11-0,
 libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-xinerama0, libxcb-randr0,
 libxcb-render-util0, libxcb-image0, libxcb-xkb1, libx11-xcb1, libglib2.0-0,
 fonts-arphic-uming, fonts-hanazono
Recommends: fonts-noto-cjk | fonts-wqy-microhei
Homepage: https://tongban.invalid/
Description: 医保通办 — offline counter for grassroots medical-insurance service points
 Identify the applicant (社保卡, 医保电子凭证, 身份证), take in a case for any service item,
 store it encrypted, print receipts, forms and certificates, and sync with the county's hub.
CONTROL
for script in postinst prerm postrm; do
  sed "s/@APPID@/$APPID/g" "$REPO/scripts/deb/$script" >"$pkg/DEBIAN/$script"
  chmod 0755 "$pkg/DEBIAN/$script"
done
mkdir -p "$out"
deb="$out/${APPID}_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" -z"${DEB_LEVEL:-3}" --build "$pkg" "$deb" >/dev/null
echo "built $deb ($(du -h "$deb" | cut -f1))"
