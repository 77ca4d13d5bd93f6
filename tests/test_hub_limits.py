"""Issue 17 items 7, 8 and 10 at a real hub on loopback (uvicorn): bodies bounded before they are
read, unknown stations refused from the media header before the body, media chunks streamed,
out-of-range numbers refused as input (never a 500), and a station that stops reading a hostile
hub's answer at its limit. Bombs are scaled down with the limits (monkeypatched) so the suite
stays small; the code paths are the ones the real limits take."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from models import clock
from models.errors import UserFacingError
from models.store import Store
from sync import protocol as p
from sync.client import HubClient
from sync.runner import enroll_station, http_client, make_engine
from tests.sync_helpers import LoopbackHub, loopback_hub


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[LoopbackHub]:
    with loopback_hub(tmp_path / "hub") as running:
        yield running


def _client(store: Store, hub: LoopbackHub) -> HubClient:
    enroll_station(store, hub.url)  # auto-approved
    return make_engine(store, http_client(hub.url)).client


def _raw(port: int, head: str, body: bytes = b"") -> tuple[int, bytes]:
    """One HTTP/1.1 request over a socket: the headers (and maybe part of a body) are sent, then
    the answer is read. A hub that waited for the declared body would never answer (timeout)."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(head.encode("latin-1") + b"\r\n" + body)
        data = b""
        while b"\r\n\r\n" not in data:
            piece = sock.recv(65536)
            if not piece:
                break
            data += piece
        header, _, rest = data.partition(b"\r\n\r\n")
        length = next(
            (int(line.split(b":")[1]) for line in header.split(b"\r\n") if line.lower().startswith(b"content-length")),
            0,
        )
        while len(rest) < length:
            piece = sock.recv(65536)
            if not piece:
                break
            rest += piece
    status = int(header.split(b" ")[1])
    return status, rest


def test_declared_oversize_body_is_refused_before_it_is_read(hub: LoopbackHub) -> None:
    declared = p.MAX_REQUEST_BYTES + 1
    head = (
        f"POST {p.API_PREFIX}/{p.Tx.CASE_BATCH.value} HTTP/1.1\r\nHost: x\r\n"
        f"Content-Type: application/json\r\nContent-Length: {declared}\r\n"
    )
    status, body = _raw(hub.port, head, b'{"infno":')  # nine bytes of a 16 MiB promise
    assert status == 413
    answer = json.loads(body)
    assert answer["infcode"] == -1 and answer["err_code"] == p.ERR_TOO_LARGE


def test_chunked_body_is_cut_off_at_the_limit(hub: LoopbackHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(p, "MAX_REQUEST_BYTES", 64 << 10)  # the bomb scaled to a 64 KiB limit
    sent = 0

    def bomb() -> Iterator[bytes]:
        nonlocal sent
        for _ in range(64):  # up to 4 MiB, with no Content-Length
            sent += 64 << 10
            yield b" " * (64 << 10)

    try:
        r = httpx.post(f"{hub.url}{p.API_PREFIX}/{p.Tx.RESULTS.value}", content=bomb(), timeout=20)
    except httpx.TransportError:
        pass  # the hub answered and closed while we were still sending: also a refusal
    else:
        assert r.status_code == 413 and r.json()["err_code"] == p.ERR_TOO_LARGE
    assert sent < 4 << 20  # the hub stopped taking the body long before its end


def test_unknown_station_is_refused_from_the_media_header_before_the_body(
    demo_store: Store, hub: LoopbackHub
) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    sha = "ab" * 32
    data = p.MediaChunkInput(sha256=sha, size=1 << 20, offset=0, length=1 << 20, chunk_sha256="cd" * 32)
    env = p.build_envelope(infno=p.Tx.MEDIA_CHUNK.value, station_code="522701999", admdvs="522701",
                           payload=data, key=Ed25519PrivateKey.generate(), now=clock.now())
    head = (
        f"PUT {p.API_PREFIX}/media/{sha} HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
        f"{p.ENVELOPE_HEADER}: {p.envelope_header(env)}\r\nContent-Length: {1 << 20}\r\n"
    )
    status, body = _raw(hub.port, head)  # not one byte of the promised MiB is sent
    assert status == 200
    assert json.loads(body)["err_code"] == p.ERR_UNKNOWN_STATION


def test_unknown_station_is_refused_from_the_transaction_headers_before_the_body(hub: LoopbackHub) -> None:
    nonce = "n0nce-" + "a" * 20
    head = (
        f"POST {p.API_PREFIX}/{p.Tx.CASE_BATCH.value} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"{p.STATION_HEADER}: 522701999\r\n{p.NONCE_HEADER}: {nonce}\r\nContent-Length: {1 << 20}\r\n"
    )
    status, body = _raw(hub.port, head)  # not one byte of the promised MiB is sent
    assert status == 200
    assert json.loads(body)["err_code"] == p.ERR_UNKNOWN_STATION
    # signed over the header's nonce, so the station can tell the hub's refusal from a forgery
    r = httpx.post(f"{hub.url}{p.API_PREFIX}/{p.Tx.RESULTS.value}", content=b"{}",
                   headers={p.STATION_HEADER: "522701999", p.NONCE_HEADER: nonce})
    assert r.json()["err_code"] == p.ERR_UNKNOWN_STATION
    assert p.answer_verifies(r.headers[p.HUB_KEY_HEADER], nonce, r.content, r.headers[p.HUB_SIGNATURE_HEADER])


def test_enrolment_passes_the_header_gate(demo_store: Store, hub: LoopbackHub) -> None:
    client = _client(demo_store, hub)  # enroll_station sends 9001 with the headers, unknown until then
    assert client.call(p.Tx.STATION_STATUS, {})["status"] == "approved"


def test_station_header_must_name_the_envelope_s_station(demo_store: Store, hub: LoopbackHub) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    client = _client(demo_store, hub)
    # a second station the hub knows: its code in the header cannot carry this station's body
    key = Ed25519PrivateKey.generate()
    other = p.EnrolInput(station_code="522701998", name="另一站", admdvs="522701", level="村",
                         public_key=p.public_key_b64(key.public_key()))
    enrol = p.build_envelope(infno=p.Tx.ENROL.value, station_code=other.station_code, admdvs=other.admdvs,
                             payload=other, key=key, now=clock.now())
    r = httpx.post(f"{hub.url}{p.API_PREFIX}/{p.Tx.ENROL.value}", content=enrol.model_dump_json(),
                   headers={p.STATION_HEADER: other.station_code, p.NONCE_HEADER: enrol.nonce,
                            "Content-Type": "application/json"})
    assert r.json()["infcode"] == 0, r.text
    env = client.envelope(p.Tx.RESULTS, {"cursor": 0})
    assert env.station_code != other.station_code
    r = httpx.post(f"{hub.url}{p.API_PREFIX}/{p.Tx.RESULTS.value}", content=env.model_dump_json(),
                   headers={p.STATION_HEADER: other.station_code, p.NONCE_HEADER: env.nonce,
                            "Content-Type": "application/json"})
    assert r.json()["err_code"] == p.ERR_BAD_ENVELOPE


def test_station_of_the_previous_version_sends_no_headers_and_is_served(
    demo_store: Store, hub: LoopbackHub
) -> None:
    client = _client(demo_store, hub)
    env = client.envelope(p.Tx.RESULTS, {"cursor": 0})
    r = httpx.post(f"{hub.url}{p.API_PREFIX}/{p.Tx.RESULTS.value}", content=env.model_dump_json(),
                   headers={"Content-Type": "application/json"})
    assert r.json()["infcode"] == 0, r.text


def test_media_chunk_is_streamed_and_bounded_by_its_signed_length(demo_store: Store, hub: LoopbackHub) -> None:
    import hashlib

    client = _client(demo_store, hub)
    payload = b"x" * 1000
    sha = hashlib.sha256(payload).hexdigest()
    meta = p.MediaChunkInput(sha256=sha, size=1000, offset=0, length=500,
                             chunk_sha256=hashlib.sha256(payload[:500]).hexdigest())
    env = client.envelope(p.Tx.MEDIA_CHUNK, meta)
    r = httpx.put(f"{hub.url}{p.API_PREFIX}/media/{sha}", content=payload,  # twice the signed length
                  headers={p.ENVELOPE_HEADER: p.envelope_header(env)})
    assert r.status_code == 200 and r.json()["err_code"] == p.ERR_BAD_ENVELOPE
    # the honest chunks go in, and no spool file is left behind
    assert p.MediaStatusOutput.model_validate(client.put_chunk(meta, payload[:500])).offset == 500
    rest = p.MediaChunkInput(sha256=sha, size=1000, offset=500, length=500,
                             chunk_sha256=hashlib.sha256(payload[500:]).hexdigest())
    assert p.MediaStatusOutput.model_validate(client.put_chunk(rest, payload[500:])).complete
    assert list(hub.hub.partial_root.iterdir()) == []
    assert hub.hub.media_path(sha).read_bytes() == payload


@pytest.mark.parametrize(
    ("tx", "payload"),
    [
        (p.Tx.RESULTS, {"cursor": 10**30}),
        (p.Tx.ROSTER, {"cursor": 10**30, "limit": 10}),
        (p.Tx.HOLIDAYS, {"cursor": -(10**30)}),
        (p.Tx.MEDIA_STATUS, {"sha256": "ab" * 32, "size": 10**30}),
        (p.Tx.MEDIA_STATUS, {"sha256": "ab" * 32, "size": 10**15}),
    ],
)
def test_out_of_range_numbers_are_refused_as_input(
    demo_store: Store, hub: LoopbackHub, tx: p.Tx, payload: dict[str, int]
) -> None:
    client = _client(demo_store, hub)
    env = client.envelope(tx, payload)
    r = httpx.post(f"{hub.url}{p.API_PREFIX}/{tx.value}", content=env.model_dump_json(),
                   headers={"Content-Type": "application/json"})
    assert r.status_code < 500, r.text
    assert r.json()["err_code"] == p.ERR_BAD_ENVELOPE


def test_huge_sign_time_and_media_offset_are_refused_as_input(demo_store: Store, hub: LoopbackHub) -> None:
    client = _client(demo_store, hub)
    env = json.loads(client.envelope(p.Tx.STATION_STATUS, {}).model_dump_json())
    env["sign_time"] = 10**400
    r = httpx.post(f"{hub.url}{p.API_PREFIX}/{p.Tx.STATION_STATUS.value}", content=json.dumps(env))
    assert r.status_code < 500 and r.json()["err_code"] == p.ERR_BAD_ENVELOPE
    chunk = {"sha256": "ab" * 32, "size": 10**30, "offset": 10**30, "length": 1, "chunk_sha256": "ab" * 32}
    header = p.envelope_header(client.envelope(p.Tx.MEDIA_CHUNK, chunk))
    r = httpx.put(f"{hub.url}{p.API_PREFIX}/media/{'ab' * 32}", content=b"x", headers={p.ENVELOPE_HEADER: header})
    assert r.status_code < 500 and r.json()["err_code"] == p.ERR_BAD_ENVELOPE


def test_non_ascii_admin_token_is_a_wrong_token(hub: LoopbackHub) -> None:
    r = httpx.get(f"{hub.url}/admin/stats", headers={"Authorization": "Bearer 令牌".encode()})
    assert r.status_code == 403


def test_station_stops_reading_a_hostile_hub_answer_at_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 'hub' on loopback that answers with an endless body: the station reads up to
    MAX_ANSWER_BYTES and refuses with a message; it is not retried (a refusal, not a transport
    failure)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from fastapi import FastAPI
    from fastapi.responses import StreamingResponse

    from desktop.messages import render
    from hub.server import BackgroundServer
    from sync.client import StationAuth

    monkeypatch.setattr(p, "MAX_ANSWER_BYTES", 256 << 10)
    produced = 0
    calls = 0
    hostile = FastAPI()

    @hostile.post(f"{p.API_PREFIX}/{{tx}}")
    def endless(tx: str) -> StreamingResponse:
        nonlocal calls
        calls += 1

        def body() -> Iterator[bytes]:
            nonlocal produced
            for _ in range(10_000):  # 640 MiB if it were all read
                produced += 64 << 10
                yield b"{" * (64 << 10)

        return StreamingResponse(body(), media_type="application/json")

    auth = StationAuth("522701001", "522701", Ed25519PrivateKey.generate())
    with BackgroundServer(hostile) as server, http_client(server.url) as http:
        client = HubClient(http, auth, retries=3, sleep=lambda _s: None)
        with pytest.raises(UserFacingError) as err:
            client.call(p.Tx.RESULTS, p.CursorInput())
    assert err.value.code == "sync.answer_too_large" and "MB" in render(err.value)
    assert calls == 1
    assert produced < 64 << 20  # the server may have buffered ahead a little, never the whole bomb


def test_plain_http_to_another_machine_needs_the_operator(
    demo_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 17 'Also': online sync over http:// carries personal data in clear."""
    from desktop.cli.main import main
    from models.settings import HUB_ALLOW_HTTP
    from sync.runner import check_hub_url, store_http_client

    with pytest.raises(UserFacingError) as err:
        check_hub_url("http://10.0.0.5:8700")
    assert err.value.code == "sync.plain_http"
    for fine in ("https://hub.example.cn", "http://127.0.0.1:8700", "http://localhost:1", "http://[::1]:80"):
        check_hub_url(fine)
    check_hub_url("http://10.0.0.5:8700", allow_http=True)
    with pytest.raises(UserFacingError):
        check_hub_url("ftp://10.0.0.5/")
    # the command refuses before anything goes on the wire, and says how to allow it
    assert main(["station", "enroll", "--hub", "http://10.0.0.5:8700"]) == 1
    message = capsys.readouterr().err
    assert "明文" in message and "--allow-http" in message  # the CLI adds the command (cli_hints)
    # a later sync run honours the operator's explicit setting, and only that
    with pytest.raises(UserFacingError):
        store_http_client(demo_store, "http://10.0.0.5:8700")
    HUB_ALLOW_HTTP.set(demo_store.settings, True)
    store_http_client(demo_store, "http://10.0.0.5:8700").close()


def test_spool_files_a_killed_worker_left_are_dropped_at_start(tmp_path: Path) -> None:
    from hub.server import open_hub

    partial = tmp_path / "hub" / "partial"
    partial.mkdir(parents=True)
    old, fresh = partial / "chunk-old.spool", partial / "chunk-new.spool"
    old.write_bytes(b"x" * 100)
    fresh.write_bytes(b"y" * 100)
    os.utime(old, (1_000_000_000, 1_000_000_000))  # 2001: long dead
    hub = open_hub(tmp_path / "hub")
    try:
        assert not old.exists() and fresh.exists()  # another worker may be writing the fresh one
    finally:
        hub.db.dispose()
