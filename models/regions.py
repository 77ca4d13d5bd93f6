"""行政区划 (GB/T 2260): names for codes, and places found by name, pinyin or code.

The table is resources/regions/gb2260.tsv (民政部, December 2021; see its README), or a newer one
in the data directory (``regions/gb2260.tsv``), which wins: imported from a file
(``tongban regions import``) or carried by a signed catalog package, which sync downloads
(models/catalog/package.py, ``regions.tsv`` signed by the same issuer key). A code
is 6 digits for a county (9 and 12 digits for townships and villages: their county part is named,
the rest is kept as typed). Provinces are ``XX0000``, prefectures ``XXXX00``; 直辖市 and
省直辖县级 units have no prefecture row, and then the county is named under the province.

Pinyin (full and initials, pypinyin) is computed once per table for the 3,200 names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from models.errors import ValidationError
from models.paths import data_paths, resource_path

TABLE_NAME = "gb2260.tsv"
_CODE = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    province: str
    prefecture: str  # "" for 直辖市 districts and 省直辖 counties
    level: str  # 省 / 市 / 县
    #: every reading of the name (heteronyms: 都匀 is dūyún, 都 alone reads dōu), full and initials
    pinyin: tuple[str, ...]  # ("duyunshi", "douyunshi")
    initials: tuple[str, ...]  # ("dys",)

    @property
    def full_name(self) -> str:
        """贵州省黔南布依族苗族自治州都匀市; 北京市朝阳区."""
        parts = [self.province]
        if self.level in ("市", "县") and self.prefecture:
            parts.append(self.prefecture)
        if self.level == "县":
            parts.append(self.name)
        return "".join(dict.fromkeys(p for p in parts if p))


class RegionTable:
    def __init__(self, rows: list[tuple[str, str]]) -> None:
        from models import pinyin

        names = dict(rows)
        self.by_code: dict[str, Region] = {}
        with pinyin.loaded():  # once for the table; pypinyin is freed after it
            self._build(rows, names)

    def _build(self, rows: list[tuple[str, str]], names: dict[str, str]) -> None:
        for code, name in rows:
            province = names.get(code[:2] + "0000", "")
            prefecture = names.get(code[:4] + "00", "") if not code.endswith("00") else ""
            level = "省" if code.endswith("0000") else "市" if code.endswith("00") else "县"
            if level == "市":
                prefecture = name
            full, initials = _readings(name)
            self.by_code[code] = Region(code, name, province, prefecture, level, full, initials)

    def get(self, code: str) -> Region | None:
        return self.by_code.get(code[:6])

    def search(self, text: str, limit: int = 20, near: str = "") -> list[Region]:
        """By code prefix, name, pinyin or initials; the best match first, places ``near`` the
        station (its 行政区划代码: same prefecture, then province) before others, counties before
        prefectures and provinces."""
        query = text.strip().lower().replace(" ", "")
        if not query:
            return []
        hits: list[tuple[int, int, int, str, Region]] = []
        order = {"县": 0, "市": 1, "省": 2}
        for region in self.by_code.values():
            if query.isdigit():
                score = 0 if region.code.startswith(query) else -1
            elif query in region.name or query in region.full_name:
                score = 0 if region.name.startswith(query) else 1
            elif any(i.startswith(query) for i in region.initials) or any(p.startswith(query) for p in region.pinyin):
                score = 2
            elif any(query in p for p in region.pinyin):
                score = 3
            else:
                score = -1
            if score >= 0:
                distance = 0 if near[:4] and region.code[:4] == near[:4] else 1 if region.code[:2] == near[:2] else 2
                rank = 0 if query.isdigit() else order[region.level]  # a code prefix: in code order
                hits.append((score, distance, rank, region.code, region))
        hits.sort(key=lambda h: h[:4])
        return [h[4] for h in hits[:limit]]


def _readings(name: str, cap: int = 8) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Full pinyin and initials of ``name`` for every combination of the characters' readings."""
    from itertools import islice, product

    from models import pinyin

    with pinyin.loaded():
        per_char = pinyin.readings(name)
    combos = list(islice(product(*[c[:3] for c in per_char if c]), cap))
    full = tuple(dict.fromkeys("".join(c) for c in combos))
    initials = tuple(dict.fromkeys("".join(s[0] for s in c if s) for c in combos))
    return full, initials


def _read(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.strip().split("\t")
        if len(parts) >= 2 and _CODE.match(parts[0]) and parts[1].strip():
            rows.append((parts[0], parts[1].strip()))
    return rows


def station_table_path() -> Path:
    return data_paths().root / "regions" / TABLE_NAME


@lru_cache(maxsize=4)
def _table_for(path: str, mtime: float) -> RegionTable:
    return RegionTable(_read(Path(path)))


def table() -> RegionTable:
    """The station's table if one was imported, else the shipped one (cached per file)."""
    path = station_table_path()
    if not path.exists():
        path = resource_path("regions", TABLE_NAME)
    return _table_for(str(path), path.stat().st_mtime)


def region_name(code: str) -> str | None:
    """The full name of a 6/9/12-digit code's county (or prefecture, province), None if unknown."""
    region = table().get(code.strip())
    return region.full_name if region else None


def describe(code: str) -> str:
    """For paper and screens: "贵州省黔南布依族苗族自治州都匀市（522701）", or the code as it is."""
    value = code.strip()
    name = region_name(value) if _CODE.match(value[:6]) else None
    return f"{name}（{value}）" if name else value


def import_table(source: Path) -> int:
    """Install a newer GB/T 2260 table (code<TAB>name lines, or cn/GB2260's 4-column tsv) for this
    station; refuses a file without the provinces. Returns the number of rows."""
    return install_table_text(source.read_text(encoding="utf-8"))


def install_table_text(text: str) -> int:
    """The table's text (from a file, or a signed catalog package coming down by sync)."""
    from models.fsutil import atomic_write

    rows = []
    for line in text.splitlines():
        parts = line.strip().split("\t")
        if len(parts) == 4:  # Source, Revision, Code, Name
            parts = parts[2:]
        if len(parts) >= 2 and _CODE.match(parts[0]) and parts[1].strip():
            rows.append((parts[0], parts[1].strip()))
    provinces = {code for code, _name in rows if code.endswith("0000")}
    if len(rows) < 1000 or len(provinces) < 30:
        raise ValidationError("region.bad_table", rows=len(rows))
    data = "".join(f"{code}\t{name}\n" for code, name in rows).encode("utf-8")
    target = station_table_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, data)
    return len(rows)


@dataclass(frozen=True)
class AddressParts:
    """An address cut into the blanks of a form's 户籍所在地 line (003 表3: 省 市 县(区、市)
    街道(乡镇) 村(社区)); each part with its own suffix (贵州省, 黔南州, 都匀市, 演示镇, 演示村)."""

    province: str = ""
    prefecture: str = ""
    county: str = ""
    township: str = ""
    village: str = ""
    rest: str = ""


_FALLBACK = {  # names the table does not hold as typed (黔南州 for 黔南布依族苗族自治州)
    "province": re.compile(r"^.{1,6}?(?:省|自治区|特别行政区)"),
    "prefecture": re.compile(r"^.{1,8}?(?:自治州|地区|盟|州|市)"),
    "county": re.compile(r"^.{1,8}?(?:自治县|县|区|市|旗)"),
    "township": re.compile(r"^.{1,10}?(?:街道|镇|乡)"),
    "village": re.compile(r"^.{1,10}?(?:社区|村|居委会)"),
}
_LEVELS = {"province": "省", "prefecture": "市", "county": "县"}


def address_parts(text: str, code: str = "") -> AddressParts:
    """Cut a typed address into 省/市/县/乡镇/村 (the parts it names, in that order; what follows,
    such as a road and number, is ``rest``). Province, prefecture and county are the table's
    names where the text starts with one (else the usual suffixes: 黔南州); a 行政区划代码 (6, 9
    or 12 digits) known to the table names them instead of the text."""
    regions = table()
    parts: dict[str, str] = {}
    rest = "".join(text.split())
    for key in ("province", "prefecture", "county", "township", "village"):
        level = _LEVELS.get(key)
        names = (
            sorted({r.name for r in regions.by_code.values() if r.level == level and rest.startswith(r.name)}, key=len)
            if level
            else []
        )
        found = names[-1] if names else None
        if (
            found is None
            and key == "prefecture"
            and any(r.level == "县" and rest.startswith(r.name) for r in regions.by_code.values())
        ):
            continue  # 都匀市墨冲镇: a county-level city named without its prefecture
        if found is None:
            match = _FALLBACK[key].match(rest)
            found = match.group(0) if match else None
        if found is not None and (key != "prefecture" or parts.get("province") not in _MUNICIPALITIES):
            parts[key], rest = found, rest[len(found) :]
    region = regions.get(code.strip()[:6]) if code.strip().isdigit() else None
    if region is not None:
        parts["province"] = region.province
        parts["prefecture"] = region.prefecture if region.prefecture != region.province else ""
        parts["county"] = region.name if region.level == "县" else parts.get("county", "")
    return AddressParts(rest=rest, **parts)


_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
