"""Case numbers that never collide across offline stations and read well on paper.

Shape: ``522701-007-20261123-0001`` = county 行政区划代码 (province 52, 统筹地区 5227,
county 522701) + station number within the county + acceptance date + daily serial. It
follows the seeds' "(省份)(统筹地区)(年份)(第XXXX号)" (003 表8 参保凭证, 凭证号) while adding the
station and day, which is what makes numbers unique without a network. The sync UUID is
separate (models/orm/case.py).
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.errors import ValidationError
from models.orm.station import CaseSequence, Station

CASE_NO = re.compile(r"^(?P<county>\d{6})-(?P<station>\d{3})-(?P<day>\d{8})-(?P<serial>\d{4})$")
MAX_SERIAL = 9999


def format_case_no(station_code: str, day: dt.date, serial: int) -> str:
    return f"{station_code[:6]}-{station_code[6:9]}-{day:%Y%m%d}-{serial:04d}"


def next_case_no(session: Session, station: Station, day: dt.date) -> str:
    """Reserve the next serial for ``station`` on ``day``, in the caller's write transaction."""
    seq = session.scalar(select(CaseSequence).where(CaseSequence.station_id == station.id, CaseSequence.day == day))
    if seq is None:
        seq = CaseSequence(station_id=station.id, day=day, last_serial=0)
        session.add(seq)
    if seq.last_serial >= MAX_SERIAL:
        raise ValidationError("case.daily_serial_exhausted", day=day.isoformat())
    seq.last_serial += 1
    session.flush()
    return format_case_no(station.code, day, seq.last_serial)


def parse_case_no(text: str) -> tuple[str, dt.date, int]:
    """(station code, day, serial) of a case number; accepts it with or without dashes."""
    raw = text.strip()
    if re.fullmatch(r"\d{21}", raw):
        raw = f"{raw[:6]}-{raw[6:9]}-{raw[9:17]}-{raw[17:]}"
    m = CASE_NO.match(raw)
    if not m:
        raise ValidationError("case.bad_number")
    try:
        day = dt.datetime.strptime(m["day"], "%Y%m%d").date()
    except ValueError as exc:
        raise ValidationError("case.bad_number") from exc
    return m["county"] + m["station"], day, int(m["serial"])
