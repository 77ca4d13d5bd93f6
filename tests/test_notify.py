"""Issue 18 part 3: the 消息推送模板 in use. A case reaching 受理 / 补正 / 不予受理 / 审核不通过 / 办结 gets
its message rendered with its values (003's template where there is one, a composed one marked as
such where there is none), kept with the case with the applicant's 短信 consent, shown and printed,
and sent up with the case to a real hub on loopback, which records it once and hands it to its SMS
gateway (the logging implementation); a record from an older station still goes in."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.db import HubStation
from models import clock
from models.case_lookup import find_case, material_entries
from models.cases import CENTRE, MaterialLine, apply_action, open_case
from models.catalog import load_catalog
from models.errors import ValidationError
from models.lifecycle import Action, CaseState
from models.notify import COMPOSED, TEMPLATE_FOR_STATE
from models.orm import AuditEntry, Case, Clerk, Notification, Person, SyncOutbox
from models.sms_consent import set_sms_consent
from models.station_setup import current_station
from models.store import Store
from printing.from_case import CaseBundle, completion, receipt, refusal
from printing.notices import render_completion_notice, render_refusal_notice
from printing.receipt import render_receipt
from sync import protocol as p
from sync.engine import SyncOptions
from sync.records import SyncedItem
from sync.runner import enroll_station, http_client, make_engine
from tests.sync_helpers import LoopbackHub, RecordingGateway, loopback_hub

#: 转移接续手续办理: 003 gives its 办结 and 未办结 templates; 15 working days at a 乡镇 station
ITEM = "002036003002"
ACCEPTED = dt.datetime(2026, 12, 21, 2, 0, tzinfo=dt.UTC)  # into 2027: provisional
PHONE = "13800138000"  # fictitious


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[LoopbackHub]:
    with loopback_hub(tmp_path / "hub-data") as h:
        yield h


def _clerk(session: Session) -> Clerk:
    clerk = session.scalar(select(Clerk).where(Clerk.login == "shouli"))
    assert clerk is not None
    return clerk


def _open(session: Session, *, all_materials: bool, person: bool = True) -> Case:
    """A draft for ITEM by the first demo person, with all or none of its materials received."""
    catalog = load_catalog()
    item = catalog.get(ITEM)
    station = current_station(session)
    assert station is not None
    applicant = session.scalar(select(Person).order_by(Person.id).limit(1)) if person else None
    lines = [MaterialLine(m.key, m.name) for m in item.materials if m.required and m.condition is None]
    case = open_case(
        session, station=station, item=item, catalog_version=catalog.version, clerk=_clerk(session),
        materials=lines, person=applicant,
    )
    if all_materials:
        for entry in material_entries(session, case):
            entry.status = "received"
    return case


def _accept(session: Session, now: dt.datetime | None = None) -> Case:
    case = _open(session, all_materials=True)
    apply_action(session, case, Action.ACCEPT, item=load_catalog().get(ITEM), clerk=_clerk(session), now=now)
    return case


def _draft(store: Store, *, all_materials: bool) -> str:
    with store.db.write() as session:
        return _open(session, all_materials=all_materials).case_no


def _notes(store: Store, case_no: str) -> list[Notification]:
    with store.db.read() as session:
        case = find_case(session, case_no)
        rows = list(case.notifications)
        for n in rows:
            session.expunge(n)
        return rows


def _pdf_text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_each_state_takes_its_template_and_composed_ones_are_marked(demo_store: Store) -> None:
    item = load_catalog().get(ITEM)
    assert {m.event for m in item.messages} == {"办结", "未办结"}  # what 003 gives this item
    assert set(TEMPLATE_FOR_STATE.values()) == {"受理", "补正", "未办结", "办结"}
    with demo_store.db.write() as session:
        case = _accept(session, ACCEPTED)
        case_no, name = case.case_no, case.person.name if case.person else ""
    [accepted] = _notes(demo_store, case_no)
    assert (accepted.event, accepted.state, accepted.composed) == ("受理", "已受理", True)
    assert accepted.template_source == "composed:受理" and accepted.phone is None  # no consent yet
    head = f"【演示镇医保服务站】尊敬的{name},您于2026年12月21日申请的转移接续手续办理已受理"
    assert accepted.text.startswith(head)
    assert case_no in accepted.text and "承诺于2027年01月18日前办结（如遇法定节假日顺延）" in accepted.text
    assert "*" not in accepted.text and "{" not in accepted.text

    # The centre approves and finishes it (a result by sync): 办结 in 003's words, queued for the hub.
    with demo_store.db.write() as session:
        case = find_case(session, case_no)
        for action in (Action.APPROVE, Action.COMPLETE):
            apply_action(session, case, action, item=SyncedItem(ITEM, case.item_name), clerk=None, actor=CENTRE)
        pending = select(SyncOutbox).where(SyncOutbox.case_uuid == case.uuid, SyncOutbox.status == "pending")
        assert session.scalar(pending) is not None
    done = _notes(demo_store, case_no)[-1]
    assert (done.event, done.composed) == ("办结", False) and (done.template_source or "").startswith("003#")
    source = next(str(m.source) for m in item.messages if m.event == "办结")
    assert done.template_source == source[:80]  # the seed line the template was taken from
    assert done.text == (
        f"【演示镇医保服务站】尊敬的{name},您于2026年12月21日办理的转移接续已完成。如有疑问，请咨询0854-8198115。"
    )

    # 不予受理 takes 003's 未办结 template with the reason.
    refused_no = _draft(demo_store, all_materials=True)
    with demo_store.db.write() as session:
        case = find_case(session, refused_no)
        apply_action(session, case, Action.REFUSE, item=item, clerk=_clerk(session), reason="不属于本统筹区参保人员")
    [refused] = _notes(demo_store, refused_no)
    assert (refused.event, refused.state, refused.composed) == ("未办结", "不予受理", False)
    assert "原因为：不属于本统筹区参保人员" in refused.text and (refused.template_source or "").startswith("003#")

    # 退回补正 has no 003 template: the composed one names every missing material.
    supplement_no = _draft(demo_store, all_materials=False)
    with demo_store.db.write() as session:
        case = find_case(session, supplement_no)
        missing = [e.name for e in material_entries(session, case)]
        apply_action(session, case, Action.RETURN_FOR_SUPPLEMENT, item=item, clerk=_clerk(session), reason="材料不全")
    [supplement] = _notes(demo_store, supplement_no)
    assert (supplement.event, supplement.composed, supplement.template_source) == ("补正", True, "composed:补正")
    assert all(m in supplement.text for m in missing) and supplement_no in supplement.text
    assert COMPOSED["补正"].startswith("【经办机构落款】")


def test_consent_is_kept_with_the_case_and_paper_shows_it(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.db.write() as session:
        case = _accept(session, ACCEPTED)
        case_no = case.case_no
        with pytest.raises(ValidationError) as err:
            set_sms_consent(session, case, "12345", True, None)
        assert err.value.code == "notify.bad_phone"
        set_sms_consent(session, case, PHONE, True, None)
    with demo_store.db.read() as session:
        case = find_case(session, case_no)
        assert case.sms_consent and case.sms_phone == PHONE
        assert case.notifications[-1].phone == PHONE  # the 受理 message made at submit goes too
        assert case.events[-1].action == "sms_consent" and PHONE not in (case.events[-1].reason or "")
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "case.sms_consent"))
        assert entry is not None and PHONE not in entry.detail and "138****8000" in entry.detail
        bundle = CaseBundle(case, material_entries(session, case), load_catalog().get(ITEM), clock.today_local())
        text = _pdf_text(render_receipt(receipt(bundle)), tmp_path, "receipt.pdf")
    flat = "".join(text.split())  # table cells wrap
    assert "2027年01月18日前办结" in flat and "如遇法定节假日顺延" in flat
    assert "短信通知至138****8000" in flat and PHONE not in flat


def test_the_result_notices_print_the_kept_text(demo_store: Store, tmp_path: Path) -> None:
    item = load_catalog().get(ITEM)
    refused_no = _draft(demo_store, all_materials=True)
    with demo_store.db.write() as session:
        case = find_case(session, refused_no)
        apply_action(session, case, Action.REFUSE, item=item, clerk=_clerk(session), reason="已在异地办理")
        case = _accept(session)
        for action in (Action.APPROVE, Action.COMPLETE):
            apply_action(session, case, action, item=SyncedItem(ITEM, case.item_name), clerk=None, actor=CENTRE)
        done_no = case.case_no
    with demo_store.db.read() as session:
        def bundle(case_no: str) -> CaseBundle:
            case = find_case(session, case_no)
            return CaseBundle(case, material_entries(session, case), item, clock.today_local())

        def kept(case_no: str, event: str) -> str:
            return "".join([n.text for n in find_case(session, case_no).notifications if n.event == event][-1].split())

        refused = _pdf_text(render_refusal_notice(refusal(bundle(refused_no))), tmp_path, "refusal.pdf")
        done = _pdf_text(render_completion_notice(completion(bundle(done_no))), tmp_path, "done.pdf")
        assert kept(refused_no, "未办结") in "".join(refused.split())
        assert kept(done_no, "办结") in "".join(done.split())


def test_messages_reach_the_hub_once_and_its_gateway_sends_only_with_consent(
    demo_store: Store, hub: LoopbackHub, caplog: pytest.LogCaptureFixture
) -> None:
    assert enroll_station(demo_store, hub.url).status == "approved"
    with demo_store.db.write() as session:
        agreed = _accept(session)
        set_sms_consent(session, agreed, PHONE, True, None)
        silent = _accept(session)
        agreed_no, silent_no, name = agreed.case_no, silent.case_no, agreed.person.name if agreed.person else "?"

    def run() -> None:
        with http_client(hub.url) as http:
            engine = make_engine(demo_store, http, SyncOptions(), retries=1, backoff_s=0.0)
            engine.client.sleep = lambda _s: None
            assert engine.run().rejected == 0

    with caplog.at_level(logging.INFO, logger="hub.sms"):
        run()
        run()  # resent records do not record a message twice
    rows = {m["case_no"]: m for m in hub.admin("GET", "/admin/messages") if m["case_no"] in (agreed_no, silent_no)}
    assert rows[agreed_no]["status"] == "sent" and rows[agreed_no]["phone"] == "138****8000"
    assert rows[agreed_no]["event"] == "受理" and rows[agreed_no]["composed"] is True
    assert rows[silent_no]["status"] == "no_consent" and rows[silent_no]["phone"] == ""
    assert _notes(demo_store, agreed_no)[-1].text == rows[agreed_no]["text"]  # the exact text
    all_rows = hub.admin("GET", "/admin/messages")
    assert len([m for m in all_rows if m["case_no"] == agreed_no]) == 1
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "hub.sms")
    assert "138****8000" in logged and PHONE not in logged and name not in logged
    assert hub.stats()["messages_sent"] >= 1

    # Consent given after the first upload: the message of the current state goes out then.
    with demo_store.db.write() as session:
        set_sms_consent(session, find_case(session, silent_no), "13900139000", True, None)
    run()
    after = {m["case_no"]: m for m in hub.admin("GET", "/admin/messages")}
    assert after[silent_no]["status"] == "sent" and after[silent_no]["phone"] == "139****9000"


def test_a_record_from_an_older_station_still_goes_in(demo_store: Store, hub: LoopbackHub) -> None:
    """An older station sends no notifications and no deadline fields: the hub takes the record
    and records no message (the defaults of the new fields)."""
    assert enroll_station(demo_store, hub.url).status == "approved"
    with demo_store.db.write() as session:
        case = _accept(session)
        from sync.records import case_record

        record = case_record(session, case).model_dump(mode="json")
        code = case.station.code
    for key in ("notifications", "deadline_provisional", "promised_date_given", "promised_date_exact"):
        del record[key]
    record["uuid"] = str(uuid.uuid4())
    old = p.CaseRecord.model_validate(record)
    assert old.notifications == [] and old.deadline_provisional is False
    with hub.hub.db.read() as session:
        station = session.scalar(select(HubStation).where(HubStation.code == code))
        assert station is not None
        session.expunge(station)
    out = hub.hub.receive_batch(station, p.CaseBatchInput(batch_id="old-station-1", cases=[old]))
    assert [a.result for a in out.acks] == ["accepted"]
    assert [m for m in hub.admin("GET", "/admin/messages") if m["case_no"] == old.case_no] == []


def test_a_message_that_cannot_be_filled_never_blocks_the_case(demo_store: Store) -> None:
    """No applicant on the case: no message, the case is accepted all the same."""
    with demo_store.db.write() as session:
        case = _open(session, all_materials=True, person=False)
        apply_action(session, case, Action.ACCEPT, item=load_catalog().get(ITEM), clerk=_clerk(session))
        assert case.state is CaseState.ACCEPTED and case.notifications == []


def test_a_county_gateway_is_named_in_configuration_and_gets_only_consented_messages(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub.sms import ENV_GATEWAY, LoggingGateway, load_gateway
    from models.errors import UserFacingError

    assert isinstance(load_gateway(""), LoggingGateway)
    for bad in ("no_such_module:make", "tests.sync_helpers:nothing", "tests.sync_helpers", "tests.sync_helpers:TOKEN"):
        with pytest.raises(UserFacingError) as err:
            load_gateway(bad)
        assert err.value.code == "hub.sms_gateway_bad"
    RecordingGateway.handed.clear()
    monkeypatch.setenv(ENV_GATEWAY, "tests.sync_helpers:RecordingGateway")
    with loopback_hub(tmp_path / "hub-data") as hub:
        assert isinstance(hub.hub.gateway, RecordingGateway)
        assert enroll_station(demo_store, hub.url).status == "approved"
        with demo_store.db.write() as session:
            agreed = _accept(session)
            set_sms_consent(session, agreed, PHONE, True, None)
            _accept(session)  # no consent: recorded by the hub, never handed to the gateway
            text = agreed.notifications[-1].text
        with http_client(hub.url) as http:
            engine = make_engine(demo_store, http, SyncOptions(), retries=1, backoff_s=0.0)
            engine.client.sleep = lambda _s: None
            assert engine.run().rejected == 0
    assert RecordingGateway.handed == [(PHONE, text)]


def test_the_forms_consent_is_recorded_at_submit_once_and_goes_with_the_supplement_message(
    demo_store: Store,
) -> None:
    """The intake form's answer (kept on the draft by the autosave) is recorded when the case is
    submitted, before the state's message is made: a 补正 message carries the number at once; the
    same answer at the next submit is not recorded again; a changed one is; a 固定电话 is refused."""
    from models.intake import Identity, form_rows
    from models.intake.service import save_draft, set_material, start_draft
    from models.intake.submit import submit
    from models.orm import CaseEvent
    from tests.test_catalog_profiles import ID, _sample

    rows = [row for row in form_rows(load_catalog().get(ITEM)) if row.required]
    values = {row.key: _sample(row) for row in rows} | {"name": "贵演示", "phone": PHONE}
    with demo_store.db.write() as session:
        draft = start_draft(session, ITEM, Identity(ID, "贵演示"), values)
        save_draft(session, draft.with_values(values, sms_consent=True))
    with demo_store.db.read() as session:
        case = find_case(session, draft.case_no)
        assert case.sms_consent and case.sms_phone == PHONE and case.events[-1].action != "sms_consent"

    def said(case_no: str) -> list[str | None]:
        with demo_store.db.read() as session:
            case = find_case(session, case_no)
            query = select(CaseEvent.reason).where(CaseEvent.case_id == case.id, CaseEvent.action == "sms_consent")
            return list(session.scalars(query.order_by(CaseEvent.seq)))

    with demo_store.db.write() as session:  # the ID material not yet received: 补正
        result = submit(session, draft.case_no)
    assert not result.accepted and result.message_to == "138****8000"
    [supplement] = _notes(demo_store, draft.case_no)
    assert supplement.event == "补正" and supplement.phone == PHONE
    assert said(draft.case_no) == ["同意短信通知（138****8000）"]

    with demo_store.db.write() as session:
        for entry in material_entries(session, find_case(session, draft.case_no)):
            set_material(session, draft.case_no, entry.material_key, "received")
        result = submit(session, draft.case_no)
    assert result.accepted and _notes(demo_store, draft.case_no)[-1].phone == PHONE
    assert said(draft.case_no) == ["同意短信通知（138****8000）"]  # the same answer: once

    # Another case: consent ticked with a 固定电话 is refused at submit; unticked, no event at all.
    with demo_store.db.write() as session:
        other_id = demo_id_number_for_test()
        landline = values | {"name": "黔演示", "id_number": other_id, "phone": "0854-8198115"}
        other = start_draft(session, ITEM, Identity(other_id, "黔演示"), {"name": "黔演示"})
        save_draft(session, other.with_values(landline, sms_consent=True))
        for entry in material_entries(session, find_case(session, other.case_no)):
            set_material(session, other.case_no, entry.material_key, "received")
    with pytest.raises(ValidationError) as err, demo_store.db.write() as session:
        submit(session, other.case_no)
    assert err.value.code == "notify.bad_phone"
    with demo_store.db.write() as session:
        save_draft(session, other.with_values(landline, sms_consent=False))
        assert submit(session, other.case_no).accepted
    assert said(other.case_no) == [] and _notes(demo_store, other.case_no)[-1].phone is None


def demo_id_number_for_test() -> str:
    from models.demo import demo_id_number

    return demo_id_number("19750505", "515")


def test_a_station_without_a_consult_phone_is_told_why_no_message_was_made(demo_store: Store) -> None:
    """Every template ends 如有疑问，请咨询******(电话): a national station whose county has not
    installed its local configuration (咨询电话) makes no message, and the submit result says why."""
    from models.catalog.loader import catalog_home, clear_cache
    from models.intake import Identity, form_rows
    from models.intake.service import save_draft, set_material, start_draft
    from models.intake.submit import submit
    from tests.test_catalog_profiles import ID, _sample, _set_region

    for path in (catalog_home() / "overrides").glob("*.yaml"):
        path.unlink()  # the demo's 都匀 phones
    _set_region(demo_store, "410102")
    clear_cache()
    rows = [row for row in form_rows(load_catalog().get(ITEM)) if row.required]
    values = {row.key: _sample(row) for row in rows} | {"name": "贵演示"}
    with demo_store.db.write() as session:
        draft = start_draft(session, ITEM, Identity(ID, "贵演示"), values)
        save_draft(session, draft.with_values(values))
        for entry in material_entries(session, find_case(session, draft.case_no)):
            set_material(session, draft.case_no, entry.material_key, "received")
        result = submit(session, draft.case_no)
    assert result.accepted and result.message == "" and result.message_missing == "phone"
    assert _notes(demo_store, draft.case_no) == []
