"""Two uvicorn workers (``tongban hub serve --workers 2``) on one PostgreSQL and one shared data
directory: a photo whose chunks land on different workers is received whole and hash-verified.

The media store a county runs is the hub's data directory on one volume that every worker sees
(docs/deploy.md, "Several workers"): each chunk is appended to ``partial/`` under the database's
lock on the upload, whichever worker takes it, and the finished file moves into ``media/``.
Each chunk goes on a new connection, so the kernel hands it to either worker; the worker that
answered is read from the answer's ``inf_refmsgid`` (it carries the worker's process id).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from bench.hub_load_bench import base_jpeg, unique_jpeg
from hub.db import HubDb, HubMedia, HubUpload
from sync import protocol as p
from tests.pg_cluster import throwaway_postgres
from tests.sync_helpers import free_port, start_hub_process, wait_until_serving

CODE = "110101001"
CHUNK = 4 * 1024


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    try:
        with throwaway_postgres(durable=False) as (url, _data):
            yield url
    except RuntimeError as exc:
        pytest.skip(str(exc))


def _send(url: str, key: Ed25519PrivateKey, tx: p.Tx, payload: object, body: bytes | None = None) -> p.Answer:
    """One signed request on a connection of its own; the answer, its signature checked."""
    env = p.build_envelope(infno=tx.value, station_code=CODE, admdvs=CODE[:6], payload=payload,  # type: ignore[arg-type]
                           key=key, now=dt.datetime.now(dt.UTC))
    with httpx.Client(base_url=url, timeout=30) as http:
        if body is None:
            response = http.post(f"{p.API_PREFIX}/{tx.value}", content=env.model_dump_json(),
                                 headers={"Content-Type": "application/json"})
        else:
            sha = payload.sha256  # type: ignore[attr-defined]
            response = http.put(f"{p.API_PREFIX}/media/{sha}", content=body,
                                headers={p.ENVELOPE_HEADER: p.envelope_header(env),
                                         "Content-Type": "application/octet-stream"})
    assert p.answer_verifies(response.headers[p.HUB_KEY_HEADER], env.nonce, response.content,
                             response.headers[p.HUB_SIGNATURE_HEADER])
    answer = p.Answer.model_validate_json(response.content)
    assert answer.infcode == 0, answer.err_code
    return answer


def _worker(answer: p.Answer) -> str:
    return answer.inf_refmsgid[20:24]  # hub code (6), time (14), worker (4), serial (6): hub/app.py


def test_chunks_on_two_workers_make_one_verified_photo(pg_url: str, tmp_path: Path) -> None:
    data = tmp_path / "hub-shared"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_hub_process(data, port, tmp_path / "home", "--db-url", pg_url, "--auto-approve", "--workers", "2")
    try:
        wait_until_serving(url, proc)
        key = Ed25519PrivateKey.generate()
        enrol = p.EnrolInput(station_code=CODE, name="测试服务点", admdvs=CODE[:6], level="村",
                             public_key=p.public_key_b64(key.public_key()))
        assert _send(url, key, p.Tx.ENROL, enrol).output["status"] == "approved"
        base = base_jpeg(24)
        split: tuple[bytes, set[str]] | None = None
        for attempt in range(10):  # until one photo's chunks were answered by both workers
            photo = unique_jpeg(base, f"photo {attempt}".encode())
            sha = hashlib.sha256(photo).hexdigest()
            workers: set[str] = set()
            for offset in range(0, len(photo), CHUNK):
                chunk = photo[offset : offset + CHUNK]
                meta = p.MediaChunkInput(sha256=sha, size=len(photo), offset=offset, length=len(chunk),
                                         chunk_sha256=hashlib.sha256(chunk).hexdigest())
                answer = _send(url, key, p.Tx.MEDIA_CHUNK, meta, chunk)
                workers.add(_worker(answer))
                assert answer.output["offset"] == offset + len(chunk)
            assert answer.output["complete"] is True
            if len(workers) == 2:
                split = (photo, workers)
                break
        assert split is not None, "every photo's chunks went to one worker: is --workers 2 in effect?"
        photo, _ = split
        sha = hashlib.sha256(photo).hexdigest()
        status = _send(url, key, p.Tx.MEDIA_STATUS, p.MediaStatusInput(sha256=sha, size=len(photo)))
        assert status.output == {"sha256": sha, "offset": len(photo), "complete": True}
        stored = next((data / "media").rglob(sha))
        assert stored.read_bytes() == photo  # whole, in order, in the shared data directory
        assert not list((data / "partial").glob(f"{sha}*"))
        db = HubDb(pg_url)
        try:
            with db.read() as session:
                held = session.get(HubMedia, sha)
                assert held is not None and held.size == len(photo)
                assert session.scalar(select(HubUpload).where(HubUpload.sha256 == sha)) is None
        finally:
            db.dispose()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        assert os.path.exists(data)
