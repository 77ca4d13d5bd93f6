"""Hostile input (issue 9): hypothesis throws random and mutated data at every parser that takes
outside data here: the hub's transactions (the real FastAPI app, through Starlette's TestClient
with server exceptions raised, so an unhandled exception fails the test), e-voucher QR payloads,
card responses (APDU records and the iReadCardBas line) and catalog packages.

Each must refuse clearly: the hub with infcode != 0 and an err_code (never a 500), the parsers
with their documented error type (never IndexError, UnicodeError, KeyError…).
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub.server import build
from models.errors import UserFacingError
from models.store import Store
from sync import protocol as p
from sync.client import HubClient

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_leaf = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
TXS = [tx for tx in p.Tx if tx is not p.Tx.MEDIA_CHUNK]


@pytest.fixture
def hub_client(demo_store: Store, tmp_path: Path) -> Iterator[tuple[TestClient, HubClient]]:
    """The real hub app, and a station enrolled and approved at it (so signed input reaches the handlers)."""
    from sync.identity import station_auth
    from sync.runner import enroll_station

    hub, app = build(tmp_path / "hub", auto_approve=True, token="fuzz-token")
    with TestClient(app, raise_server_exceptions=True) as http:
        enroll_station(demo_store, str(http.base_url), transport=http._transport)
        with demo_store.db.read() as session:
            auth = station_auth(session)
        yield http, HubClient(http, auth, retries=0)
    hub.db.dispose()


def _refused(response: Any) -> p.Answer:
    assert response.status_code < 500, response.text
    answer = p.Answer.model_validate_json(response.content)
    assert answer.infcode != 0 and answer.err_code, answer
    return answer


@FUZZ
@given(tx=st.sampled_from(TXS), body=st.binary(max_size=300) | json_value.map(lambda v: json.dumps(v).encode()))
def test_random_bodies_are_refused_as_bad_envelopes(
    hub_client: tuple[TestClient, HubClient], tx: p.Tx, body: bytes
) -> None:
    http, _client = hub_client
    response = http.post(f"{p.API_PREFIX}/{tx.value}", content=body, headers={"Content-Type": "application/json"})
    _refused(response)


@FUZZ
@given(tx=st.sampled_from(TXS), payload=st.dictionaries(st.text(max_size=16), json_value, max_size=6))
def test_signed_envelopes_with_random_input_never_crash_the_hub(
    hub_client: tuple[TestClient, HubClient], tx: p.Tx, payload: dict[str, Any]
) -> None:
    http, client = hub_client
    env = client.envelope(tx, payload)  # correctly signed by an approved station: the input is what is hostile
    response = http.post(
        f"{p.API_PREFIX}/{tx.value}", content=env.model_dump_json(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code < 500, response.text
    answer = p.Answer.model_validate_json(response.content)
    assert answer.infcode == 0 or answer.err_code  # accepted (e.g. a cursor with defaults) or refused clearly


ENVELOPE_FIELDS = [
    "infno",
    "msgid",
    "inf_time",
    "infver",
    "opter",
    "opter_name",
    "opter_type",
    "station_code",
    "admdvs",
    "signtype",
    "sign_time",
    "nonce",
    "cainfo",
    "input",
]


@FUZZ
@given(field=st.sampled_from(ENVELOPE_FIELDS), value=json_value)
def test_any_changed_field_of_a_signed_envelope_is_refused(
    hub_client: tuple[TestClient, HubClient], field: str, value: Any
) -> None:
    http, client = hub_client
    env = client.envelope(p.Tx.STATION_STATUS, {})
    data = json.loads(env.model_dump_json())
    if data[field] == value:
        value = [value]  # a real change
    data[field] = value
    response = http.post(
        f"{p.API_PREFIX}/{p.Tx.STATION_STATUS.value}",
        content=json.dumps(data),
        headers={"Content-Type": "application/json"},
    )
    _refused(response)


@FUZZ
@given(
    header=st.text(max_size=200) | json_value.map(json.dumps),
    body=st.binary(max_size=200),
    sha=st.sampled_from(["0" * 64, "abc", "f" * 64]),
)
def test_random_media_chunks_are_refused(
    hub_client: tuple[TestClient, HubClient], header: str, body: bytes, sha: str
) -> None:
    http, _client = hub_client
    if not header.isascii():
        header = base64.b64encode(header.encode()).decode()  # what httpx sends as a header is ASCII
    response = http.put(
        f"{p.API_PREFIX}/media/{sha}",
        content=body,
        headers={"X-Tongban-Envelope": header, "Content-Type": "application/octet-stream"},
    )
    _refused(response)


# ---- the station's own parsers of outside data ----


@settings(max_examples=300, deadline=None)
@given(
    raw=st.text(max_size=120) | st.from_regex(r"\A6[0-9]{21}[0-9]{2}[0-9]{6}01\Z") | st.text("0123456789", max_size=40)
)
def test_qr_payloads_are_accepted_or_refused_with_a_validation_error(raw: str) -> None:
    from devices.camera.evoucher import is_token, mask_token, validate_token
    from models.errors import ValidationError

    try:
        token = validate_token(raw)
    except ValidationError as exc:
        assert exc.code.startswith("evoucher.")
        assert not is_token(raw)
    else:
        assert is_token(raw) and token.token == raw.strip()
    masked = mask_token(raw)  # shown in logs and the UI: never the whole value
    assert isinstance(masked, str) and (len(raw.strip()) < 8 or raw.strip() not in masked)


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=80),
    tag=st.integers(0, 255),
    field=st.sampled_from(
        [
            "card_identifier",
            "issue_date",
            "expiry_date",
            "birth_date",
            "nation",
            "birthplace",
            "name",
            "name_extension",
            "card_type",
            "init_org",
            "ssn",
            "card_number",
        ]
    ),
)
def test_card_records_parse_or_raise_apdu_error(data: bytes, tag: int, field: str) -> None:
    from devices.card.apdu import ApduError, decode_field, parse_record, split_sw

    for call in (lambda: parse_record(data, tag), lambda: decode_field(field, data), lambda: split_sw(data)):
        with contextlib.suppress(ApduError, UserFacingError):
            call()


@settings(max_examples=300, deadline=None)
@given(output=st.binary(max_size=200) | st.lists(st.text(max_size=20), max_size=14).map(lambda f: "|".join(f) + "|"))
def test_read_card_bas_output_parses_or_is_refused(output: bytes | str) -> None:
    from devices.card.sscard import parse_read_card_bas

    try:
        parse_read_card_bas(output)
    except UserFacingError as exc:
        assert exc.code.startswith("card.")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(["garbage", "zip", "signed"]),
    blob=st.binary(max_size=300),
    payload=json_value.map(lambda v: json.dumps(v).encode()),
)
def test_catalog_packages_are_verified_or_refused(tmp_path: Path, kind: str, blob: bytes, payload: bytes) -> None:
    from models.catalog.catalog import CatalogError
    from models.catalog.package import PAYLOAD, SIGNATURE, verify_package

    key = Ed25519PrivateKey.generate()
    path = tmp_path / "package.zip"
    if kind == "garbage":
        path.write_bytes(blob)
    else:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr(PAYLOAD, payload)
            signature = key.sign(payload) if kind == "signed" else blob
            zf.writestr(SIGNATURE, base64.b64encode(signature))
        path.write_bytes(out.getvalue())
    with pytest.raises(CatalogError) as refused:  # random JSON is never a catalog, even when signed
        verify_package(path, [key.public_key()])
    assert refused.value.code.startswith("catalog.")
