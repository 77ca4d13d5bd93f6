"""The intake's Qt-free logic: form validation, conditions, checklist, drafts, search, services."""

from __future__ import annotations

import pytest

from models import clock
from models.catalog import load_catalog
from models.demo import demo_id_number
from models.enums import StationLevel
from models.errors import ValidationError
from models.intake import DraftSnapshot, Identity, ItemIndex, form_rows, resolve_checklist, validate_form
from models.intake.checklist import missing_required
from models.intake.fields import validate_field
from models.store import Store

ID = demo_id_number("19900101", "616")


def test_labels_come_from_the_catalog_and_groups_are_flattened() -> None:
    item = load_catalog().get("002036001003")
    rows = {r.key: r for r in form_rows(item)}
    assert rows["name"].label == "姓名" and rows["id_number"].group == "证件类型及号码"


def test_validation_messages_and_normalisation() -> None:
    item = load_catalog().get("002036001003")
    rows = {r.key: r for r in form_rows(item)}
    assert validate_field(rows["id_number"], ID.lower(), {"id_type": "身份证"}) == ID.upper()
    with pytest.raises(ValidationError) as err:
        validate_field(rows["phone"], "12345", {})
    assert err.value.code == "phone.bad_number"
    assert validate_field(rows["id_number"], "AB123", {"id_type": "护照"}) == "AB123"
    clean, errors = validate_form(item, {"name": "孙演示", "id_type": "身份证", "id_number": ID})
    assert "phone" in errors and errors["phone"].code == "intake.required" and clean["name"] == "孙演示"


def _gb11643(body17: str) -> str:
    from stdnum.cn import ric

    return body17 + ric.calc_check_digit(body17 + "0")


def test_a_permit_number_is_checked_by_the_rule_of_its_type() -> None:
    """证件号码 under 外国人永久居留证 (the catalog's option) or 港澳台居民居住证 is checked, with the
    permit's own Chinese message; under 护照 it stays free text."""
    from desktop.messages import render
    from models.intake.fields import identity_defaults

    item = load_catalog().get("002036001003")
    row = {r.key: r for r in form_rows(item)}["id_number"]
    foreign = _gb11643("91184019800202002")
    assert validate_field(row, foreign.lower(), {"id_type": "外国人永久居留证"}) == foreign
    assert validate_field(row, "usa117501010010", {"id_type": "外国人永久居留证"}) == "USA117501010010"
    hk = _gb11643("81000019900101002")
    assert validate_field(row, hk, {"id_type": "港澳台居民居住证"}) == hk
    cases = [
        ("外国人永久居留证", "USA1175010100", "permit.bad_length", "外国人永久居留身份证号码应为15位，当前为13位。"),
        (
            "外国人永久居留证",
            foreign[:-1] + ("1" if foreign[-1] != "1" else "2"),
            "permit.bad_check_digit",
            "外国人永久居留身份证号码校验位不正确",
        ),
        (
            "外国人永久居留证",
            ID,
            "permit.not_foreign_number",
            "证件类型为外国人永久居留证，但这不是外国人永久居留身份证号码",
        ),
        ("港澳台居民居住证", ID, "permit.not_hmt_number", "810000（香港）"),
        ("港澳台居民居住证", hk[:-1] + ("1" if hk[-1] != "1" else "2"), "id.bad_check_digit", "校验位不正确"),
    ]
    for id_type, number, code, text in cases:
        with pytest.raises(ValidationError) as err:
            validate_field(row, number, {"id_type": id_type})
        assert err.value.code == code, (id_type, code)
        assert text in render(err.value)
    # a form filled from the identified person names the card the number belongs to
    assert identity_defaults(item, {"name": "外", "id_number": foreign})["id_type"] == "外国人永久居留证"
    assert identity_defaults(item, {"name": "港", "id_number": hk})["id_type"] == "港澳台居民居住证"
    assert identity_defaults(item, {"name": "孙", "id_number": ID})["id_type"] == "身份证"
    clean, errors = validate_form(item, {"name": "外", **identity_defaults(item, {"id_number": foreign})})
    assert "id_number" not in errors and clean["id_number"] == foreign


def test_conditional_materials_follow_boolean_fields() -> None:
    item = load_catalog().get("002036006001")
    lines = {line.key: line for line in resolve_checklist(item, {"accidental_injury": "否"})}
    assert lines["accident_proof"].applies is False
    lines = {line.key: line for line in resolve_checklist(item, {"accidental_injury": "是"})}
    assert lines["accident_proof"].needed
    missing = missing_required(item, {"accidental_injury": "是"}, {})
    assert "accident_proof" in {m.key for m in missing}


def test_pinyin_search_and_level_rights() -> None:
    index = ItemIndex(load_catalog(), StationLevel.VILLAGE)
    hits = index.search("ydaz")  # 异地安置退休人员备案 by pinyin initials
    assert hits[0].name == "异地安置退休人员备案"
    # Brackets in a name are not part of its initials: 门(急)诊费用报销 is "mjz…".
    assert index.search("mjzfy")[0].name == "门(急)诊费用报销"
    assert index.search("002036001003")[0].name == "城乡居民参保登记"
    assert index.search("城乡居民参保登记")[0].rights_text == "本级受理后转报"


def test_draft_round_trips_through_json() -> None:
    draft = DraftSnapshot(
        "522701-001-20261123-0001", "002036001003", "2024.01.2", Identity(ID, "孙演示"), {"phone": "1"}
    )
    assert DraftSnapshot.from_json(draft.to_json()) == draft
    assert ID not in repr(draft.identity)


def test_services_open_save_submit(demo_store: Store) -> None:
    from models.intake.service import load_draft, save_draft, start_draft
    from models.intake.submit import rate_case, submit

    with demo_store.db.write() as s:
        draft = start_draft(s, "002036001003", Identity(ID, "孙演示", identified_by="card"), {"name": "孙演示"})
    values = {
        "name": "孙演示",
        "id_type": "身份证",
        "id_number": ID,
        "birth_date": "1990-01-01",
        "phone": "13800138000",
        "household_address": "都匀",
        "applicant_identity": "无业成年人",
        "by_proxy": "否",
    }
    with demo_store.db.write() as s:
        save_draft(s, draft.with_values(values))
    with demo_store.db.write() as s:
        result = submit(s, draft.case_no)
    assert result.state == "退回补正" and len(result.missing) == 2  # typed ID: documents still to see
    with demo_store.db.write() as s:
        from models.intake.service import set_material

        for key in ("id_document", "registration_form"):
            set_material(s, draft.case_no, key, "received")
        result = submit(s, draft.case_no)
        rate_case(s, draft.case_no, "满意")
    # 城乡居民参保登记 is a 即办件 the demo township may accept but not approve (003 leaves the level
    # to the locality; the catalog's default is county approval): forwarded, with no promise of
    # 即时办结 from this station and no date to be overdue on.
    assert result.accepted and result.forwarded and result.promised_date is None
    assert result.time_limit_text == "由上级经办机构办理"
    with demo_store.db.read() as s:
        assert load_draft(s, draft.case_no).values["phone"] == "13800138000"
        # The phone is remembered: the next visit's identify step offers it as the default.
        from models.intake.service import person_history

        assert person_history(s, ID, clock.today_local()).phone == "13800138000"
