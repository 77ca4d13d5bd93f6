"""Station authentication at a real hub on loopback: enrolment, approval, forged, replayed and
stale requests, clock skew corrected from the hub's time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hub.server import BackgroundServer, build
from models.store import Store
from sync import protocol as p
from sync.client import HubClient, HubRefused
from sync.runner import enroll_station, http_client, make_engine, refresh_status

TOKEN = "t0ken-for-tests"


@pytest.fixture
def manual_hub(tmp_path: Path) -> Iterator[BackgroundServer]:
    _hub, app = build(tmp_path / "hub", auto_approve=False, token=TOKEN)
    with BackgroundServer(app) as server:
        yield server
    _hub.db.dispose()


def _post(url: str, env: p.Envelope) -> p.Answer:
    r = httpx.post(f"{url}{p.API_PREFIX}/{env.infno}", content=env.model_dump_json(),
                   headers={"Content-Type": "application/json"})
    return p.Answer.model_validate_json(r.content)


def _station_client(store: Store, url: str) -> HubClient:
    return make_engine(store, http_client(url)).client


def test_enrolment_waits_for_the_operator(demo_store: Store, manual_hub: BackgroundServer) -> None:
    status = enroll_station(demo_store, manual_hub.url)
    assert status.status == "pending"
    client = _station_client(demo_store, manual_hub.url)
    with pytest.raises(HubRefused) as err:
        client.call(p.Tx.RESULTS, p.CursorInput())
    assert err.value.code == "sync.not_approved"
    listed = httpx.get(f"{manual_hub.url}/admin/stations", headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert [s["status"] for s in listed] == ["pending"]
    assert httpx.get(f"{manual_hub.url}/admin/stations").status_code == 403  # no token, no admin
    r = httpx.post(f"{manual_hub.url}/admin/stations/{status.station_code}/approve",
                   headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200
    assert refresh_status(demo_store).status == "approved"
    assert p.ResultsOutput.model_validate(client.call(p.Tx.RESULTS, p.CursorInput())).results == []


def _approved(demo_store: Store, url: str) -> HubClient:
    status = enroll_station(demo_store, url)
    httpx.post(f"{url}/admin/stations/{status.station_code}/approve", headers={"Authorization": f"Bearer {TOKEN}"})
    return _station_client(demo_store, url)


def test_replayed_request_is_refused(demo_store: Store, manual_hub: BackgroundServer) -> None:
    client = _approved(demo_store, manual_hub.url)
    env = client.envelope(p.Tx.RESULTS, p.CursorInput())
    assert _post(manual_hub.url, env).infcode == 0
    again = _post(manual_hub.url, env)
    assert again.infcode == -1 and again.err_code == p.ERR_REPLAYED


def test_forged_requests_are_refused(demo_store: Store, manual_hub: BackgroundServer) -> None:
    client = _approved(demo_store, manual_hub.url)
    env = client.envelope(p.Tx.RESULTS, p.CursorInput(cursor=5))
    tampered = env.model_copy(update={"input": {"cursor": 0, "limit": 200}})
    answer = _post(manual_hub.url, tampered)
    assert answer.infcode == -1 and answer.err_code == p.ERR_BAD_SIGNATURE
    # Signed by another key in the station's name.
    stranger = p.build_envelope(infno=p.Tx.RESULTS, station_code=env.station_code, admdvs=env.admdvs,
                                payload=p.CursorInput(), key=Ed25519PrivateKey.generate(),
                                now=dt.datetime.now(dt.UTC))
    answer = _post(manual_hub.url, stranger)
    assert answer.infcode == -1 and answer.err_code == p.ERR_BAD_SIGNATURE
    # An unknown station.
    unknown = p.build_envelope(infno=p.Tx.RESULTS, station_code="110101999", admdvs="110101",
                               payload=p.CursorInput(), key=Ed25519PrivateKey.generate(),
                               now=dt.datetime.now(dt.UTC))
    assert _post(manual_hub.url, unknown).err_code == p.ERR_UNKNOWN_STATION
    # The right envelope on the wrong transaction's endpoint.
    wrong = client.envelope(p.Tx.HOLIDAYS, p.CursorInput())
    r = httpx.post(f"{manual_hub.url}{p.API_PREFIX}/{p.Tx.RESULTS.value}", content=wrong.model_dump_json(),
                   headers={"Content-Type": "application/json"})
    assert p.Answer.model_validate_json(r.content).err_code == p.ERR_BAD_ENVELOPE


def test_stale_request_is_refused_but_clock_skew_is_corrected(demo_store: Store,
                                                             manual_hub: BackgroundServer) -> None:
    client = _approved(demo_store, manual_hub.url)
    hours_behind = dt.datetime.now(dt.UTC) - dt.timedelta(hours=5)
    stale = p.build_envelope(infno=p.Tx.RESULTS, station_code=client.auth.station_code, admdvs=client.auth.admdvs,
                             payload=p.CursorInput(), key=client.auth.key, now=hours_behind)
    answer = _post(manual_hub.url, stale)
    assert answer.infcode == -1 and answer.err_code == p.ERR_STALE and answer.server_time > 0
    # A station whose clock is five hours slow still syncs: it learns the hub's time.
    client.now = lambda: dt.datetime.now(dt.UTC) - dt.timedelta(hours=5)
    client.clock_offset = 0.0
    out = client.call(p.Tx.RESULTS, p.CursorInput())
    assert out["results"] == [] and client.clock_offset > 4 * 3600


def test_media_chunk_must_match_its_signed_hash(demo_store: Store, manual_hub: BackgroundServer) -> None:
    import hashlib

    client = _approved(demo_store, manual_hub.url)
    body = b"x" * 1000
    sha = hashlib.sha256(body).hexdigest()
    meta = p.MediaChunkInput(sha256=sha, size=len(body), offset=0, length=len(body),
                             chunk_sha256=hashlib.sha256(body).hexdigest())
    env = client.envelope(p.Tx.MEDIA_CHUNK, meta)
    r = httpx.put(f"{manual_hub.url}{p.API_PREFIX}/media/{sha}", content=b"y" * 1000,
                  headers={p.ENVELOPE_HEADER: p.envelope_header(env)})
    answer = p.Answer.model_validate_json(r.content)
    assert answer.infcode == -1 and answer.err_code == p.ERR_BAD_ENVELOPE
    # A wrong offset is answered with the hub's own offset, and the right bytes complete the file.
    data = bytes(range(256)) * 8
    full = hashlib.sha256(data).hexdigest()

    def chunk(offset: int) -> tuple[p.MediaChunkInput, bytes]:
        part = data[offset:offset + 1024]
        return p.MediaChunkInput(sha256=full, size=len(data), offset=offset, length=len(part),
                                 chunk_sha256=hashlib.sha256(part).hexdigest()), part

    with pytest.raises(HubRefused) as err:
        client.put_chunk(*chunk(1024))
    assert err.value.hub_code == p.ERR_MEDIA_OFFSET and err.value.output["offset"] == 0
    assert client.put_chunk(*chunk(0)) == {"sha256": full, "offset": 1024, "complete": False}
    assert client.put_chunk(*chunk(1024))["complete"] is True
