"""GA 467 SAM frames and the ID card text block: pure parsing, card kinds, number checks, fuzzing."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devices.idcard import IdCardErrors, IdCardKind
from devices.idcard.frames import (
    MAX_FRAME_LEN,
    PREAMBLE,
    Command,
    DecodeProblem,
    Frame,
    FrameDecoder,
    Problem,
    encode_answer,
    encode_command,
)
from devices.idcard.serial_driver import SamReaderDriver
from devices.idcard.session import SamSession, Timing
from devices.idcard.text import build_text, decode_ucs2, number_problem, parse_text
from devices.idcard.virtual import DEMO_CARDS, LoopbackTransport, SamReaderEngine
from models.errors import UserFacingError


def test_commands_match_the_published_bytes():
    # The byte strings every public implementation of the protocol sends (docs/devices.md).
    assert encode_command(Command.FIND_CARD).hex(" ") == "aa aa aa 96 69 00 03 20 01 22"
    assert encode_command(Command.SELECT_CARD).hex(" ") == "aa aa aa 96 69 00 03 20 02 21"
    assert encode_command(Command.READ_BASE).hex(" ") == "aa aa aa 96 69 00 03 30 01 32"
    assert encode_command(Command.SAM_STATUS).hex(" ") == "aa aa aa 96 69 00 03 11 ff ed"
    assert encode_answer(0x9F, b"\0\0\0\0").hex(" ") == "aa aa aa 96 69 00 08 00 00 9f 00 00 00 00 97"


def test_decoder_reassembles_split_frames_and_skips_noise():
    frame = encode_answer(0x90, b"hello")
    stream = b"\x00\x13garbage\xaa\xaa" + frame + frame
    decoder = FrameDecoder()
    got: list[Frame | Problem] = []
    for i in range(len(stream)):
        got += decoder.feed(stream[i : i + 1])
    assert [f.data for f in got if isinstance(f, Frame)] == [b"hello", b"hello"]
    assert decoder.skipped == len(b"\x00\x13garbage\xaa\xaa") and decoder.pending == 0


def test_decoder_reports_a_bad_checksum_and_finds_the_next_frame():
    bad = bytearray(encode_answer(0x90, b"x"))
    bad[-1] ^= 0xFF
    out = FrameDecoder().feed(bytes(bad) + encode_answer(0x9F))
    assert out[0] == Problem(DecodeProblem.CHECKSUM)
    assert isinstance(out[-1], Frame) and out[-1].sw3 == 0x9F


def test_decoder_rejects_impossible_lengths_without_waiting_for_them():
    decoder = FrameDecoder()
    out = decoder.feed(PREAMBLE + b"\xff\xff" + encode_answer(0x90))
    assert Problem(DecodeProblem.BAD_LENGTH) in out and isinstance(out[-1], Frame)
    assert decoder.pending == 0


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=64), st.just(PREAMBLE), st.sampled_from([b"\x00\x03", b"\xff\xff"]))))
def test_fuzz_decoder_never_raises_and_stays_bounded(chunks):
    decoder = FrameDecoder()
    for chunk in chunks:
        for item in decoder.feed(chunk):
            assert isinstance(item, (Frame, Problem))
            if isinstance(item, Frame):
                assert len(item.body) >= 2
        assert decoder.pending <= len(PREAMBLE) + 2 + MAX_FRAME_LEN


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.binary(max_size=40), st.binary(max_size=300))
def test_fuzz_a_valid_frame_survives_noise_around_it(before, data, after):
    frame = encode_answer(0x90, data)
    out = FrameDecoder().feed(before + frame + after)
    # The frame is found unless the noise before it opened a longer "frame" swallowing it.
    bodies = [item.data for item in out if isinstance(item, Frame)]
    if PREAMBLE not in before and PREAMBLE[:1] not in before[-4:]:
        assert data in bodies


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=256, max_size=256))
def test_fuzz_text_parser_raises_only_user_facing_errors(block):
    try:
        data = parse_text(block)
    except UserFacingError as exc:
        assert exc.code in (IdCardErrors.INVALID_DATA, IdCardErrors.UNKNOWN_CARD, IdCardErrors.KIND_UNSUPPORTED)
    else:
        number_problem(data)
        data.to_dict()
        assert "\ufffd" not in data.display_name


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["sam", "find", "select", "read"]))
def test_fuzz_session_answers_hostile_bytes_with_user_facing_errors(noise, step):
    class Hostile:
        def write(self, data: bytes) -> int:
            return len(data)

        def read(self, size: int = 1) -> bytes:
            nonlocal noise
            chunk, noise = noise[:size], noise[size:]
            return chunk

        def close(self) -> None:
            return None

    session = SamSession(Hostile(), Timing(answer_s=0.0, read_s=0.0))
    with contextlib.suppress(UserFacingError):
        {"sam": session.sam_status, "find": session.find, "select": session.select, "read": session.read_base}[step]()


@pytest.mark.parametrize("name", ["demo", "long_name", "expired", "hmt", "foreign", "rare_char", "bad_number"])
def test_text_block_round_trip(name):
    card = DEMO_CARDS[name]
    parsed = parse_text(build_text(card))
    if name == "rare_char":  # the PUA code point comes back as an unreadable position
        assert parsed.unreadable_name_positions == (1,) and parsed.display_name == "林□"
        card = dataclasses.replace(card, name="林\ufffd", unreadable_name_positions=(1,))
    assert parsed == card


def test_resident_fields():
    d = parse_text(build_text(DEMO_CARDS["long_name"]))
    assert d.kind is IdCardKind.RESIDENT and d.name == "阿卜杜热合曼·买买提依明·艾力" and len(d.name) == 15
    assert d.long_term and d.valid_until is None and not d.is_expired(dt.date(2100, 1, 1))
    assert d.nation_label == "维吾尔" and d.gender_label == "男" and len(d.address) == 35
    assert d.to_dict(show_personal=True)["valid_until"] == "长期"


def test_kinds_by_marker():
    assert parse_text(build_text(DEMO_CARDS["hmt"])).kind is IdCardKind.HMT_RESIDENCE
    f = parse_text(build_text(DEMO_CARDS["foreign"]))
    assert (f.kind, f.english_name, f.nationality, f.name) == (
        IdCardKind.FOREIGN_PERMANENT,
        "SMITH, JOHN DEMO",
        "USA",
        "史约翰",
    )
    block = bytearray(build_text(DEMO_CARDS["demo"]))
    block[248:250] = "Q".encode("utf-16-le")
    with pytest.raises(UserFacingError) as exc:
        parse_text(bytes(block))
    assert exc.value.code == IdCardErrors.UNKNOWN_CARD


def test_the_2023_foreign_card_is_parsed_by_its_own_layout() -> None:
    """Marker "Y": 中文姓名, 性别, 换证次数, 出生 where a resident card has name/gender/birth, the
    English name in two parts (1-35 at 52, 36-46 at 220), 国籍 at 242 (text.py docstring)."""
    card = DEMO_CARDS["foreign_2023"]
    block = build_text(card)
    assert block[248:250].decode("utf-16-le") == "Y"
    assert block[0:6].decode("utf-16-le") == "李新版" and block[122:158].decode("utf-16-le") == card.id_number
    data = parse_text(block)
    assert data == card and data.kind is IdCardKind.FOREIGN_PERMANENT_2023
    assert len(data.english_name) > 35 and data.english_name == "LEE-WILLIAMSON, MARY ANNE DEMONSTRATION"
    assert (data.nationality, data.gender_label, data.birth_date) == ("USA", "女", dt.date(1980, 2, 2))
    assert number_problem(data) is None
    assert number_problem(dataclasses.replace(data, id_number=data.id_number[:-1] + "0")) == "check_digit"
    assert number_problem(dataclasses.replace(data, birth_date=dt.date(1980, 2, 3))) == "birth_date_mismatch"
    # a 2017-style number on a 2023 card, a resident number on a foreigner's card: not its check
    assert number_problem(dataclasses.replace(data, id_number=DEMO_CARDS["foreign"].id_number)) == "format"
    assert number_problem(dataclasses.replace(data, id_number=DEMO_CARDS["demo"].id_number)) == "format"


def test_number_checks_per_kind():
    assert number_problem(DEMO_CARDS["demo"]) is None
    assert number_problem(DEMO_CARDS["bad_number"]) == "check_digit"
    assert number_problem(DEMO_CARDS["hmt"]) is None
    resident_as_hmt = dataclasses.replace(DEMO_CARDS["demo"], kind=IdCardKind.HMT_RESIDENCE)
    assert number_problem(resident_as_hmt) == "region"
    wrong_birth = dataclasses.replace(DEMO_CARDS["demo"], birth_date=dt.date(1985, 6, 16))
    assert number_problem(wrong_birth) == "birth_date_mismatch"
    assert number_problem(DEMO_CARDS["foreign"]) is None
    assert number_problem(dataclasses.replace(DEMO_CARDS["foreign"], nationality="GBR")) == "nationality_mismatch"
    assert number_problem(dataclasses.replace(DEMO_CARDS["foreign"], id_number="USA11750101001")) == "format"
    # the number's birth date must be the card's (YYMMDD after the 2-digit province)
    assert number_problem(dataclasses.replace(DEMO_CARDS["foreign"], birth_date=dt.date(1975, 1, 2))) == (
        "birth_date_mismatch"
    )
    # a 港澳台 number read off a resident card is not a resident card's number
    assert number_problem(dataclasses.replace(DEMO_CARDS["hmt"], kind=IdCardKind.RESIDENT)) == "region"


def test_ucs2_cannot_carry_non_bmp_and_surrogates_are_unreadable():
    from devices.idcard.text import encode_ucs2

    with pytest.raises(ValueError):
        encode_ucs2("吉\U00020bb7", 30)
    # A misbehaving device sending a UTF-16 surrogate pair: both halves unreadable, never joined.
    text, bad = decode_ucs2("吉".encode("utf-16-le") + "\U00020bb7".encode("utf-16-le"))
    assert text == "吉\ufffd\ufffd" and bad == (1, 2)


def test_personal_data_masked_and_not_in_repr():
    card = DEMO_CARDS["demo"]
    assert card.name not in repr(card) and card.id_number not in repr(card)
    masked = card.to_dict()
    assert masked["name"] == "张**" and masked["id_number"].startswith("110101*") and masked["birth_date"] is None
    assert card.address not in str(masked)


def test_read_sequence_in_process_with_retry_on_a_bad_checksum():
    engine = SamReaderEngine(card=DEMO_CARDS["expired"], faults=["", "", "", "bad_checksum"])
    driver = SamReaderDriver("loop", opener=lambda: LoopbackTransport(engine))
    try:
        result = driver.read()
    finally:
        driver.close()
    assert result.attempts == 2 and result.expired and IdCardErrors.EXPIRED in result.warnings
    assert result.to_dict()["expired"] is True
    assert result.wlt_present and result.photo_status.value == "not_configured"
    assert IdCardErrors.PHOTO_UNAVAILABLE in result.warnings
