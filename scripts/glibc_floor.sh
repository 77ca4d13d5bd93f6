#!/usr/bin/env bash
# Print the highest GLIBC_ and GLIBCXX_ symbol versions that any ELF file under DIR needs
# (objdump -T: the dynamic symbol table's undefined, versioned references), and which file.
#   bash scripts/glibc_floor.sh dist/tongban
#   OBJDUMP=aarch64-linux-gnu-objdump bash scripts/glibc_floor.sh dist-compat/arm64/tongban  # another arch
set -euo pipefail
dir=${1:?usage: glibc_floor.sh DIR}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
while IFS= read -r -d '' f; do
  head -c 4 "$f" 2>/dev/null | grep -q $'\x7fELF' || continue
  "${OBJDUMP:-objdump}" -T "$f" 2>/dev/null | awk -v f="${f#"$dir"/}" '/\*UND\*/ { for (i = 1; i <= NF; i++) if ($i ~ /^\(?GLIBC(XX)?_[0-9.]+\)?$/) { v = $i; gsub(/[()]/, "", v); print v, f } }' >>"$tmp"
done < <(find "$dir" -type f -print0)
for lib in GLIBC GLIBCXX; do
  line=$(grep "^${lib}_" "$tmp" | sed "s/^${lib}_//" | sort -t' ' -k1,1V | tail -1 || true)
  if [ -n "$line" ]; then
    echo "highest ${lib} needed: ${lib}_${line%% *} (by ${line#* })"
  else
    echo "highest ${lib} needed: none"
  fi
done
echo "ELF files checked: $(find "$dir" -type f -exec sh -c 'head -c 4 "$1" | grep -q "ELF" && echo x' _ {} \; | wc -l)"
