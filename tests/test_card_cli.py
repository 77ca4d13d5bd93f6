"""`tongban card` against the real PC/SC stack: masked by default, clear only on request."""

from __future__ import annotations

import argparse
import json
import socket
import threading

import pytest

from desktop.cli import cmd_card
from devices.card.virtual_card import demo_profile
from models.errors import UserFacingError


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="tongban")
    cmd_card.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["card", *argv])
    return args.func(args)


def test_readers_json(card_slots, capsys):
    card_slots[0].insert(demo_profile(2))
    assert run(["readers", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    present = {r["name"]: r["card_present"] for r in out["readers"]}
    assert present[card_slots[0].reader] is True and present[card_slots[1].reader] is False


def test_read_json_is_masked_by_default(card_slots, capsys):
    card_slots[0].insert(demo_profile(2))
    assert run(["read", "--json"]) == 0
    text = capsys.readouterr().out
    out = json.loads(text)
    assert "张三" not in text and "11010519491231002X" not in text and "1949" not in text
    assert out["card"]["ssn"] == "110105********002X" and out["card"]["name"] == "张*"
    assert out["card"]["card_number"] == "TB0000001" and out["personal_data_shown"] is False


def test_read_show_personal_and_reader_choice(card_slots, capsys):
    card_slots[1].insert(demo_profile(2))
    assert run(["read", "--json", "--show-personal", "--reader", card_slots[1].reader]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["card"]["name"] == "张三" and out["card"]["ssn"] == "11010519491231002X"
    assert out["reader"] == card_slots[1].reader


def test_read_text_for_a_third_generation_card(card_slots, capsys):
    card_slots[0].insert(demo_profile(3))
    assert run(["read"]) == 0
    out = capsys.readouterr().out
    assert "TB0000003" in out and "第 3 代卡" in out and "授权" in out


def test_read_without_card_raises_the_user_facing_error(card_slots):
    with pytest.raises(UserFacingError) as exc:
        run(["read", "--json"])
    assert exc.value.code == "card.no_card"


def test_read_with_the_virtual_backend_needs_no_pcscd(capsys):
    assert run(["read", "--json", "--backend", "virtual"]) == 0
    assert json.loads(capsys.readouterr().out)["card"]["card_number"] == "TB0000001"


def test_emulate_reports_when_vpcd_is_not_there(capsys):
    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert run(["emulate", "--port", str(port)]) == 1
    assert "vpcd" in capsys.readouterr().err


def test_emulate_inserts_the_demo_card_until_stopped(card_slots):
    from tests.pcsc_plugin import wait_card_state

    slot = card_slots[1]
    stop = threading.Event()
    done: dict[str, int] = {}
    thread = threading.Thread(target=lambda: done.update(rc=cmd_card.emulate(3, "127.0.0.1", slot.port, stop)))
    thread.start()
    try:
        assert wait_card_state(slot.reader, present=True)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert done == {"rc": 0}
    assert wait_card_state(slot.reader, present=False)
