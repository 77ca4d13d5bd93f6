"""The hub under load: many stations syncing at once against the real hub on PostgreSQL.

A throw-away PostgreSQL 15 cluster on loopback (fsync on, as a county would run it) and the real
hub (``tongban hub serve --workers N``: uvicorn worker processes sharing one data directory for
media and one database). ``stations`` simulated stations each get their own Ed25519 key and
enrol with a signed 9001, as ``tongban station enroll`` does; then all of them sync at once, each
on its own connection through the station's real ``HubClient`` (sync/client.py: signed envelopes,
the hub's answer signature checked): a 9002 status, one 3202 PUT per photo (JPEGs of about
``photo_kb``, one chunk each as the engine sends photos under its 256 KiB chunk size), then one
3101 batch with the station's cases (the engine sends media first: the hub refuses a case whose
photos it does not hold). Each case is a real CaseRecord of 城乡居民参保登记 (two required
materials, a valid ID number the hub checks, three events).

Measured for 1 and 2 workers: cases/s and photos/s over the sync phase, hub CPU seconds per case
(every hub process, from /proc), p95 request time, PostgreSQL's CPU and WAL bytes; beside the
bare PostgreSQL insert rate (one committed INSERT of a case-sized row per transaction, as many
connections as the hub uses) and the disk's write rate (photo-sized files written and fsynced,
as the hub writes media), both measured in the same run on the same disk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import io
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
ITEM = "002036001003"  # 城乡居民参保登记
PHOTOS_PER_CASE = 3
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --- /proc ------------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += _children(p)
    return pids


def cpu_seconds(pid: int) -> float:
    """User + system CPU of ``pid`` and every live descendant (uvicorn workers, postgres backends);
    exited children's time counts through the parent's cutime/cstime."""
    total = 0.0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
        total += (utime + stime + cutime + cstime) / CLK_TCK
    return total


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (every process, other users' included)."""
    values = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / CLK_TCK


def own_cpu() -> float:
    t = os.times()
    return t.user + t.system


# --- synthetic but real-shaped inputs -----------------------------------------------------------


def id_number(n: int) -> str:
    """A valid 18-digit resident ID number (GB 11643 check digit) for test person ``n``."""
    body = f"110101{1970 + n % 30}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def base_jpeg(photo_kb: int) -> bytes:
    """A greyscale JPEG of roughly ``photo_kb`` (noise on a gradient, like a photographed page)."""
    from PIL import Image, ImageChops

    size = (640, 480)
    noise = Image.effect_noise(size, 40)
    gradient = Image.linear_gradient("L").resize(size)
    img = ImageChops.add(noise, gradient, scale=2.0)
    best = b""
    for quality in (30, 45, 60, 75, 85, 92):
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality)
        best = buf.getvalue()
        if len(best) >= photo_kb * 1024:
            break
    return best


def unique_jpeg(base: bytes, tag: bytes) -> bytes:
    """``base`` with a comment segment after SOI: still a valid JPEG, its own sha256."""
    segment = b"\xff\xfe" + (len(tag) + 2).to_bytes(2, "big") + tag
    return base[:2] + segment + base[2:]


@dataclass
class SimStation:
    code: str
    key: Any
    photos: list[bytes]
    cases: list[Any]
    latencies: dict[str, list[float]] = field(default_factory=dict)
    error: str | None = None


def make_stations(n: int, cases_per_station: int, photo_kb: int) -> list[SimStation]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from models.catalog import load_catalog
    from sync import protocol as p

    catalog = load_catalog()
    item = catalog.get(ITEM)
    required = [m for m in item.materials if m.required and m.condition is None]
    base = base_jpeg(photo_kb)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    stations = []
    for s in range(n):
        code = f"360102{s:03d}"
        photos, cases = [], []
        for c in range(cases_per_station):
            mine = [
                unique_jpeg(base, f"{code}/{c}/{k}/{secrets.token_hex(4)}".encode()) for k in range(PHOTOS_PER_CASE)
            ]
            photos += mine
            refs = [
                p.MediaRef(sha256=hashlib.sha256(b).hexdigest(), size=len(b), mime="image/jpeg", page_no=k + 1)
                for k, b in enumerate(mine)
            ]
            materials = [
                p.MaterialRecord(key=m.key, name=m.name, status="received", files=refs[:2] if i == 0 else refs[2:])
                for i, m in enumerate(required)
            ]
            events = [
                p.EventRecord(seq=1, action="create", from_state=None, to_state="草稿", actor="clerk", at=now),
                p.EventRecord(seq=2, action="receive", from_state="草稿", to_state="草稿", actor="clerk", at=now),
                p.EventRecord(seq=3, action="accept", from_state="草稿", to_state="已受理", actor="clerk", at=now),
            ]
            cases.append(
                p.CaseRecord(
                    uuid=secrets.token_hex(16),
                    revision=1,
                    case_no=f"{code}-{now:%Y%m%d}-{c + 1:04d}",
                    item_code=ITEM,
                    item_name=item.name,
                    catalog_version=str(catalog.version),
                    state="已受理",
                    created_at=now,
                    updated_at=now,
                    accepted_at=now,
                    promised_date=now.date() + dt.timedelta(days=5),
                    person=p.PersonRecord(id_number=id_number(s * 10 + c), name="测试人员", gender="1"),
                    fields={"phone": "13800000000", "address": "测试地址"},
                    materials=materials,
                    events=events,
                )
            )
        stations.append(SimStation(code, Ed25519PrivateKey.generate(), photos, cases))
    return stations


# --- the hub and the stations -----------------------------------------------------------------


def start_hub(data: Path, db_url: str, workers: int, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TONGBAN_HOME": str(data.parent / "home")}
    command = [
        sys.executable,
        "-m",
        "desktop.cli.main",
        "hub",
        "serve",
        "--port",
        str(port),
        "--data",
        str(data),
        "--db-url",
        db_url,
        "--auto-approve",
        "--workers",
        str(workers),
    ]
    return subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def client_for(station: SimStation, url: str) -> Any:
    import httpx

    from sync.client import HubClient, StationAuth

    auth = StationAuth(station.code, station.code[:6], station.key)
    return HubClient(httpx.Client(base_url=url, timeout=120), auth, retries=0)


def enrol(station: SimStation, url: str) -> None:
    from sync import protocol as p

    client = client_for(station, url)
    try:
        data = p.EnrolInput(
            station_code=station.code,
            name=f"测试服务点{station.code[-3:]}",
            admdvs=station.code[:6],
            level="村",
            public_key=p.public_key_b64(station.key.public_key()),
        )
        out = p.StationStatusOutput.model_validate(client.call(p.Tx.ENROL, data))
        assert out.status == "approved", out.status
    finally:
        client.http.close()


def sync_one(station: SimStation, url: str, start: threading.Barrier) -> None:
    """What the engine sends for a station's queue: 9002, each photo as one 3202, one 3101."""
    from sync import protocol as p

    client = client_for(station, url)

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        out = fn()
        station.latencies.setdefault(name, []).append(time.perf_counter() - t)
        return out

    try:
        start.wait()
        timed("9002", lambda: client.call(p.Tx.STATION_STATUS, p.StatusInput()))
        for photo in station.photos:
            sha = hashlib.sha256(photo).hexdigest()
            meta = p.MediaChunkInput(sha256=sha, size=len(photo), offset=0, length=len(photo), chunk_sha256=sha)
            answer = timed("3202", functools.partial(client.put_chunk, meta, photo))
            out = p.MediaStatusOutput.model_validate(answer)
            assert out.complete, "photo not complete after its only chunk"
        batch = p.CaseBatchInput(batch_id=secrets.token_hex(8), cases=station.cases)
        acks = p.CaseBatchOutput.model_validate(timed("3101", lambda: client.call(p.Tx.CASE_BATCH, batch))).acks
        bad = [a for a in acks if a.result != "accepted"]
        assert not bad, f"case refused: {bad[0].reason_code}"
    except Exception as exc:  # counted and reported, the others go on
        station.error = f"{type(exc).__name__}: {exc}"
    finally:
        client.http.close()


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=20)[18]


def measure_hub(workers: int, stations: list[SimStation], base_url: str, pg_pid: int, tmp: Path) -> dict[str, Any]:
    import httpx
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from hub.db import HubDb, normalise_url
    from tests.sync_helpers import free_port, wait_until_serving

    name = f"hub_w{workers}"
    admin = create_engine(normalise_url(base_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db_url = make_url(normalise_url(base_url)).set(database=name).render_as_string(hide_password=False)
    data = tmp / f"hub-{workers}"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_hub(data, db_url, workers, port)
    try:
        wait_until_serving(url, proc)
        time.sleep(2)  # let every worker finish starting before the clock runs (not a result)
        for s in stations:
            s.latencies, s.error = {}, None
        with ThreadPoolExecutor(max_workers=32) as pool:
            list(pool.map(lambda s: enrol(s, url), stations))
        with admin.connect() as conn:
            wal0 = conn.execute(text("SELECT pg_current_wal_lsn()")).scalar()
        gate = threading.Barrier(len(stations) + 1)
        threads = [threading.Thread(target=sync_one, args=(s, url, gate), daemon=True) for s in stations]
        for t in threads:
            t.start()
        hub0, pg0, me0, all0 = cpu_seconds(proc.pid), cpu_seconds(pg_pid), own_cpu(), machine_busy()
        gate.wait()
        t0 = time.perf_counter()
        for t in threads:
            t.join(600)
        elapsed = time.perf_counter() - t0
        hub_cpu, pg_cpu, me_cpu = cpu_seconds(proc.pid) - hub0, cpu_seconds(pg_pid) - pg0, own_cpu() - me0
        all_cpu = machine_busy() - all0
        with admin.connect() as conn:
            wal = int(conn.execute(text("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), :a)"), {"a": wal0}).scalar_one())
        hub_db = HubDb(db_url)
        held = {"cases": 0, "media": 0}
        try:
            with hub_db.read() as session:
                held["cases"] = int(session.execute(text("SELECT count(*) FROM hub_case")).scalar_one())
                held["media"] = int(session.execute(text("SELECT count(*) FROM hub_media")).scalar_one())
        finally:
            hub_db.dispose()
        media_files = [f for f in (data / "media").rglob("*") if f.is_file()]
        verified = all(hashlib.sha256(f.read_bytes()).hexdigest() == f.name for f in media_files)
        httpx.get(f"{url}/openapi.json", timeout=5)  # still serving after the load
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        admin.dispose()
    n_cases = sum(len(s.cases) for s in stations)
    n_photos = sum(len(s.photos) for s in stations)
    errors = [s.error for s in stations if s.error]
    all_lat = [x for s in stations for v in s.latencies.values() for x in v]
    by_tx = {tx: [x for s in stations for x in s.latencies.get(tx, [])] for tx in ("9002", "3202", "3101")}
    photo_bytes = sum(len(b) for s in stations for b in s.photos)
    return {
        "workers": workers,
        "elapsed": elapsed,
        "cases": n_cases,
        "photos": n_photos,
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
        "cases_s": (n_cases - sum(len(s.cases) for s in stations if s.error)) / elapsed,
        "photos_s": held["media"] / elapsed,
        "mb_s": photo_bytes / elapsed / 1e6,
        "hub_cpu_ms_case": 1000 * hub_cpu / n_cases,
        "hub_cores": hub_cpu / elapsed,
        "pg_cores": pg_cpu / elapsed,
        "load_cores": me_cpu / elapsed,
        "machine_cores": all_cpu / elapsed,
        "pg_cpu_ms_case": 1000 * pg_cpu / n_cases,
        "wal_kb_case": wal / n_cases / 1000,
        "p95": p95(all_lat),
        "p50": statistics.median(all_lat) if all_lat else 0.0,
        "p95_tx": {tx: p95(v) for tx, v in by_tx.items()},
        "complete": held["cases"] == n_cases
        and held["media"] == n_photos
        and len(media_files) == n_photos
        and verified
        and not errors,
    }


# --- baselines: bare PostgreSQL and the disk ---------------------------------------------------


def pg_insert_rate(base_url: str, row_bytes: int, connections: int, seconds: float) -> float:
    """Committed single-row INSERTs per second (a row of ``row_bytes`` text), ``connections`` at once."""
    import psycopg

    dsn = base_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bare_insert")
        conn.execute("CREATE TABLE bare_insert (id bigserial primary key, uuid text unique, payload text)")
    payload = "x" * row_bytes
    counts = [0] * connections
    stop = time.perf_counter() + seconds

    def work(i: int) -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            while time.perf_counter() < stop:
                conn.execute(
                    "INSERT INTO bare_insert (uuid, payload) VALUES (%s, %s)", (secrets.token_hex(16), payload)
                )
                counts[i] += 1

    t = time.perf_counter()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(connections)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return sum(counts) / (time.perf_counter() - t)


def disk_write_rate(directory: Path, file_bytes: int, files: int) -> tuple[float, float]:
    """(files/s, MB/s) writing ``files`` files of ``file_bytes``, each fsynced before the next,
    in ``directory`` (the disk the hub's media and PostgreSQL live on)."""
    blob = os.urandom(file_bytes)
    target = directory / "disk-rate"
    target.mkdir()
    t = time.perf_counter()
    for i in range(files):
        fd = os.open(target / f"f{i}", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            os.write(fd, blob)
            os.fsync(fd)
        finally:
            os.close(fd)
    elapsed = time.perf_counter() - t
    for f in target.iterdir():
        f.unlink()
    target.rmdir()
    return files / elapsed, files * file_bytes / elapsed / 1e6


# --- the section ------------------------------------------------------------------------------


def measure(
    stations: int = 500, cases: int = 2, photo_kb: int = 60, worker_counts: tuple[int, ...] = (1, 2)
) -> dict[str, Any]:
    from tests.pg_cluster import throwaway_postgres

    sims = make_stations(stations, cases, photo_kb)
    row_bytes = len(sims[0].cases[0].model_dump_json())
    with tempfile.TemporaryDirectory(prefix="tongban-hubload-") as tmp_name, throwaway_postgres() as (url, pgdata):
        tmp = Path(tmp_name)
        pg_pid = int((pgdata / "postmaster.pid").read_text().split()[0])
        inserts_s = pg_insert_rate(url, row_bytes, connections=16, seconds=5.0)
        files_s, disk_mb_s = disk_write_rate(tmp, len(sims[0].photos[0]), 300)
        runs = [measure_hub(w, sims, url, pg_pid, tmp) for w in worker_counts]
    return {
        "stations": stations,
        "cases_per_station": cases,
        "photo_kb": len(sims[0].photos[0]) / 1024,
        "row_kb": row_bytes / 1024,
        "inserts_s": inserts_s,
        "files_s": files_s,
        "disk_mb_s": disk_mb_s,
        "runs": runs,
        "cores": os.cpu_count() or 1,
    }


def bottleneck(m: dict[str, Any], r: dict[str, Any]) -> str:
    busy = r["hub_cores"] + r["pg_cores"] + r["load_cores"]
    # Transactions the hub commits per case: one nonce row per request (1 + photos + 1 per
    # station, spread over its cases), media rows and upload rows per photo, the case row.
    photo_ceiling = m["files_s"]
    insert_ceiling = m["inserts_s"] / (PHOTOS_PER_CASE * 2 + 2)
    parts = [
        f"{busy:.2f} of {m['cores']} cores busy with this run (hub {r['hub_cores']:.2f}, PostgreSQL "
        f"{r['pg_cores']:.2f}, the simulated stations {r['load_cores']:.2f}) and {r['machine_cores']:.2f} with "
        "everything on the machine (other users' work included)",
        f"bare PostgreSQL would allow about {insert_ceiling:,.0f} cases/s at ~8 commits per case "
        f"({r['cases_s'] / insert_ceiling:.0%} used)",
        f"the disk about {photo_ceiling / PHOTOS_PER_CASE:,.0f} cases/s at one fsynced file per photo "
        f"({r['cases_s'] * PHOTOS_PER_CASE / photo_ceiling:.0%} used)",
    ]
    return "; ".join(parts)


def run(stations: int = 500, cases: int = 2, photo_kb: int = 60) -> str:
    m = measure(stations=stations, cases=cases, photo_kb=photo_kb)
    runs = m["runs"]
    cols = " | ".join(f"{r['workers']} worker{'s' if r['workers'] > 1 else ''}" for r in runs)

    def row(label: str, fmt: Callable[[dict[str, Any]], str]) -> str:
        return f"| {label} | " + " | ".join(fmt(r) for r in runs) + " |"

    one, last = runs[0], runs[-1]
    hub_bound = last["hub_cores"] >= max(last["pg_cores"], last["load_cores"])
    lines = [
        "## Hub under load",
        "",
        f"{m['stations']} simulated stations, each with its own Ed25519 key, enrolled with a signed 9001 and then "
        f"syncing all at once (one connection each, the station's real `HubClient`: 9002, one 3202 per photo, one "
        f"3101 batch) {m['cases_per_station']} accepted case(s) of 城乡居民参保登记 with {PHOTOS_PER_CASE} JPEG "
        f"photos of {m['photo_kb']:.0f} KB each (case record {m['row_kb']:.1f} KB of JSON), against the real hub "
        "(`tongban hub serve --workers N`, media in the shared data directory) on a throw-away PostgreSQL 15 "
        "cluster with fsync on, all on loopback on this machine "
        f"({m['cores']} cores shared by the hub, PostgreSQL and the {m['stations']} simulated stations; "
        "run under `nice`). Baselines measured in the same run, on the same disk: "
        f"bare PostgreSQL **{m['inserts_s']:,.0f} committed single-row inserts/s** (16 connections, a case-sized "
        f"row), the disk **{m['files_s']:,.0f} photo-sized files/s written and fsynced "
        f"({m['disk_mb_s']:.1f} MB/s)**.",
        "",
        f"| | {cols} |",
        "|---|" + "---:|" * len(runs),
        row("cases/s", lambda r: f"{r['cases_s']:.1f}"),
        row("photos/s", lambda r: f"{r['photos_s']:.1f}"),
        row("photo MB/s into the hub", lambda r: f"{r['mb_s']:.1f}"),
        row("sync phase, first request to last answer (s)", lambda r: f"{r['elapsed']:.1f}"),
        row("hub CPU per case (all hub processes, ms)", lambda r: f"{r['hub_cpu_ms_case']:.0f}"),
        row("PostgreSQL CPU per case (ms)", lambda r: f"{r['pg_cpu_ms_case']:.0f}"),
        row("WAL written per case (KB)", lambda r: f"{r['wal_kb_case']:.0f}"),
        row(
            "cores busy: hub / PostgreSQL / simulated stations",
            lambda r: f"{r['hub_cores']:.2f} / {r['pg_cores']:.2f} / {r['load_cores']:.2f}",
        ),
        row("request time p50 / p95, all requests (s)", lambda r: f"{r['p50']:.2f} / {r['p95']:.2f}"),
        row(
            "p95 by request: 9002 / 3202 photo / 3101 batch (s)",
            lambda r: " / ".join(f"{r['p95_tx'][t]:.2f}" for t in ("9002", "3202", "3101")),
        ),
        row("stations that failed", lambda r: f"{r['errors']}"),
        row("every case and photo held once, files hash-verified", lambda r: "yes" if r["complete"] else "NO"),
        "",
        f"Where the bottleneck is (2 workers): {bottleneck(m, last)}. "
        + (
            "The hub's Python work (signature checks, JSON validation, one committed transaction per request "
            "for the nonce, the upload and media rows) is the largest share of the CPU: the hub is CPU-bound, "
            "far below what PostgreSQL and the disk take on their own. "
            if hub_bound
            else "The hub is not the largest CPU share here. "
        )
        + f"A second worker changes cases/s by {last['cases_s'] / one['cases_s']:.2f}× on this machine: "
        + (
            "the machine's cores were already busy (this run and other users'), so a second process mostly "
            "splits the same CPU; on a server with free cores each worker adds up to one core of its own."
            if last["cases_s"] / one["cases_s"] < 1.3
            else "the second worker uses the core the first one left idle."
        ),
    ]
    if one["first_error"] or last["first_error"]:
        lines += ["", f"First failure seen: `{(one['first_error'] or last['first_error'])[:200]}`"]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
