"""The envelope, message ids and signatures, and the committed OpenAPI file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync import protocol as p

REPO = Path(__file__).resolve().parent.parent


def _env(key: Ed25519PrivateKey, when: dt.datetime) -> p.Envelope:
    return p.build_envelope(infno=p.Tx.RESULTS, station_code="522701001", admdvs="522701100",
                            payload=p.CursorInput(cursor=3), key=key, now=when, opter="shouli",
                            opter_name="演示受理员", opter_type="1")


def test_msgid_and_times_follow_the_national_conventions() -> None:
    when = dt.datetime(2026, 11, 23, 2, 4, 5, 123000, tzinfo=dt.UTC)  # 10:04:05 in China
    env = _env(Ed25519PrivateKey.generate(), when)
    assert env.msgid.startswith("52270100120261123100405") and len(env.msgid) == 27
    assert env.inf_time == "2026-11-23 10:04:05" and env.infver == p.INFVER == "V1.1"
    assert p.respond_time(when) == "20261123100405123"
    other = _env(Ed25519PrivateKey.generate(), when)
    assert other.msgid != env.msgid and other.nonce != env.nonce  # same second, distinct serials


def test_signature_covers_every_field() -> None:
    key = Ed25519PrivateKey.generate()
    env = _env(key, dt.datetime.now(dt.UTC))
    assert p.verify_envelope(env, key.public_key())
    for change in ({"input": {"cursor": 0}}, {"sign_time": env.sign_time + 1}, {"nonce": "0" * 32},
                   {"station_code": "522701002"}, {"opter": "admin"}):
        assert not p.verify_envelope(env.model_copy(update=change), key.public_key()), change
    assert not p.verify_envelope(env, Ed25519PrivateKey.generate().public_key())
    assert not p.verify_envelope(env.model_copy(update={"cainfo": "not base64!"}), key.public_key())


def test_clock_offset_moves_sign_time_only() -> None:
    key = Ed25519PrivateKey.generate()
    when = dt.datetime.now(dt.UTC)
    env = p.build_envelope(infno=p.Tx.RESULTS, station_code="522701001", admdvs="522701", payload={},
                           key=key, now=when, clock_offset=3 * 3600)
    assert env.sign_time == int(when.timestamp() + 3 * 3600)
    assert env.inf_time == p.inf_time(when)


def test_committed_openapi_file_is_current() -> None:
    from hub.openapi import openapi_yaml

    committed = (REPO / "docs" / "sync-openapi.yaml").read_text(encoding="utf-8")
    assert committed == openapi_yaml(), "regenerate: python -m hub.openapi > docs/sync-openapi.yaml"


def test_every_transaction_has_a_route_in_the_openapi_file() -> None:
    import yaml

    doc = yaml.safe_load((REPO / "docs" / "sync-openapi.yaml").read_text(encoding="utf-8"))
    operations = {op["operationId"] for path in doc["paths"].values() for op in path.values()}
    assert {f"tx_{tx.value}" for tx in p.Tx} <= operations


def test_sync_error_codes_have_chinese_text() -> None:
    import ast

    from desktop.messages import known_codes

    raised: set[str] = set()
    for path in [*(REPO / "sync").glob("*.py"), REPO / "desktop" / "cli" / "cmd_hub.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("SyncError", "UserFacingError")
                    and node.args and isinstance(node.args[0], ast.Constant)):
                raised.add(str(node.args[0].value))
    from sync.errors import REFUSALS

    raised |= set(REFUSALS.values()) | {"sync.refused"}
    assert raised and raised - known_codes() == set()
