"""Pure parts of the 社保卡 reader: APDU/record parsing, masking, and the read sequence run
against the virtual card's applet in-process (no PC/SC)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.messages import card as card_messages
from desktop.messages import render
from devices.card import CardData, CardErrors, apdu, mask_name, mask_ssn
from devices.card.reading import read_social_security_card
from devices.card.virtual_card import DEMO_ATR, SocialSecurityCardApplet, demo_profile
from models.errors import UserFacingError


def read_applet(profile=None, **kwargs):
    applet = SocialSecurityCardApplet(profile, **kwargs)
    return read_social_security_card(applet.process, atr=applet.atr, reader="in-process", backend="test")


def test_select_command_is_the_published_one():
    assert apdu.SELECT_SSSE.hex().upper() == "00A404000F7378312E73682EC9E7BBE1B1A3D5CF"


def test_bcd_decoding_stops_at_f_padding_and_rejects_bad_nibbles():
    assert apdu.bcd_digits(bytes.fromhex("110105FF")) == "110105"
    assert apdu.bcd_date(bytes.fromhex("19491231")) == dt.date(1949, 12, 31)
    assert apdu.bcd_date(bytes(4)) is None
    with pytest.raises(apdu.ApduError):
        apdu.bcd_digits(b"\x1a")
    with pytest.raises(apdu.ApduError):
        apdu.bcd_date(bytes.fromhex("20231341"))


def test_parse_record_checks_tag_and_length():
    assert apdu.parse_record(b"\x07\x03ABC\x00", 0x07) == b"ABC"
    with pytest.raises(apdu.ApduError):
        apdu.parse_record(b"\x08\x03ABC", 0x07)
    with pytest.raises(apdu.ApduError):
        apdu.parse_record(b"\x07\x05ABC", 0x07)


def test_atr_historical_bytes():
    assert apdu.atr_historical_bytes(DEMO_ATR) == DEMO_ATR[4:]
    # T=1 ATR with TD1/TD2: 3B 8x ... historical bytes after the interface bytes.
    atr = bytes.fromhex("3B8880014A434F5032343101")
    assert apdu.atr_historical_bytes(atr) == bytes.fromhex("4A434F5032343101")


def test_masking_hides_personal_fields():
    assert mask_ssn("11010519491231002X") == "110105********002X"
    # any length: a 港澳台 通行证号码 (9), ten characters, the 2017 永居证 number (15)
    assert mask_ssn("H12345678") == "H******78" and mask_ssn("1234567890") == "12******90"
    assert mask_ssn("USA117501010010") == "USA117*****0010"
    assert all(mask_ssn(v).count("*") * 2 >= len(v) for v in ("ab", "abc", "abcd", "H1234567", "12345678901"))
    assert mask_name("张三") == "张*"
    data = CardData(card_number="TB0000001", ssn="11010519491231002X", name="张三", birth_date=dt.date(1949, 12, 31))
    assert "张三" not in repr(data) and "11010519491231002X" not in repr(data)
    masked = data.to_dict()
    assert masked["name"] == "张*" and masked["ssn"] == "110105********002X" and masked["birth_date"] is None
    clear = data.to_dict(show_personal=True)
    assert clear["name"] == "张三" and clear["birth_date"] == "1949-12-31"


def test_second_generation_card_reads_everything():
    result = read_applet(demo_profile(2))
    d = result.data
    assert (d.card_number, d.spec_version, d.region_code) == ("TB0000001", "2.00", "110105")
    assert (d.name, d.ssn, d.gender, d.nation, d.birthplace) == ("张三", "11010519491231002X", "1", "01", "110105")
    assert d.birth_date == dt.date(1949, 12, 31) and d.expiry_date == dt.date(2030, 1, 1)
    assert d.atr == DEMO_ATR.hex().upper()
    assert not result.personal_data_requires_authorised_interface and result.warnings == ()


def test_strict_card_costs_extra_round_trips_for_61xx_and_6cxx():
    strict = read_applet(demo_profile(2))
    lenient = read_applet(demo_profile(2, strict_le=False, chained_select=False))
    assert strict.data == lenient.data
    # 3 SELECTs answered 61xx (+3 GET RESPONSE), tags 04 and 4E asked with Le=00 (+2 resends).
    assert strict.apdu_count == lenient.apdu_count + 5


def test_long_name_is_joined_with_the_name_extension():
    long_name = "买买提·艾力·测试用例超长姓名示范示范示"
    assert len(long_name.encode("gbk")) > 30
    assert read_applet(demo_profile(2, name=long_name)).data.name == long_name


def test_first_generation_card_has_no_name_extension_and_still_reads():
    result = read_applet(demo_profile(1))
    assert result.generation == 1 and result.data.gender == "1" and result.data.name == "张三"


def test_third_generation_card_says_personal_data_needs_authorised_interface():
    result = read_applet(demo_profile(3))
    assert result.generation == 3
    assert result.personal_data_requires_authorised_interface
    assert result.data.card_number == "TB0000003" and result.data.region_code == "110105"
    assert result.data.ssn is None and result.data.name is None and result.data.expiry_date is None
    assert {"ssn", "name", "issue_date", "expiry_date"} <= set(result.unreadable_fields)
    authorised = read_applet(demo_profile(3), authorised=True)
    assert authorised.data.name == "李四" and not authorised.personal_data_requires_authorised_interface


def test_not_a_social_security_card_is_unsupported():
    with pytest.raises(UserFacingError) as exc:
        read_applet(demo_profile(2, is_social_security_card=False))
    assert exc.value.code == CardErrors.UNSUPPORTED and exc.value.params["sw"] == "6A82"


def test_expired_card_and_bad_ssn_are_warnings():
    result = read_applet(demo_profile(2, expiry_date="20190101", ssn="110105194912310021"))
    assert CardErrors.EXPIRED in result.warnings and CardErrors.SSN_INVALID in result.warnings
    assert result.data.is_expired(dt.date(2020, 1, 1))


def test_endless_61xx_does_not_hang():
    def transmit(command: bytes) -> bytes:
        return b"\x61\x10"

    with pytest.raises(UserFacingError) as exc:
        read_social_security_card(transmit)
    assert exc.value.code == CardErrors.READ_ERROR


def test_every_card_error_code_has_chinese_text():
    codes = {v for k, v in vars(CardErrors).items() if k.isupper()}
    assert codes <= set(card_messages.MESSAGES)
    assert "2" in render(UserFacingError(CardErrors.PIN_WRONG, tries=2))
    assert "6A82" in render(UserFacingError(CardErrors.READ_ERROR, sw="6A82"))
