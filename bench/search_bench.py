"""Case search latency over 1,000,000 cases: indexed search (models/case_search.py) vs a naive scan.

Builds a station database with ``n`` cases for ``n // 4`` people through the real migrations,
bulk-inserted with raw SQL (the ORM would take an hour for a million rows), then times each
kind of query a clerk types: a case number, an ID number, a name, an item code, part of an
item name. The baseline is the naive query a first version would write: ``LIKE '%q%'`` over
every case joined with its applicant.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from stdnum.cn import ric

from models.db import Database, connect_raw, register_key
from models.migrate import migrate

ITEMS = [
    ("002036001003", "城乡居民参保登记"),
    ("002036001006", "城乡居民参保信息变更登记"),
    ("002036003001", "出具《参保凭证》"),
    ("002036004002", "异地长期居住人员备案"),
    ("002036006002", "住院费用报销"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def build(db_path: Path, n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """Fill ``db_path`` with n cases; returns sample (case_no, id_number, name) triples."""
    # Encrypted like every station's database (SQLCipher): page decryption is part of the cost.
    register_key(db_path, os.urandom(32))
    migrate(db_path, db_path.parent / "backups")
    rng = random.Random(seed)
    con = connect_raw(db_path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")  # building the fixture only; the app never does this
    now = "2026-11-23 00:00:00.000000"
    con.execute(
        "INSERT INTO station (id, code, name, admdvs, level, created_at) "
        "VALUES (1, '522701001', '基准站', '522701100', '乡镇', ?)",
        (now,),
    )
    people = max(1, n // 4)
    born = dt.date(1940, 1, 1)
    persons = []
    for pid in range(1, people + 1):
        # Unique, well-formed ID numbers: 1000 people per birth date, check digit computed.
        body = f"522701{born + dt.timedelta(days=pid // 1000):%Y%m%d}{pid % 1000:03d}"
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        persons.append((pid, body + ric.calc_check_digit(body + "0"), name, now, now))
    con.executemany("INSERT INTO person (id, id_number, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)", persons)
    batch: list[tuple[object, ...]] = []
    first_day = dt.date(2020, 1, 1)
    for i in range(1, n + 1):
        day = first_day + dt.timedelta(days=i // 9999)
        case_no = f"522701-001-{day:%Y%m%d}-{i % 9999 + 1:04d}"
        code, item = ITEMS[i % len(ITEMS)]
        batch.append(
            (i, str(uuid.UUID(int=i)), case_no, 1, 1 + (i % people), code, item, "2024.01.1", "已受理", now, now)
        )
        if len(batch) == 50_000:
            _insert_cases(con, batch)
            batch.clear()
    if batch:
        _insert_cases(con, batch)
    con.commit()
    samples = [
        tuple(r)
        for r in con.execute(
            'SELECT c.case_no, p.id_number, p.name FROM "case" c JOIN person p ON p.id = c.person_id '
            "WHERE c.id % ? = 0 LIMIT 200",
            (max(1, n // 200),),
        )
    ]
    con.execute("ANALYZE")
    con.close()
    return samples  # type: ignore[return-value]


def _insert_cases(con: sqlite3.Connection, batch: list[tuple[object, ...]]) -> None:
    con.executemany(
        'INSERT INTO "case" (id, uuid, case_no, station_id, person_id, item_code, item_name, '
        "catalog_version, state, created_at, updated_at, revision, deficiency_accepted, by_agent) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0)",
        batch,
    )


def _pcts(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(n: int = 1_000_000, queries: int = 40) -> dict[str, dict[str, float]]:
    from models.case_search import search_cases

    with tempfile.TemporaryDirectory(prefix="tongban-search-bench-") as tmp:
        db_path = Path(tmp) / "tongban.sqlite3"
        t0 = time.perf_counter()
        samples = build(db_path, n)
        build_s = time.perf_counter() - t0
        db = Database(db_path)
        rng = random.Random(3)
        picks = [rng.choice(samples) for _ in range(queries)]
        kinds = {
            "case number": [p[0] for p in picks],
            "ID number": [p[1] for p in picks],
            "name": [p[2] for p in picks],
            "item code": [ITEMS[i % len(ITEMS)][0] for i in range(queries)],
            "part of item name": ["参保凭证", "备案", "报销", "变更登记"] * (queries // 4),
        }
        results: dict[str, dict[str, float]] = {"_build": {"seconds": build_s, "cases": n}}
        raw = connect_raw(db_path)
        for kind, texts in kinds.items():
            fast: list[float] = []
            slow: list[float] = []
            for text in texts:
                with db.read() as session:
                    t = time.perf_counter()
                    found = search_cases(session, text)
                    fast.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                naive = raw.execute(
                    'SELECT c.id FROM "case" c LEFT JOIN person p ON p.id = c.person_id '
                    "WHERE c.case_no LIKE ? OR p.id_number LIKE ? OR p.name LIKE ? OR c.item_code LIKE ? "
                    "OR c.item_name LIKE ? ORDER BY c.id DESC LIMIT 200",
                    (f"%{text}%",) * 5,
                ).fetchall()
                slow.append((time.perf_counter() - t) * 1000)
                assert found or not naive or kind == "part of item name"
            f50, f95 = _pcts(fast)
            s50, s95 = _pcts(slow)
            results[kind] = {"p50": f50, "p95": f95, "naive_p50": s50, "naive_p95": s95}
        raw.close()
        db.dispose()
    return results


def run(n: int = 1_000_000, queries: int = 40) -> str:
    r = measure(n, queries)
    build = r.pop("_build")
    lines = [
        "## Case search",
        "",
        f"{int(build['cases']):,} cases for {int(build['cases']) // 4:,} people in a SQLCipher-encrypted database "
        f"(built in {build['seconds']:.0f} s). "
        "Indexed search (`models/case_search.py`) against the naive `LIKE '%q%'` scan over every case and "
        f"applicant, {queries} queries of each kind, same run:",
        "",
        "| query | p50 ms | p95 ms | naive p50 ms | naive p95 ms | p50 speed-up |",
        "|---|---|---|---|---|---|",
    ]
    for kind, v in r.items():
        lines.append(
            f"| {kind} | {v['p50']:.2f} | {v['p95']:.2f} | {v['naive_p50']:.0f} | {v['naive_p95']:.0f} | "
            f"{v['naive_p50'] / max(v['p50'], 1e-6):.1f}× |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
