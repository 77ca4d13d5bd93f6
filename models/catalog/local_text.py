"""Catalog text as a clerk or applicant reads it at one station (issue 15 item 6).

The seeds write placeholders for the place ("《XX城乡医疗救助申请表》", 001#1560: each county
prints its own form) and level lists in time limits ("即时办结(省、市、县、镇)", handled by
``ServiceItem.counter_limit``). This module puts the station's place into the text; the
catalog keeps the seed's words (and their citations) unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: "XX 市/州", "XX 地区", "XX": the seeds' placeholder for the place whose agency issues the form.
_PREFECTURE = re.compile(r"XX\s*(市/州|地区)")
_PLAIN = re.compile(r"XX\s*")


@lru_cache(maxsize=64)
def place_names(admdvs: str) -> tuple[str, str]:
    """(county, prefecture) names for a 行政区划代码 (GB/T 2260 via python-stdnum), '' when unknown."""
    from stdnum import numdb

    def name(code: str, level: str) -> str:
        merged: dict[str, str] = {}
        for _, props in numdb.get("cn/loc").info(code):
            merged.update(props)
        return merged.get(level, "")

    code = (admdvs or "")[:6]
    if len(code) < 6 or not code.isdigit():
        return "", ""
    county = name(code, "county")
    prefecture = name(code[:4] + "00", "county") or county
    return county, prefecture


def localise(text: str, admdvs: str) -> str:
    """``text`` with the seeds' XX placeholder replaced by the station's place names.

    Where the place is unknown the placeholder is dropped rather than shown ("城乡医疗救助申请表").
    """
    if "XX" not in text:
        return text
    county, prefecture = place_names(admdvs)
    text = _PREFECTURE.sub(lambda m: prefecture or "", text)
    return _PLAIN.sub(lambda m: county or "", text)
