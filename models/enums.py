"""Small enumerations shared across the core (values are the seeds' Chinese words)."""

from __future__ import annotations

import enum


class StationLevel(enum.StrEnum):
    """受理层级 of a service point. Values as the seeds write them (003 (六)受理层级)."""

    VILLAGE = "村"  # 村(社区)
    TOWNSHIP = "乡镇"  # 乡镇(街道)
    COUNTY = "县"  # 县(市、区)
    CITY = "市"
    PROVINCE = "省"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {
    StationLevel.VILLAGE: 0,
    StationLevel.TOWNSHIP: 1,
    StationLevel.COUNTY: 2,
    StationLevel.CITY: 3,
    StationLevel.PROVINCE: 4,
}


class ClerkRole(enum.StrEnum):
    """Roles at a station (issue 9 adds the permission checks)."""

    INTAKE = "受理员"
    REVIEWER = "审核员"
    PRINTER = "打印员"
    SYNC = "同步员"
    ADMIN = "管理员"
