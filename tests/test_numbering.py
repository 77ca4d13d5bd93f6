from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from models.enums import StationLevel
from models.errors import ValidationError
from models.numbering import next_case_no, parse_case_no
from models.orm import CaseSequence, Station
from models.station_setup import StationSpec, create_station
from models.store import Store

SPEC = StationSpec("测试镇医保服务站", "522701100", StationLevel.TOWNSHIP, "007")


def _station(store: Store) -> Station:
    with store.db.write() as session:
        return create_station(session, SPEC)


def test_numbers_are_sequential_per_day_and_parse_back(store: Store) -> None:
    station = _station(store)
    day = dt.date(2026, 11, 23)
    with store.db.write() as session:
        st = session.get(Station, station.id)
        assert st is not None
        first = next_case_no(session, st, day)
        second = next_case_no(session, st, day)
        next_day = next_case_no(session, st, day + dt.timedelta(days=1))
    assert first == "522701-007-20261123-0001"
    assert second == "522701-007-20261123-0002"
    assert next_day == "522701-007-20261124-0001"
    assert parse_case_no(second) == ("522701007", day, 2)
    assert parse_case_no("522701007202611230002") == ("522701007", day, 2)
    for bad in ("522701-007-20261323-0001", "52-007", ""):
        with pytest.raises(ValidationError):
            parse_case_no(bad)


def test_two_offline_stations_never_collide() -> None:
    from models.numbering import format_case_no

    day = dt.date(2026, 11, 23)
    a = {format_case_no("522701007", day, n) for n in range(1, 100)}
    b = {format_case_no("522701008", day, n) for n in range(1, 100)}
    c = {format_case_no("522702007", day, n) for n in range(1, 100)}  # same station number, other county
    assert not (a & b) and not (a & c) and not (b & c)


_WORKER = """
import datetime as dt, sys
from models.store import open_store
from models.numbering import next_case_no
from models.station_setup import current_station
st = open_store()
out = []
for _ in range(40):
    with st.db.write() as s:
        out.append(next_case_no(s, current_station(s), dt.date(2026, 11, 23)))
print("\\n".join(out))
"""


def test_concurrent_processes_get_unique_numbers(store: Store, tongban_home: Path) -> None:
    _station(store)
    procs = [subprocess.Popen([sys.executable, "-c", _WORKER], stdout=subprocess.PIPE, text=True) for _ in range(3)]
    numbers: list[str] = []
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0
        numbers += out.split()
    assert len(numbers) == 120
    assert len(set(numbers)) == 120
    with store.db.read() as session:
        seq = session.scalar(select(CaseSequence))
        assert seq is not None and seq.last_serial == 120
