#!/usr/bin/env bash
# Replace libicudata.so.NN (Qt's ICU data library, ~31 MB in the PySide6 wheels) with one that
# carries only the ICU data the counter can reach, and print the size before and after.
#
#   bash scripts/trim_icu.sh DIR    DIR = a bundle's _internal, a PySide6/Qt/lib, ...: the one
#                                   libicudata.so.NN file under DIR is replaced in place
#
# What Qt asks ICU for is read off the libraries under DIR: the ICU functions they import. In
# PySide6 6.8-6.11 only libQt6Core imports ICU, and only collation (ucol_*, QCollator), time zones
# (ucal_*: QTimeZone names and IDs), converters (ucnv_*: QStringConverter/QStringDecoder for
# non-Unicode names) and locale case mapping (u_strToUpper/Lower, whose data is compiled into
# libicuuc). Qt's text breaking (QTextBoundaryFinder, line breaking) is its own code, not ICU's.
# So the trimmed data keeps:
#   - locale data for root, zh* and en* in every tree (root, coll/, zone/, region/, lang/, curr/,
#     unit/, rbnf/) with each tree's pool.res and res_index.res, coll/ucadata.icu;
#   - every non-locale resource (supplementalData, likelySubtags, metadata, zoneinfo64,
#     metaZones, timezoneTypes, windowsZones, numberingSystems, plurals, ...) and the
#     normalization/property files (nfkc*, uemoji, ulayout);
#   - the converter alias table and the GB family: gb18030.cnv, windows-936-2000.cnv (GBK, with
#     ibm-1386_P100-2001.cnv it builds on) and ibm-1383_P110-1999.cnv (GB2312/EUC-CN). The counter
#     decodes nothing through Qt by name (Python's codecs need no ICU); these are a margin.
# and drops: all other locales; brkitr/ (break rules and the 2 MB CJK dictionary: no ubrk_*
# caller) and translit/; unames.icu, confusables.cfu, uts46.nrm and the stringprep *.spp (IDNA,
# spoof checks, character names: no caller); the ~200 other converters.
# The script refuses to run when a library under DIR imports an ICU function outside that list: a
# new Qt may need data this trim drops, so look before extending ALLOWED_IMPORTS below.
#
# Needs icupkg (Debian: icu-devtools; any ICU version reads the package format), readelf, and
# binutils for the library's machine (`as`/`ld`, or aarch64-linux-gnu-as/-ld for an aarch64
# library built on x86_64; override with AS=/LD=). The data is byte-order specific (the "l" in
# icudt73l), not machine specific: x86_64 and aarch64 wheels carry the same bytes.
set -euo pipefail

ALLOWED_IMPORTS='^(ucol_|ucal_|ucnv_|UCNV_|u_strToUpper_|u_strToLower_)'
KEEP_CONVERTERS='^(gb18030|windows-936-2000|ibm-1383_P110-1999)\.cnv$'

die() { echo "trim_icu: $*" >&2; exit 1; }

# file_offset ELF HEXADDR: the file offset of a virtual address, from the PROGBITS section
# holding it (section header rows: [Nr] Name Type Address Off Size ...; mawk: no hex in awk).
file_offset() {
  local a=$((16#$2)) name type addr off size rest
  while read -r name type addr off size rest; do
    [ "$type" = PROGBITS ] || continue
    if [ "$a" -ge $((16#$addr)) ] && [ "$a" -lt $((16#$addr + 16#$size)) ]; then
      echo $((16#$off + a - 16#$addr)); return
    fi
  done < <(readelf -S -W "$1" | sed -n 's/^ *\[ *[0-9]*\] *//p')
  die "no section of $1 holds address 0x$2"
}

[ $# -eq 1 ] && [ -d "$1" ] || die "usage: $0 DIR (a bundle's _internal, or the directory holding libicudata.so.NN)"
DIR=$1
mapfile -t libs < <(find "$DIR" -type f -name 'libicudata.so.[0-9]*')
[ ${#libs[@]} -eq 1 ] || die "expected one libicudata.so.NN file under $DIR, found ${#libs[@]}: ${libs[*]}"
LIB=${libs[0]}   # links to it (PyInstaller's top-level ones) stay valid: the file is replaced in place
VER=$(basename "$LIB" | sed 's/^libicudata\.so\.\([0-9]*\).*/\1/')
SYM=icudt${VER}_dat

for tool in icupkg readelf dd; do
  command -v "$tool" >/dev/null || die "needs $tool (Debian: icu-devtools for icupkg, binutils)"
done

# 1. Which ICU functions the libraries under DIR (ICU's own aside) call.
imports=$(find "$DIR" \( -type f -o -type l \) -name '*.so*' ! -name 'libicu*' -print0 \
          | xargs -0 -r readelf --dyn-syms -W 2>/dev/null \
          | awk -v v="_$VER" '$7 == "UND" && substr($8, length($8) - length(v) + 1) == v {print $8}' \
          | sort -u || true)
[ -n "$imports" ] || die "no library under $DIR calls ICU $VER: cannot tell what Qt needs (no libQt6Core?)"
bad=$(grep -Ev "$ALLOWED_IMPORTS" <<<"$imports" || true)
[ -z "$bad" ] || die "libraries under $DIR import ICU functions this trim has not been checked for: $(echo $bad)"

# 2. The machine, and the binutils that can build a library for it.
machine=$(readelf -h "$LIB" | sed -n 's/^ *Machine: *//p')
case "$machine" in
  *X86-64*) arch=x86_64 ;;
  AArch64) arch=aarch64 ;;
  *) die "unsupported machine: $machine" ;;
esac
if [ "$(uname -m)" = "$arch" ]; then prefix=""; else prefix="$arch-linux-gnu-"; fi
AS=${AS:-${prefix}as}
LD=${LD:-${prefix}ld}
command -v "$AS" >/dev/null && command -v "$LD" >/dev/null \
  || die "needs $AS and $LD (Debian: binutils, or binutils-$arch-linux-gnu)"

# 3. The data blob: the bytes of the exported symbol icudtNN_dat.
read -r sym_addr sym_size < <(readelf --dyn-syms -W "$LIB" | awk -v s="$SYM" '$8 == s {print $2, $3}') \
  || die "$LIB does not export $SYM"
sym_size=$((sym_size))   # readelf prints large sizes in hex (0x...), small ones in decimal
sym_off=$(file_offset "$LIB" "$sym_addr")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in" "$work/out"
name=$(printf 'icudt%sl' "$VER")   # a file name only: --auto_toc_prefix keeps the blob's own prefix
dd if="$LIB" of="$work/in/$name.dat" iflag=skip_bytes,count_bytes skip="$sym_off" count="$sym_size" status=none
icupkg -l "$work/in/$name.dat" >"$work/items.txt" || die "icupkg cannot read the data in $LIB"

# 4. What to drop (see the header). Locale resources are named like a locale ID: de.res,
#    zh_Hant_TW.res, coll/de__PHONEBOOK.res; everything else in a tree is shared data.
awk -v conv="$KEEP_CONVERTERS" '
  { item = $0; n = split(item, part, "/"); file = part[n]; tree = (n > 1) ? part[1] : "" }
  tree == "brkitr" || tree == "translit" { print; next }
  file ~ /\.cnv$/ { if (file !~ conv) print; next }
  file ~ /^(unames\.icu|confusables\.cfu|uts46\.nrm)$/ || file ~ /\.spp$/ { print; next }
  file == "res_index.res" || file == "pool.res" || file == "root.res" { next }
  file ~ /^[a-z][a-z][a-z]?(_[A-Za-z0-9]*)*\.res$/ && file !~ /^(zh|en)(_|\.)/ { print }
' "$work/items.txt" >"$work/drop.txt"

# icupkg refuses a package where a kept item needs a dropped one (rbnf/zh_Hant_HK.res needs
# rbnf/yue.res, windows-936-2000.cnv needs ibm-1386_P100-2001.cnv): keep those too and retry.
for _ in 1 2 3 4 5 6 7 8; do
  if icupkg --auto_toc_prefix -r "$work/drop.txt" "$work/in/$name.dat" "$work/out/$name.dat" \
       >"$work/icupkg.log" 2>&1; then
    break
  fi
  sed -n 's/.* depends on missing item \(.*\)$/\1/p' "$work/icupkg.log" | sort -u >"$work/needed.txt"
  [ -s "$work/needed.txt" ] || { cat "$work/icupkg.log" >&2; die "icupkg failed"; }
  grep -vxF -f "$work/needed.txt" "$work/drop.txt" >"$work/drop2.txt" || true
  mv "$work/drop2.txt" "$work/drop.txt"
  rm -f "$work/out/$name.dat"
done
[ -s "$work/out/$name.dat" ] || { cat "$work/icupkg.log" >&2; die "icupkg failed"; }
new_items=$(icupkg -l "$work/out/$name.dat" | wc -l)

# 5. A library exporting the trimmed blob under the same symbol and SONAME. The original is a
#    plain unversioned export (objdump -T: "icudtNN_dat" without a version), 16-byte aligned.
cat >"$work/data.S" <<EOF
	.section .note.GNU-stack,"",%progbits
	.section .rodata
	.balign 16
	.globl $SYM
	.type $SYM, %object
$SYM:
	.incbin "$work/out/$name.dat"
	.size $SYM, . - $SYM
EOF
"$AS" -o "$work/data.o" "$work/data.S"
soname=$(readelf -d "$LIB" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ -n "$soname" ] || soname=libicudata.so.$VER
"$LD" -shared -soname "$soname" --hash-style=gnu --build-id -z noexecstack -o "$work/new.so" "$work/data.o"

# 6. Check the new library before it replaces the old one: the symbol's bytes are the blob.
read -r new_addr new_size < <(readelf --dyn-syms -W "$work/new.so" | awk -v s="$SYM" '$8 == s && $7 != "UND" {print $2, $3}')
new_size=$((new_size))
[ "$new_size" -eq "$(stat -c %s "$work/out/$name.dat")" ] || die "built library: $SYM has the wrong size"
new_off=$(file_offset "$work/new.so" "$new_addr")
[ $((16#$new_addr % 16)) -eq 0 ] || die "built library: $SYM is not 16-byte aligned"
dd if="$work/new.so" of="$work/check.dat" iflag=skip_bytes,count_bytes skip="$new_off" count="$new_size" status=none
cmp -s "$work/check.dat" "$work/out/$name.dat" || die "built library: $SYM does not hold the trimmed data"

before=$(stat -c %s "$LIB")
install -m 755 "$work/new.so" "$(dirname "$LIB")/.libicudata.new"
mv -f "$(dirname "$LIB")/.libicudata.new" "$LIB"
after=$(stat -c %s "$LIB")
awk -v lib="$(basename "$LIB")" -v b="$before" -v a="$after" -v i="$(wc -l <"$work/items.txt")" -v j="$new_items" \
  'BEGIN { printf "trim_icu: %s: %d -> %d bytes (%.1f -> %.1f MB), %d -> %d data items\n", lib, b, a, b / 1048576, a / 1048576, i, j }'
