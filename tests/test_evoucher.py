"""E-voucher token shape rules (devices/camera/evoucher.py)."""

from __future__ import annotations

import pytest

from devices.camera.evoucher import TOKEN_LENGTH, is_token, mask_token, validate_token
from models.errors import ValidationError

SAMPLE = "4243754826492874240001130000"  # DOMAIN-NOTES.md test data


def test_sample_token_is_valid_and_carries_its_province() -> None:
    token = validate_token(f"  {SAMPLE}\r\n")
    assert token.token == SAMPLE
    assert token.province_code == "13"
    assert len(token.token) == TOKEN_LENGTH


def test_token_never_shows_in_repr_or_str() -> None:
    token = validate_token(SAMPLE)
    assert SAMPLE not in repr(token)
    assert SAMPLE not in str(token)
    assert token.masked == "4243" + "*" * 20 + "0000"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "evoucher.empty"),
        ("   ", "evoucher.empty"),
        ("https://example.org/health?id=1", "evoucher.not_evoucher"),
        ("110101199003074514", "evoucher.not_evoucher"),
        ("6901234567892", "evoucher.not_evoucher"),
        (SAMPLE[:-1], "evoucher.bad_length"),
        (SAMPLE + "0", "evoucher.bad_length"),
        ("424375482649287424000113000A", "evoucher.not_digits"),
        ("424３754826492874240001130000", "evoucher.not_digits"),  # full-width digit
        ("4243754826492874240001131111", "evoucher.bad_suffix"),
        ("4243754826492874240001990000", "evoucher.bad_province"),
        ("4243754826492874240001000000", "evoucher.bad_province"),
    ],
)
def test_other_codes_are_rejected_with_their_reason(raw: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_token(raw)
    assert info.value.code == code
    assert not is_token(raw)


def test_rejection_parameters_hold_no_payload() -> None:
    with pytest.raises(ValidationError) as info:
        validate_token("110101199003074514")
    assert info.value.params == {"kind": "id_number", "length": 18}
    assert "110101" not in str(info.value)


def test_every_province_code_accepted() -> None:
    for prov in ("11", "31", "44", "65", "71", "81", "82"):
        assert validate_token(f"424{'1' * 17}07{prov}0000").province_code == prov


def test_mask_short_texts_entirely() -> None:
    assert mask_token("12345678") == "********"
    assert mask_token("abcdefghij") == "abcd**ghij"


def test_every_error_code_has_chinese_text() -> None:
    from desktop.messages.camera import MESSAGES

    for code in (
        "evoucher.empty",
        "evoucher.not_evoucher",
        "evoucher.bad_length",
        "evoucher.not_digits",
        "evoucher.bad_suffix",
        "evoucher.bad_province",
    ):
        assert code in MESSAGES
        assert any("\u4e00" <= ch <= "\u9fff" for ch in MESSAGES[code])
