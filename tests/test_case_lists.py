"""The case desk's work lists and the detail record, on the demo station (real SQLite, real hub)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from models import clock
from models.case_lists import LISTS, list_counts, work_list
from models.case_views import view_case
from models.cases import apply_action, set_material_status
from models.centre_rejections import rejected_by_centre
from models.deadlines import load_calendar
from models.lifecycle import Action, CaseState
from models.media import media_path, store_bytes
from models.orm import AuditEntry, Case, Clerk, MaterialEntry, MaterialFile, PrintLog, SyncOutbox
from models.store import Store

TODAY = clock.today_local()


def rows(store: Store, which: str, today: dt.date = TODAY) -> list[dict[str, object]]:
    with store.db.read() as session:
        return work_list(session, which, today)


def item_of(store: Store, name_part: str) -> Case:
    with store.db.read() as session:
        case = next(c for c in session.scalars(select(Case)) if name_part in c.item_name)
        session.expunge(case)
        return case


def test_every_list_has_a_label_and_unknown_lists_are_refused(demo_store: Store) -> None:
    assert {key for key, _ in LISTS} >= {"today", "awaiting_sync", "rejected", "materials", "overdue", "due_soon"}
    with demo_store.db.read() as session, pytest.raises(ValueError):
        work_list(session, "nonsense", TODAY)


def test_today_lists_what_was_accepted_today_not_drafts_nor_returned_cases(demo_store: Store) -> None:
    from models.case_lists import list_counts
    from models.lifecycle import CaseState
    from models.orm import Case

    today = rows(demo_store, "today")
    names = {r["item_name"] for r in today}
    # Demo: 城乡居民参保登记 accepted today; 出具《参保凭证》 is a draft typed today (not accepted);
    # the 门诊慢特病 case was returned for 补正.
    assert "城乡居民参保登记" in names
    assert "出具《参保凭证》" not in names
    assert not any("门诊慢特病" in n for n in names)
    assert {r["state"] for r in today} <= {s.value for s in CaseState} - {"草稿", "退回补正"}
    with demo_store.db.read() as session:
        assert list_counts(session, TODAY)["today"] == len(today)
    # A case sent back for 补正 today, even one carrying an acceptance time, is not 受理 today.
    with demo_store.db.write() as session:
        case = session.query(Case).filter(Case.case_no == today[0]["case_no"]).one()
        assert case.accepted_at is not None
        case.state = CaseState.SUPPLEMENT
    assert len(rows(demo_store, "today")) == len(today) - 1
    assert rows(demo_store, "today", TODAY + dt.timedelta(days=30)) == []


def test_deadline_colours_follow_working_days(demo_store: Store) -> None:
    from models.catalog import load_catalog
    from models.demo import accept_sample_case

    resident = item_of(demo_store, "城乡居民参保登记")
    with demo_store.db.write() as session:  # 门(急)诊费用报销: 不超过30个工作日
        case = accept_sample_case(session, load_catalog(), "002036006001", [])
        case.person_id = resident.person_id
    accepted = item_of(demo_store, "门(急)诊费用报销")
    assert accepted.promised_date is not None
    with demo_store.db.read() as session:
        calendar = load_calendar(session)
    # The day before the promised date is "due soon" (amber) and the day after overdue (red).
    before = accepted.promised_date - dt.timedelta(days=1)
    row = next(r for r in rows(demo_store, "open", before) if r["case_no"] == accepted.case_no)
    # A count that runs into a year whose holidays are not published yet says so (issue 18).
    shown = row["deadline"].removesuffix("（暂定）")
    assert row["due_soon"] and not row["overdue"] and shown in ("剩1个工作日", "剩0个工作日")
    after = calendar.add_working_days(accepted.promised_date, 2)
    row = next(r for r in rows(demo_store, "overdue", after) if r["case_no"] == accepted.case_no)
    assert row["overdue"] and row["deadline"] == "超期2个工作日"
    assert row["applicant"] == "张**" and "*" in str(row["id_number"])  # lists stay masked


def test_waiting_for_materials_names_what_is_owed(demo_store: Store) -> None:
    # A 容缺受理 case: 异地安置退休人员备案 accepted with the 认定材料 deferred.
    from models.cases import MaterialLine, open_case
    from models.catalog import load_catalog

    with demo_store.db.write() as session:
        item = load_catalog().get("002036004001")
        station = session.scalar(select(Case)).station
        case = open_case(
            session,
            station=station,
            item=item,
            catalog_version="x",
            clerk=None,
            materials=[MaterialLine(m.key, m.name) for m in item.materials if m.required and m.condition is None],
        )
        for key in ("id_credential", "filing_form"):
            set_material_status(session, case, key, "received")
        apply_action(session, case, Action.ACCEPT, item=item, clerk=None, deficiency=True)
        deferred_no = case.case_no
    listed = {r["case_no"]: r for r in rows(demo_store, "materials")}
    supplement = item_of(demo_store, "门诊慢特病")
    assert set(listed) == {deferred_no, supplement.case_no}
    assert str(listed[deferred_no]["note"]).startswith("容缺待补：异地安置认定材料")
    assert str(listed[supplement.case_no]["note"]).startswith("待补：")
    # Once the material comes in and is recorded, the case leaves the list.
    with demo_store.db.write() as session:
        case = session.scalar(select(Case).where(Case.case_no == deferred_no))
        assert case is not None
        set_material_status(session, case, "resettlement_proof", "received")
    assert deferred_no not in {r["case_no"] for r in rows(demo_store, "materials")}


def test_awaiting_sync_follows_the_outbox(demo_store: Store) -> None:
    waiting = {r["case_no"]: r["note"] for r in rows(demo_store, "awaiting_sync")}
    assert len(waiting) == 4 and set(waiting.values()) == {"等待上传"}  # the draft is not queued
    with demo_store.db.write() as session:
        outbox = list(session.scalars(select(SyncOutbox)))
        outbox[0].status = "sent"
        for row in outbox[1:]:
            row.status = "acked"
    waiting = {r["case_no"]: r["note"] for r in rows(demo_store, "awaiting_sync")}
    assert list(waiting.values()) == ["已发送，等待中心确认"]
    with demo_store.db.read() as session:
        assert list_counts(session, TODAY)["awaiting_sync"] == 1


# Rejected by the centre: a real hub on loopback rejects a case whose photo rotted on disk ------


@pytest.fixture
def hub_url(tmp_path: Path) -> Iterator[str]:
    from tests.sync_helpers import loopback_hub

    with loopback_hub(tmp_path / "hub-data") as hub:
        yield hub.url


def test_rejected_by_the_centre_shows_the_reopened_draft_and_the_reason(demo_store: Store, hub_url: str) -> None:
    from sync.engine import SyncOptions
    from sync.runner import enroll_station, http_client, make_engine
    from tests.sync_helpers import add_photo

    assert enroll_station(demo_store, hub_url).status == "approved"
    target = item_of(demo_store, "城乡居民参保登记")
    photo = add_photo(demo_store, b"a photo that rots on disk" * 50, Case.id == target.id)
    material_key, material_name = photo.material_key, photo.material_name
    media_path(demo_store.paths.media, photo.sha).write_bytes(b"bit rot")
    with http_client(hub_url) as http:
        report = make_engine(demo_store, http, SyncOptions()).run()
    assert report.rejected == 1 and len(report.reopened) == 1

    listed = rows(demo_store, "rejected")
    assert [r["case_no"] for r in listed] == report.reopened  # the draft to fix, not the old revision
    note = str(listed[0]["note"])
    assert note.startswith("中心退回：") and material_name in note  # the material by its catalog name
    assert material_key not in note
    with demo_store.db.read() as session:
        assert list_counts(session, TODAY)["rejected"] == 1
        draft_case = session.scalar(select(Case).where(Case.case_no == report.reopened[0]))
        assert draft_case is not None and draft_case.parent_uuid == target.uuid
    # The detail of the reopened draft says why and where it came from; the old one's sync state too.
    with demo_store.db.write() as session:
        detail = view_case(session, report.reopened[0], None, TODAY)
        old = view_case(session, target.case_no, None, TODAY)
    assert detail["parent_case_no"] == target.case_no and material_name in detail["centre_rejection"]
    assert [s["status"] for s in old["sync"]][-1] == "rejected" and "退回" in old["sync"][-1]["answer"]

    # Once the clerk takes the material in again and accepts, the draft leaves the list.
    with demo_store.db.write() as session:
        draft = session.scalar(select(Case).where(Case.case_no == report.reopened[0]))
        assert draft is not None
        from models.catalog.for_case import item_for

        set_material_status(session, draft, material_key, "received")
        apply_action(session, draft, Action.ACCEPT, item=item_for(draft), clerk=None)
        assert draft.state is CaseState.ACCEPTED
        assert rejected_by_centre(session) == []


# The detail record: labels, materials, prints, masking by role, audit ----------------------------


def test_detail_uses_catalog_labels_and_masks_by_role(demo_store: Store) -> None:
    case = item_of(demo_store, "城乡居民参保登记")
    with demo_store.db.write() as session:
        row = session.get(Case, case.id)
        assert row is not None and row.person is not None
        row.person.phone = "13800138000"
        from models.cases import set_fields

        set_fields(
            session,
            row,
            {
                "phone": "13800138000",
                "applicant_identity": "无业成年人",
                "name": row.person.name,
                "id_number": row.person.id_number,
            },
        )
        sha = store_bytes(demo_store.paths.media, b"\x89PNG fake page")
        entry = session.scalar(select(MaterialEntry).where(MaterialEntry.case_id == row.id).order_by(MaterialEntry.id))
        assert entry is not None
        entry.files.append(MaterialFile(sha256=sha, mime="image/png", size=14, page_no=1, created_at=clock.now()))
        clerk = session.scalar(select(Clerk).where(Clerk.login == "dayin"))
        assert clerk is not None
        session.add(PrintLog(case_id=row.id, document="receipt", clerk_id=clerk.id, at=clock.now(), copies=1))
        session.add(
            PrintLog(
                case_id=row.id,
                document="receipt",
                clerk_id=clerk.id,
                at=clock.now(),
                copies=2,
                reprint=True,
                reason="申请人遗失回执",
            )
        )
        ids = {c.login: c.id for c in session.scalars(select(Clerk))}
        id_number = row.person.id_number
    audits_before = _audit_count(demo_store)

    with demo_store.db.write() as session:
        intake_view = view_case(session, case.case_no, ids["shouli"], TODAY)  # 受理员: may see it whole
    assert intake_view["full"] and intake_view["id_number"] == id_number and intake_view["phone"] == "13800138000"
    labels = {f["label"]: f["value"] for f in intake_view["field_values"]}
    assert labels["联系电话"] == "13800138000" and labels["申请人身份"] == "无业成年人"
    assert labels["证件号码"] == id_number
    assert _audit_count(demo_store) == audits_before + 1
    with demo_store.db.read() as session:
        entry_row = session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))
        assert entry_row is not None and entry_row.action == "person.view" and entry_row.clerk_login == "shouli"
        assert id_number not in entry_row.detail and json.loads(entry_row.detail)["case_no"] == case.case_no

    with demo_store.db.write() as session:
        printer_view = view_case(session, case.case_no, ids["dayin"], TODAY)  # 打印员: masked, not audited
    assert not printer_view["full"] and printer_view["id_number"] != id_number
    assert printer_view["id_number"].endswith(id_number[-4:]) and printer_view["phone"] == "138****8000"
    labels = {f["label"]: f["value"] for f in printer_view["field_values"]}
    assert labels["联系电话"] == "138****8000" and id_number not in labels["证件号码"]
    assert labels["申请人身份"] == "无业成年人"
    assert _audit_count(demo_store) == audits_before + 1

    materials = {m["key"]: m for m in printer_view["materials"]}
    assert materials[entry.material_key]["files"][0]["sha256"] == sha
    assert materials[entry.material_key]["status_label"] == "已收取"
    prints = printer_view["prints"]
    assert [(p["document"], p["clerk"], p["copies"], p["reprint"], p["reason"]) for p in prints] == [
        ("receipt", "dayin", 1, False, ""),
        ("receipt", "dayin", 2, True, "申请人遗失回执"),
    ]
    assert printer_view["sync"][0]["status_label"] == "待上传"
    events = printer_view["events"]
    # 城乡居民参保登记 is a 即办件 the demo township may not approve: accepted, then forwarded.
    assert events[0]["action"] == "open" and events[-2]["action"] == "accept" and events[-2]["who"] == "shouli"
    assert events[-1]["action"] == "forward"


def _audit_count(store: Store) -> int:
    with store.db.read() as session:
        return len(list(session.scalars(select(AuditEntry.id))))
