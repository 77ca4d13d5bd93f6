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


def _enrol_envelope(env_of: p.Envelope, key: Ed25519PrivateKey, signature: str | None = None) -> p.Envelope:
    """A 9001 for the station of ``env_of`` with ``key``, signed by ``key`` (proof of possession)."""
    data = p.EnrolInput(station_code=env_of.station_code, name="假冒服务点", admdvs=env_of.admdvs, level="乡镇",
                        public_key=p.public_key_b64(key.public_key()), previous_key_signature=signature)
    return p.build_envelope(infno=p.Tx.ENROL, station_code=env_of.station_code, admdvs=env_of.admdvs,
                            payload=data, key=key, now=dt.datetime.now(dt.UTC))


def test_a_new_key_cannot_take_over_an_approved_station(demo_store: Store, tmp_path: Path) -> None:
    """Issue 17 item 4: a 9001 for a known approved station with a new key (signed by that new key
    only) replaced its key and set it pending, locking the real station out, even on a hub that
    auto-approves. Now it needs the current key's signature, or the operator."""
    import base64

    from sync.identity import identity, private_key

    _hub, app = build(tmp_path / "hub", auto_approve=True, token=TOKEN)
    with BackgroundServer(app) as server:
        client = _approved(demo_store, server.url)
        env = client.envelope(p.Tx.RESULTS, p.CursorInput())
        attacker = Ed25519PrivateKey.generate()
        answer = _post(server.url, _enrol_envelope(env, attacker))
        assert answer.infcode == -1 and answer.err_code == p.ERR_KEY_CHANGE
        # A signature by some other key over the same message is no better.
        forged = base64.b64encode(attacker.sign(p.rekey_message(env.station_code, p.public_key_b64(
            attacker.public_key())))).decode()
        assert _post(server.url, _enrol_envelope(env, attacker, forged)).err_code == p.ERR_KEY_CHANGE
        # The real station goes on as before.
        assert p.ResultsOutput.model_validate(client.call(p.Tx.RESULTS, p.CursorInput())).results == []
        assert refresh_status(demo_store).status == "approved"
        listed = httpx.get(f"{server.url}/admin/stations", headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert [s["name"] for s in listed] != ["假冒服务点"] and listed[0]["status"] == "approved"
        # The station's own current key may hand over to a new one: approved stays approved.
        with demo_store.db.read() as session:
            current = private_key(session, identity(session))  # type: ignore[arg-type]
        successor = Ed25519PrivateKey.generate()
        endorsed = base64.b64encode(current.sign(p.rekey_message(env.station_code, p.public_key_b64(
            successor.public_key())))).decode()
        assert _post(server.url, _enrol_envelope(env, successor, endorsed)).infcode == 0
        moved = p.build_envelope(infno=p.Tx.RESULTS, station_code=env.station_code, admdvs=env.admdvs,
                                 payload=p.CursorInput(), key=successor, now=dt.datetime.now(dt.UTC))
        assert _post(server.url, moved).infcode == 0
        # A station that lost its key: the operator releases it, then a new key enrols (pending
        # on a manual hub; here the hub auto-approves).
        r = httpx.post(f"{server.url}/admin/stations/{env.station_code}/reset-key",
                       headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200
        assert _post(server.url, _enrol_envelope(env, attacker)).infcode == 0
    _hub.db.dispose()
