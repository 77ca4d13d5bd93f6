"""The case desk's work lists and detail panel, driven with pytest-qt on the demo station.

Material pages are real encrypted-at-rest-capable media files (models.media): photographed
A4 pages from devices/camera/synthetic.py saved as JPEG, and a real PDF from printing/. A
rejection is stored exactly as sync/engine.py stores one (a hub answer and the reopened draft).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models import clock
from models.errors import ValidationError
from models.orm import AuditEntry, Case, Clerk, MaterialEntry, SyncBatch, SyncBatchItem, SyncOutbox
from models.store import Store
from tests.qt_helpers import cell

if TYPE_CHECKING:
    from desktop.case_desk import CaseDesk
    from desktop.main_window import MainWindow


def _jpeg(seed: int) -> bytes:
    from devices.camera.synthetic import photographed_page

    ok, buf = cv2.imencode(".jpg", photographed_page(seed), [cv2.IMWRITE_JPEG_QUALITY, 80])
    assert ok
    return bytes(buf)


def _pdf() -> bytes:
    from printing import render
    from printing.layout import RenderOptions
    from tests.test_print_documents import receipt_data

    return render("receipt", receipt_data(), RenderOptions())


@pytest.fixture
def desk_store(demo_store: Store) -> Store:
    """Demo data plus: three photographed pages and a PDF on the accepted 城乡居民参保登记 case,
    an overdue case, a print and a reprint, and a case the centre rejected."""
    from models.intake.service import attach_file
    from models.print_log import record_print
    from sync import protocol as p
    from sync.records import reopen_rejected

    with demo_store.db.write() as session:
        cases = {c.item_name: c for c in session.scalars(select(Case))}
        target = cases["城乡居民参保登记"]
        entries = select(MaterialEntry).where(MaterialEntry.case_id == target.id)
        keys = [e.material_key for e in session.scalars(entries)]
        # Attach as the counter does (the case is already accepted: straight through the service).
        from models.lifecycle import CaseState

        row = session.get(Case, target.id)
        assert row is not None
        row.state = CaseState.DRAFT  # attach_file works on any case; state restored below
        attach_file(session, demo_store.paths.media, row.case_no, keys[0], _jpeg(1), "image/jpeg")
        attach_file(session, demo_store.paths.media, row.case_no, keys[0], _jpeg(2), "image/jpeg")
        attach_file(session, demo_store.paths.media, row.case_no, keys[1], _jpeg(3), "image/jpeg")
        row.state = CaseState.ACCEPTED
        clerk = session.scalar(select(Clerk).where(Clerk.login == "dayin"))
        assert clerk is not None
        record_print(session, document="receipt", pdf=b"%PDF first", case_id=row.id, clerk_id=clerk.id)
        record_print(
            session,
            document="receipt",
            pdf=b"%PDF again",
            case_id=row.id,
            clerk_id=clerk.id,
            copies=2,
            reprint_reason="申请人遗失回执",
        )
        # An overdue case: promised three working days ago.
        late = cases["异地长期居住人员备案"]
        late.promised_date = clock.today_local() - dt.timedelta(days=5)
        # The centre rejected 城乡居民参保信息变更登记: stored as sync/engine.py _store_acks stores it.
        rejected = cases["城乡居民参保信息变更登记"]
        material = session.scalar(select(MaterialEntry).where(MaterialEntry.case_id == rejected.id))
        assert material is not None
        ack = p.CaseAck(
            uuid=rejected.uuid,
            revision=rejected.revision,
            result="rejected",
            reason_code="material.file_missing",
            material=material.material_key,
            reason="material file not received",
        )
        batch = SyncBatch(batch_id="b-1", status="acked", cases=1, rejected=1, started_at=clock.now())
        session.add(batch)
        session.flush()
        outbox = session.scalar(select(SyncOutbox).where(SyncOutbox.case_uuid == rejected.uuid))
        assert outbox is not None
        outbox.status, outbox.acked_at = "rejected", clock.now()
        draft = reopen_rejected(session, rejected, ack, clock.now())
        session.add(
            SyncBatchItem(
                batch_id=batch.id,
                outbox_id=outbox.id,
                case_uuid=rejected.uuid,
                revision=rejected.revision,
                result="rejected",
                reason_code=ack.reason_code,
                material=ack.material,
                reason=ack.reason,
                reopened_uuid=draft.uuid,
            )
        )
    return demo_store


@pytest.fixture
def window(qtbot: QtBot, desk_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(desk_store, "演示镇医保服务站", "522701001", "乡镇")
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitExposed(win)
    win.tabs.setCurrentWidget(win.case_desk)
    yield win
    detail = win.case_desk.detail
    if detail.viewer is not None:
        detail.viewer.close()
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=10_000)
    win.close()


def clerk_id(store: Store, login: str) -> int:
    with store.db.read() as session:
        clerk = session.scalar(select(Clerk).where(Clerk.login == login))
        assert clerk is not None
        return clerk.id


def idle(qtbot: QtBot, desk: CaseDesk) -> None:
    qtbot.waitUntil(lambda: not desk._ops.busy, timeout=10_000)


def show_list(qtbot: QtBot, desk: CaseDesk, which: str) -> list[dict[str, object]]:
    idle(qtbot, desk)  # earlier refreshes land first
    desk.show_list(which)
    idle(qtbot, desk)
    source = desk.table.source
    return [source.row_data(i) for i in range(source.rowCount())]  # type: ignore[misc]


def select_case(qtbot: QtBot, desk: CaseDesk, case_no: str) -> dict[str, object]:
    idle(qtbot, desk)
    detail = desk.detail
    with qtbot.waitSignal(detail.detail_loaded, timeout=10_000) as loaded:
        assert desk.table.select_case(case_no)
    record: dict[str, object] = loaded.args[0]
    return record


def test_work_lists_with_counts_colours_and_the_centres_reason(
    qtbot: QtBot, window: MainWindow, screenshots: Path
) -> None:
    from widgets.case_table import COLUMNS, DUE_SOON, OVERDUE

    desk = window.case_desk
    with qtbot.waitSignal(desk.counts_loaded, timeout=10_000) as counted:
        desk.refresh()
    counts = counted.args[0]
    assert counts["rejected"] == 1 and counts["overdue"] >= 1 and counts["materials"] >= 1
    assert "（1）" in desk.filter_box.itemText(desk.filter_box.findData("rejected"))

    overdue = show_list(qtbot, desk, "overdue")
    assert len(overdue) == counts["overdue"]
    assert "异地长期居住人员备案" in {r["item_name"] for r in overdue}
    assert all(str(r["deadline"]).startswith("超期") for r in overdue)
    model = desk.table.source
    for n in range(len(overdue)):
        assert model.data(model.index(n, 0), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE

    rejected = show_list(qtbot, desk, "rejected")
    assert len(rejected) == 1 and rejected[0]["state"] == "草稿"
    note_col = [k for k, _ in COLUMNS].index("note")
    note = model.data(model.index(0, note_col), Qt.ItemDataRole.DisplayRole)
    assert note.startswith("中心退回：材料文件未收到") and "材料“" in note

    waiting = show_list(qtbot, desk, "materials")
    assert any(str(r["note"]).startswith("待补：") for r in waiting)
    today = show_list(qtbot, desk, "today")
    assert any(r["item_name"] == "城乡居民参保登记" for r in today)

    soon = show_list(qtbot, desk, "open")
    flagged = [i for i, r in enumerate(soon) if r["due_soon"]]
    if flagged:  # depends on today's calendar: a 1-working-day item accepted today is amber
        assert model.data(model.index(flagged[0], 0), Qt.ItemDataRole.BackgroundRole).color() == DUE_SOON

    show_list(qtbot, desk, "all")  # every colour and the centre's note in one view
    record = select_case(qtbot, desk, str(rejected[0]["case_no"]))
    assert record["parent_case_no"] and desk.detail.notice.isVisible()
    assert "中心退回" in desk.detail.notice.text()
    desk.detail.tabs.setCurrentIndex(2)  # the timeline
    assert window.grab().save(str(screenshots / "case_desk_worklists.png"))


def test_detail_with_thumbnails_viewer_prints_and_masking(
    qtbot: QtBot, window: MainWindow, desk_store: Store, screenshots: Path
) -> None:
    desk = window.case_desk
    detail = desk.detail
    rows = show_list(qtbot, desk, "all")
    case_no = next(str(r["case_no"]) for r in rows if r["item_name"] == "城乡居民参保登记")

    # 打印员: masked numbers, no audit entry.
    window.ctx.clerk_id = clerk_id(desk_store, "dayin")
    audits = _audits(desk_store)
    with qtbot.waitSignal(detail.thumbnails_loaded, timeout=15_000) as thumbs:
        record = select_case(qtbot, desk, case_no)
    assert not record["full"] and "*" in str(record["id_number"]) and "已遮蔽" in detail.header.text()
    assert thumbs.args[0] == 3 and detail.thumbnails.count() == 3
    assert _audits(desk_store) == audits
    prints = [[cell(detail.prints, r, c) for c in range(6)] for r in range(detail.prints.rowCount())]
    assert prints[0][1] == "受理回执" and prints[0][2] == "dayin" and prints[0][4] == ""
    assert prints[1][3] == "2" and prints[1][4] == "补打" and prints[1][5] == "申请人遗失回执"
    timeline = [cell(detail.timeline, r, 2) for r in range(detail.timeline.rowCount())]
    assert timeline[0] == "创建" and "受理" in timeline
    assert cell(detail.sync, 0, 1) == "待上传"
    assert detail.action_bar is window.desk_actions
    qtbot.waitUntil(lambda: window.desk_actions.case_no == case_no)

    # Keyboard: the thumbnails, Enter opens the viewer, PgDn the next page, + zooms, Esc closes.
    detail.tabs.setCurrentIndex(1)
    detail.thumbnails.setFocus()
    with qtbot.waitSignal(detail.page_shown, timeout=10_000) as shown:
        qtbot.keyClick(detail.thumbnails, Qt.Key.Key_Return)
    viewer = detail.viewer
    assert shown.args[0] == 0 and viewer is not None and viewer.isVisible()
    assert viewer.image_label.pixmap() is not None and not viewer.image_label.pixmap().isNull()
    assert "第 1 / 3 页" in viewer.position.text()
    with qtbot.waitSignal(detail.page_shown, timeout=10_000) as shown:
        qtbot.keyClick(viewer, Qt.Key.Key_PageDown)
    assert shown.args[0] == 1 and "第 2 / 3 页" in viewer.position.text()
    before = viewer.image_label.pixmap().width()
    qtbot.keyClick(viewer, Qt.Key.Key_Plus)
    assert viewer.image_label.pixmap().width() > before and not viewer.fit
    with qtbot.waitSignal(detail.page_shown, timeout=10_000) as shown:
        qtbot.keyClick(viewer, Qt.Key.Key_PageUp)
    assert shown.args[0] == 0
    viewer.resize(700, 760)
    qtbot.keyClick(viewer, Qt.Key.Key_0)  # fit the page to the window again
    assert viewer.fit
    assert viewer.grab().save(str(screenshots / "case_detail_viewer.png"))
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()
    assert window.grab().save(str(screenshots / "case_detail.png"))

    # Export of one material as a PDF: the export permission (管理员 only) is checked in the core.
    target = desk_store.paths.exports / "material.pdf"
    detail.choose_export_path = lambda _suggested: str(target)
    detail.materials.selectRow(0)
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # the viewer had the focus
    qtbot.keyClick(detail.materials, Qt.Key.Key_E, modifiers)
    qtbot.waitUntil(lambda: "无权执行“导出”" in detail.export_message.text(), timeout=10_000)
    assert not target.exists()  # 打印员 may not export
    window.ctx.clerk_id = clerk_id(desk_store, "admin")
    detail.export_material()
    qtbot.waitUntil(lambda: "已导出" in detail.export_message.text(), timeout=10_000)
    pages = int(record["materials"][0]["files"] and len(record["materials"][0]["files"]))
    assert target.read_bytes().startswith(b"%PDF") and f"已导出 {pages} 页" in detail.export_message.text()
    with desk_store.db.read() as session:
        last = session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))
        assert last is not None and last.action == "material.export" and last.clerk_login == "admin"
    audits = _audits(desk_store)

    # 受理员: whole numbers, and the view is in the audit log (masked there).
    window.ctx.clerk_id = clerk_id(desk_store, "shouli")
    desk.table.clearSelection()
    record = select_case(qtbot, desk, case_no)
    assert record["full"] and "*" not in str(record["id_number"]) and str(record["id_number"]) in detail.header.text()
    assert _audits(desk_store) == audits + 1
    with desk_store.db.read() as session:
        last = session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))
        assert last is not None and last.action == "person.view" and last.clerk_login == "shouli"
        assert str(record["id_number"]) not in last.detail
    # A refresh of the case on screen (the desk reloads after every change) is not a new view.
    with qtbot.waitSignal(detail.detail_loaded, timeout=10_000):
        desk.refresh()
    idle(qtbot, desk)
    assert _audits(desk_store) == audits + 1


def test_a_pdf_page_and_a_missing_file_are_shown_without_breaking(
    qtbot: QtBot, window: MainWindow, desk_store: Store
) -> None:
    from models.intake.service import attach_file
    from models.media import media_path

    with desk_store.db.write() as session:
        draft = session.scalar(select(Case).where(Case.item_name == "出具《参保凭证》"))
        assert draft is not None
        key = session.scalar(select(MaterialEntry.material_key).where(MaterialEntry.case_id == draft.id))
        assert key is not None
        snap = attach_file(session, desk_store.paths.media, draft.case_no, key, _pdf(), "application/pdf")
        # A file that only says it is a JPEG is refused when attached (it used to become a page
        # that could never be shown) …
        with pytest.raises(ValidationError) as refused:
            attach_file(session, desk_store.paths.media, draft.case_no, key, b"\xff\xd8 not really", "image/jpeg")
        assert refused.value.code == "intake.not_a_page"
        # … and a real page whose file is damaged on disk later still shows a placeholder.
        snap = attach_file(session, desk_store.paths.media, draft.case_no, key, _jpeg(9), "image/jpeg")
        case_no = snap.case_no
    with desk_store.db.read() as session:
        entry = session.scalar(
            select(MaterialEntry).where(MaterialEntry.case_id == draft.id, MaterialEntry.material_key == key)
        )
        assert entry is not None and len(entry.files) == 2
        media_path(desk_store.paths.media, entry.files[-1].sha256).write_bytes(b"damaged")
    desk = window.case_desk
    show_list(qtbot, desk, "draft")
    with qtbot.waitSignal(desk.detail.thumbnails_loaded, timeout=15_000) as thumbs:
        select_case(qtbot, desk, case_no)
    assert thumbs.args[0] == 1  # the PDF's first page; the broken JPEG shows a placeholder
    assert desk.detail.thumbnails.count() == 2
    # A file gone from disk: the viewer says so instead of failing.
    with desk_store.db.read() as session:
        shas = [p["sha256"] for p in desk.detail.pages]
    media_path(desk_store.paths.media, shas[0]).unlink()
    with qtbot.waitSignal(desk.detail.page_shown, timeout=10_000):
        desk.detail.open_page(0)
    assert desk.detail.viewer is not None and "无法显示" in desk.detail.viewer.image_label.text()


def _audits(store: Store) -> int:
    with store.db.read() as session:
        return len(list(session.scalars(select(AuditEntry.id))))
