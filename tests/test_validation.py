from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from models.errors import ValidationError
from models.validation import (
    check_bank_card,
    check_id_number,
    check_mobile,
    check_phone,
    check_region_code,
    check_uscc,
    looks_like_id_number,
    parse_date,
    parse_money,
    region_name,
    upgrade_first_generation,
)

# GB 11643 example from the standard's annex, widely quoted: 11010519491231002X (朝阳区, 女).
VALID_ID = "11010519491231002X"


def test_valid_id_derives_birth_gender_region() -> None:
    info = check_id_number(" 11010519491231002x ")
    assert info.number == VALID_ID
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.gender == "女"
    assert info.province == "北京市" and info.county == "朝阳区"
    assert info.age_on(dt.date(2026, 11, 23)) == 76


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("110105194912310021", "id.bad_check_digit"),
        ("11010519491331002X", "id.bad_birth_date"),
        ("99010519491231002X", "id.bad_region"),
        ("1101051949123100", "id.bad_length"),
        ("110105491231002", "id.first_generation"),
        ("11010519491231002Y", "id.bad_characters"),
        ("110105212012310027", "id.bad_birth_date"),  # born in 2120: in the future
    ],
)
def test_invalid_ids_have_precise_codes(raw: str, code: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_id_number(raw, today=dt.date(2026, 11, 23))
    assert err.value.code == code


def test_male_from_odd_17th_digit() -> None:
    from models.demo import demo_id_number

    number = demo_id_number("19580312", "101")  # 17th digit 1: odd
    assert check_id_number(number).gender == "男"
    assert check_id_number(number).county == "都匀市"


def test_uscc() -> None:
    assert check_uscc("91110000600037341L") == "91110000600037341L"
    with pytest.raises(ValidationError) as err:
        check_uscc("91110000600037341A")
    assert err.value.code == "uscc.invalid"
    with pytest.raises(ValidationError):
        check_uscc("9111")


def test_phones() -> None:
    assert check_mobile("138 0013 8000") == "13800138000"
    assert check_mobile("+8613800138000") == "13800138000"
    assert check_phone("0854-8222222") == "0854-8222222"
    for bad in ("12800138000", "1380013800", "abc"):
        with pytest.raises(ValidationError):
            check_mobile(bad)
    with pytest.raises(ValidationError):
        check_phone("8222")


def test_bank_card_luhn() -> None:
    assert check_bank_card("4111 1111 1111 1111") == "4111111111111111"  # the classic Luhn test number
    assert check_bank_card("6222021234567891233") == "6222021234567891233"
    with pytest.raises(ValidationError) as err:
        check_bank_card("6222021234567891235")
    assert err.value.code == "bank.bad_check_digit"
    with pytest.raises(ValidationError):
        check_bank_card("12345")


def test_region_codes() -> None:
    assert region_name("522701") == "贵州省黔南布依族苗族自治州都匀市"  # GB/T 2260 table (models/regions.py)
    assert check_region_code("522701") == "522701"
    assert check_region_code("522701100") == "522701100"
    assert check_region_code("522701100200") == "522701100200"
    with pytest.raises(ValidationError) as err:
        check_region_code("999999")
    assert err.value.code == "region.unknown"
    with pytest.raises(ValidationError):
        check_region_code("52270")


def test_dates_and_money() -> None:
    assert parse_date("2026-11-23") == parse_date("20261123") == parse_date("2026年11月23日")
    with pytest.raises(ValidationError):
        parse_date("2026-02-30")
    assert parse_money("1,234.5") == Decimal("1234.50")
    for bad in ("-1", "1.234", "abc"):
        with pytest.raises(ValidationError):
            parse_money(bad)


def test_first_generation_number_is_upgraded_to_the_18_digit_one() -> None:
    # The standard's example 11010519491231002X was issued as 110105491231002 before 1999.
    assert upgrade_first_generation(" 110105491231002 ") == VALID_ID
    assert check_id_number(upgrade_first_generation("110105491231002")).birth_date == dt.date(1949, 12, 31)
    with pytest.raises(ValidationError) as err:
        upgrade_first_generation("11010549123100")
    assert err.value.code == "id.bad_length"


@pytest.mark.parametrize(
    ("raw", "shaped"),
    [
        (VALID_ID, True),
        ("11010519491231002x", True),
        ("110105491231002", True),
        ("4243754826492874240001130000", False),
        ("1101054912310021", False),
        ("11010519491231002Y", False),
        ("USA117501010010", True),  # 2017 外国人永久居留身份证
        ("USA11750101001", False),
    ],
)
def test_id_number_shape(raw: str, shaped: bool) -> None:
    assert looks_like_id_number(raw) is shaped


@pytest.mark.parametrize(
    ("number", "county"),
    [
        ("310115195001010012", "浦东新区"),  # district of 1992; a resident born in 1950 holds its code
        ("520115198001010015", "观山湖区"),  # district of 2012
        ("522701198001010011", "都匀市"),
    ],
)
def test_region_is_the_county_that_gave_the_number_not_the_county_at_birth(number: str, county: str) -> None:
    """GB 11643's 地址码 is the household's county when the number was given: a county created after
    the birth year is a valid code (stdnum's own lookup refused these)."""
    info = check_id_number(number, today=dt.date(2026, 11, 23))
    assert info.county == county


def _gb11643(body17: str) -> str:
    from stdnum.cn import ric

    return body17 + ric.calc_check_digit(body17 + "0")


def test_each_number_kind_gets_its_own_check() -> None:
    from models.validation import check_identity_number, number_kind

    today = dt.date(2026, 12, 1)
    # 居民身份证 and 港澳台居民居住证 (810000): GB 11643
    resident = check_identity_number(_gb11643("11010119850615003"), today)
    assert (resident.kind, resident.birth_date) == ("resident", dt.date(1985, 6, 15))
    for code, province in (("810000", "香港特别行政区"), ("820000", "澳门特别行政区"), ("830000", "台湾")):
        permit = check_identity_number(_gb11643(code + "19880808001"), today)
        assert (permit.kind, permit.province, permit.county) == ("resident", province, "")
    # 2023 永居证: 9, province 11, nationality 840, born 1980-02-02, MOD 11-2 check digit
    new = check_identity_number(_gb11643("91184019800202002"), today)
    assert (new.kind, new.birth_date, new.gender, new.province, new.nationality) == (
        "foreign_2023",
        dt.date(1980, 2, 2),
        "女",
        "北京市",
        "840",
    )
    # 2017 永居证: 3 letters + 12 digits; birth date YYMMDD; the card's birth date decides
    old = check_identity_number("USA117501010010", today, birth_date=dt.date(1975, 1, 1))
    assert (old.kind, old.birth_date, old.nationality, old.province, old.gender) == (
        "foreign_2017",
        dt.date(1975, 1, 1),
        "USA",
        "北京市",
        "",
    )
    assert number_kind("usa117501010010") == "foreign_2017" and number_kind("9118") == "foreign_2023"


@pytest.mark.parametrize(
    ("raw", "birth", "code"),
    [
        (_gb11643("91184019800202002")[:-1] + "0", None, "permit.bad_check_digit"),
        ("9118401980020200", None, "permit.bad_length"),
        ("91184019800230002X", None, "id.bad_birth_date"),  # 30 February
        (_gb11643("90084019800202002"), None, "permit.bad_province"),
        (_gb11643("91184019800202002"), dt.date(1980, 2, 3), "permit.birth_date_mismatch"),
        ("USA11750101001", None, "permit.bad_length"),
        ("US1117501010010", None, "permit.bad_characters_2017"),
        ("USA117513320010", None, "id.bad_birth_date"),
        ("USA007501010010", None, "permit.bad_province"),
        ("USA117501010010", dt.date(1975, 1, 2), "permit.birth_date_mismatch"),
        (_gb11643("11010119850615003"), dt.date(1985, 6, 16), "permit.birth_date_mismatch"),
    ],
)
def test_foreign_numbers_are_refused_with_precise_codes(raw: str, birth: dt.date | None, code: str) -> None:
    from models.validation import check_identity_number

    with pytest.raises(ValidationError) as exc:
        check_identity_number(raw, dt.date(2026, 12, 1), birth_date=birth)
    assert exc.value.code == code


@pytest.mark.parametrize("name", ["林□", "□", "林\ufffd", "林\ue863"])
def test_the_placeholder_of_an_unreadable_card_character_is_never_a_name(name: str) -> None:
    from models.validation import check_name

    with pytest.raises(ValidationError) as exc:
        check_name(name)
    assert exc.value.code == "name.unreadable"
    assert check_name("林\U0002c317") == "林\U0002c317"  # the character itself, typed with an IME
