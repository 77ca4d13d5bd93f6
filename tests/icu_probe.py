"""Print, as JSON, what Qt answers where it asks ICU, and which libicudata is loaded.

Run as a script (``python tests/icu_probe.py``) under different ``LD_LIBRARY_PATH`` values to
compare Qt with the wheel's ICU data against Qt with ``scripts/trim_icu.sh``'s trimmed data
(tests/test_trim_icu.py does). Qt's ICU callers, per libQt6Core's imports: QCollator (ucol_*),
QTimeZone names and IDs (ucal_*), QStringConverter for non-Unicode names (ucnv_*) and locale-aware
case mapping (u_strToUpper/Lower). Text boundaries and date formatting are Qt's own code; they
are printed too, to show that they do not change.
"""

from __future__ import annotations

import json
import sys
from functools import cmp_to_key
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCollator,
    QDate,
    QDateTime,
    QIODevice,
    QLocale,
    QStringConverter,
    QStringDecoder,
    QStringEncoder,
    Qt,
    QTextBoundaryFinder,
    QTime,
    QTimeZone,
    QXmlStreamReader,
)

NAMES = ["张伟", "李娜", "王芳", "赵磊", "欧阳娜娜", "阿依古丽", "吕布", "长孙无忌", "曾国藩", "单田芳",
         "Zhang Wei", "li na", "10号床", "2号床", "𠮷野家"]
TEXT = "参保人张三于2026年12月6日在县医保服务点办理了门诊慢特病待遇认定。Then he went home."
ZONES = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "America/New_York", "UTC", "Europe/Berlin"]
#: Qt's (ICU's) converter name -> Python's codec for the same bytes.
CODECS = {"GB18030": "gb18030", "GBK": "gbk", "gb2312": "gb2312", "windows-936": "gbk",
          "Big5": "big5", "Shift_JIS": "shift_jis", "ISO-8859-15": "iso8859_15"}


def loaded_icudata() -> list[str]:
    """Paths of the libicudata files mapped into this process."""
    with open("/proc/self/maps", encoding="utf-8") as maps:
        return sorted({line.split()[-1] for line in maps if "libicudata" in line})


def collation() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("zh_CN", "zh_TW", "en_US", "C"):
        collator = QCollator(QLocale(name))
        out[name] = sorted(NAMES, key=cmp_to_key(collator.compare))
        collator.setNumericMode(True)
        collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        out[f"{name} numeric, case-insensitive"] = sorted(NAMES, key=cmp_to_key(collator.compare))
        out[f"{name} compare"] = [collator.compare(a, b) for a, b in pairwise(NAMES)]
    out[f"system {QLocale.system().name()}"] = sorted(NAMES, key=cmp_to_key(QCollator().compare))
    zh = QCollator(QLocale("zh_CN"))
    out["zh_CN sort keys"] = [zh.sortKey(a).compare(zh.sortKey(b)) for a, b in pairwise(NAMES)]
    return out


def time_zones() -> dict[str, Any]:
    out: dict[str, Any] = {"system id": bytes(QTimeZone.systemTimeZoneId().data()).decode()}
    when = QDateTime(QDate(2026, 7, 1), QTime(12, 0), QTimeZone.utc())
    for zone_id in ZONES:
        zone = QTimeZone(zone_id.encode())
        row: dict[str, Any] = {"valid": zone.isValid(), "offset": zone.offsetFromUtc(when)}
        for locale in ("zh_CN", "en_US"):
            for ntype in (QTimeZone.NameType.LongName, QTimeZone.NameType.ShortName,
                          QTimeZone.NameType.OffsetName):
                for ttype in (QTimeZone.TimeType.StandardTime, QTimeZone.TimeType.GenericTime):
                    key = f"{locale} {ntype.name} {ttype.name}"
                    row[key] = zone.displayName(ttype, ntype, QLocale(locale))
            row[f"{locale} at"] = zone.displayName(when, QTimeZone.NameType.LongName, QLocale(locale))
        out[zone_id] = row
    system = QTimeZone.systemTimeZone()
    out["system zone"] = [system.displayName(when, QTimeZone.NameType.LongName),
                          system.displayName(when, QTimeZone.NameType.ShortName)]
    ids = QTimeZone.availableTimeZoneIds()
    out["available ids"] = len(ids)
    out["China ids"] = sorted(bytes(z.data()).decode() for z in
                              QTimeZone.availableTimeZoneIds(QLocale.Country.China))
    return out


def dates_and_case() -> dict[str, Any]:
    out: dict[str, Any] = {}
    day = QDate(2026, 12, 6)
    moment = QDateTime(day, QTime(9, 30), QTimeZone(b"Asia/Shanghai"))
    for name in ("zh_CN", "en_US"):
        locale = QLocale(name)
        out[name] = [
            locale.toString(day, QLocale.FormatType.LongFormat),
            locale.toString(day, QLocale.FormatType.ShortFormat),
            locale.toString(moment, QLocale.FormatType.LongFormat),
            locale.toString(moment, "yyyy年M月d日 dddd HH:mm t"),
            locale.dayName(7), locale.monthName(12), locale.toString(1234567.891, "f", 2),
            locale.toCurrencyString(1234.5), locale.nativeLanguageName(),
            locale.nativeTerritoryName(),
        ]
    for name in ("tr_TR", "lt_LT", "el_GR", "zh_CN", "en_US"):
        locale = QLocale(name)
        out[f"case {name}"] = [locale.toUpper("iıİstraße ǆ ά"), locale.toLower("IİΣΑΣ ǅ")]
    return out


def boundaries() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in (QTextBoundaryFinder.BoundaryType.Grapheme, QTextBoundaryFinder.BoundaryType.Word,
                 QTextBoundaryFinder.BoundaryType.Line, QTextBoundaryFinder.BoundaryType.Sentence):
        finder = QTextBoundaryFinder(kind, TEXT)
        marks = []
        while (pos := finder.toNextBoundary()) != -1:
            marks.append(pos)
        out[kind.name] = marks
    return out


def decode_xml(name: str, data: bytes) -> str | None:
    """Decode ``data`` the way Qt does for an XML file declaring ``encoding=name``."""
    buffer = QBuffer()
    buffer.setData(QByteArray(f'<?xml version="1.0" encoding="{name}"?><t>'.encode() + data + b"</t>"))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QXmlStreamReader(buffer)
    text = []
    while not reader.atEnd():
        reader.readNext()
        if reader.isCharacters():
            text.append(reader.text())
    return None if reader.hasError() else "".join(text)


def converters() -> dict[str, Any]:
    """QStringEncoder/Decoder(name) go to ICU for names Qt does not know itself. PySide6 does not
    bind their call operators: the bytes are decoded through QXmlStreamReader, which uses them."""
    sample = "张三 医保 𠮷 €"
    out: dict[str, Any] = {}
    for name, codec in CODECS.items():
        row: dict[str, Any] = {
            "valid": QStringEncoder(name).isValid() and QStringDecoder(name).isValid(),
            "name": QStringDecoder(name).name(),
        }
        data = sample.encode(codec, errors="replace")
        row["decoded"] = decode_xml(name, data)
        out[name] = row
    out["available"] = len(QStringConverter.availableCodecs())
    return out


def main() -> None:
    report = {
        "icudata": loaded_icudata(),
        "collation": collation(),
        "time zones": time_zones(),
        "dates and case": dates_and_case(),
        "boundaries": boundaries(),
        "converters": converters(),
    }
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
