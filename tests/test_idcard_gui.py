"""The ID card reader at the counter: the virtual SAM reader on a pty (a second process) read
into the identify step of the real main window, through desktop/idcard_bridge.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QThread
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from devices.idcard import IdCardConfig, IdCardManager
from devices.idcard.virtual import DEMO_CARDS
from models.intake.checklist import ID_READER_LABEL
from models.orm import Case
from models.orm.material import MaterialEntry
from models.store import Store
from tests.idcard_helpers import Emulator, running_emulator
from tests.test_intake_gui import ime

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")

WAIT = 15_000


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from running_emulator()


@pytest.fixture
def window(
    qtbot: QtBot, demo_store: Store, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    manager = IdCardManager(IdCardConfig(backend="serial", port=emulator.port, timeout=10.0))
    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇", idcard_manager=manager)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    human = iter(range(0, 10**9, 150))  # the clerk types at a person's pace, not a scanner gun's
    win.scanner._clock_ms = lambda: float(next(human))
    qtbot.waitUntil(lambda: win.idcard_bridge.monitoring, timeout=WAIT)
    yield win
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=WAIT)
    win.close()


def test_a_card_on_the_reader_fills_the_identify_step_and_ticks_the_identity_material(
    qtbot: QtBot, window: MainWindow, emulator: Emulator, demo_store: Store, screenshots: Path
) -> None:
    panel = window.intake.identify
    card = DEMO_CARDS["demo"]
    threads: list[object] = []
    window.idcard_bridge.card_read.connect(lambda _r: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(window.idcard_bridge.card_read, timeout=WAIT):
        emulator.say("place demo")
    assert threads == [QThread.currentThread()]  # delivered on the GUI thread
    assert panel.id_edit.text() == card.id_number and panel.name_edit.text() == "张演示"
    assert panel.id_message.text() == "公民身份号码校验通过"  # the counter's own GB 11643 check
    assert "居民身份证" in panel.idcard_label.text() and "2036-03-01" in panel.idcard_label.text()
    assert "已过期" not in panel.idcard_label.text()
    # No licensed WLT decoder configured: the screen says the photo is not available.
    assert panel.photo.isVisible() and panel.photo.text() == "照片不可用"
    assert "已读取居民身份证" in panel.message.text() and "照片不可用" in panel.message.text()
    assert panel.message.styleSheet() == "color: #1b6e20;"
    window.resize(1024, 740)
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=WAIT)
    assert window.grab().save(str(screenshots / "intake_identify_idcard.png"))

    qtbot.keyClick(panel.next_button, Qt.Key.Key_Return)
    flow = window.intake
    qtbot.waitUntil(lambda: flow.step == 1, timeout=WAIT)
    qtbot.keyClicks(flow.chooser.search, "002036005001")  # 门诊慢特病病种待遇认定: 医保电子凭证或有效身份证件或社保卡
    qtbot.keyClick(flow.chooser.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.step == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=WAIT)
    assert flow.draft is not None
    with demo_store.db.read() as session:
        case = session.scalar(select(Case).where(Case.case_no == flow.draft.case_no))
        assert case is not None and case.field_map()["_identified_by"] == "id_reader"
        entry = session.scalar(
            select(MaterialEntry).where(MaterialEntry.case_id == case.id, MaterialEntry.material_key == "id_credential")
        )
        assert entry is not None and (entry.status, entry.satisfied_by) == ("received", ID_READER_LABEL)
    flow.materials.load(flow.item, flow.draft)  # the checklist as the clerk sees it
    row = flow.materials.rows["id_credential"]
    assert row.check.isChecked() and row.alternative is not None
    assert row.alternative.currentText() == "身份证原件（读卡器核验）"


def test_hostile_bytes_expired_card_and_unplugging_keep_what_was_typed(
    qtbot: QtBot, window: MainWindow, emulator: Emulator
) -> None:
    panel = window.intake.identify
    panel.id_edit.setFocus()
    qtbot.keyClicks(panel.id_edit, "110101")
    ime(panel.name_edit, "李手输")

    # A reader that streams noise: a Chinese message, the typing untouched, no hang.
    with qtbot.waitSignal(window.idcard_bridge.card_error, timeout=WAIT) as blocker:
        emulator.say("fault stream 1")
    assert blocker.args[0].code == "idcard.garbage"
    assert "无法识别的数据" in panel.message.text()
    assert (panel.id_edit.text(), panel.name_edit.text()) == ("110101", "李手输")
    # The driver reports a failed read once and waits for the reader to be clear again.
    qtbot.waitSignal(window.idcard_bridge.card_removed, timeout=WAIT).wait()

    # An expired card is read, and shown as expired.
    with qtbot.waitSignal(window.idcard_bridge.card_read, timeout=WAIT):
        emulator.say("place expired")
    assert panel.name_edit.text() == "王过期" and panel.id_edit.text() == DEMO_CARDS["expired"].id_number
    assert "已过期" in panel.idcard_label.text()
    assert "证件已过有效期" in panel.message.text() and panel.message.styleSheet() == "color: #b3261e;"

    # The clerk corrects the name; then the reader is pulled out: a message, nothing lost.
    panel.name_edit.clear()
    ime(panel.name_edit, "王过期甲")
    with qtbot.waitSignal(window.idcard_bridge.reader_lost, timeout=WAIT) as lost:
        emulator.stop()
    # Pulled between two polls (the port is gone) or during one (the link broke):
    said = {"idcard.port_not_found": "找不到身份证阅读器的串口", "idcard.port_lost": "连接中断"}
    assert said[lost.args[0].code] in panel.message.text()
    assert window.device_label.text() == "身份证阅读器未连接"
    assert panel.name_edit.text() == "王过期甲" and panel.id_edit.text() == DEMO_CARDS["expired"].id_number


def test_read_button_without_a_configured_reader_says_how_to_set_one_up(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇")  # settings: no reader
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    panel = win.intake.identify
    ime(panel.name_edit, "赵手输")
    panel.name_edit.setFocus()
    with qtbot.waitSignal(win.idcard_bridge.card_error, timeout=WAIT):
        qtbot.keyClick(panel.name_edit, Qt.Key.Key_F7)  # 读身份证 (F7)
    assert "管理 → 设备" in panel.message.text() and panel.name_edit.text() == "赵手输"
    win.close()


def test_the_reader_label_stands_for_a_valid_identity_document(demo_store: Store) -> None:
    """models/: a resident card read on the reader ticks 身份证原件（读卡器核验）; a 居住证 read on it
    ticks the catalog's 有效身份证件; a typed number ticks nothing."""
    from models.demo import demo_id_number
    from models.intake.draft import Identity
    from models.intake.service import start_draft

    number = demo_id_number("19900101", "616")
    found = {}
    for by in ("id_reader", "id_permit", "typed"):
        with demo_store.db.write() as s:
            draft = start_draft(s, "002036005001", Identity(number, "孙演示", identified_by=by), {"name": "孙演示"})
        found[by] = (draft.materials["id_credential"], draft.satisfied_by.get("id_credential"))
    assert found == {
        "id_reader": ("received", ID_READER_LABEL),
        "id_permit": ("received", "有效身份证件"),
        "typed": ("missing", None),
    }


def _take_in(qtbot: QtBot, window: MainWindow, demo_store: Store) -> dict[str, str]:
    """Enter on the identify step, then an item whose identity material the reader ticks; the
    case's stored values."""
    panel, flow = window.intake.identify, window.intake
    qtbot.keyClick(panel.next_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.step == 1, timeout=WAIT)
    qtbot.keyClicks(flow.chooser.search, "002036005001")
    qtbot.keyClick(flow.chooser.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.step == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=WAIT)
    assert flow.draft is not None
    with demo_store.db.read() as session:
        case = session.scalar(select(Case).where(Case.case_no == flow.draft.case_no))
        assert case is not None
        return dict(case.field_map())


@pytest.mark.parametrize("card", ["foreign", "foreign_2023"])
def test_a_foreign_permanent_resident_card_read_on_the_reader_takes_in_a_case(
    qtbot: QtBot, window: MainWindow, emulator: Emulator, demo_store: Store, card: str, screenshots: Path
) -> None:
    """The 永居证 number goes through its own check (15 characters for 2017, 18 digits starting
    with 9 for 2023), not GB 11643: the identify step accepts it and the case is stored."""
    from models.orm import Person

    panel = window.intake.identify
    data = DEMO_CARDS[card]
    with qtbot.waitSignal(window.idcard_bridge.card_read, timeout=WAIT):
        emulator.say(f"place {card}")
    assert panel.id_edit.text() == data.id_number and panel.name_edit.text() == data.name
    assert panel.id_message.text() == "外国人永久居留身份证号码校验通过", panel.id_message.text()
    assert "外国人永久居留身份证" in panel.idcard_label.text()
    # the number is named by its card, not 公民身份号码 (nor the card 身份证)
    assert panel.id_label.text() == "外国人永久居留身份证号码(&I)："
    assert panel.id_edit.accessibleName() == "外国人永久居留身份证号码"
    assert panel.derived_label.text() == "性别 / 出生日期 / 国籍：" and panel.idcard_row_label.text() == "证件："
    assert data.birth_date is not None and data.birth_date.isoformat() in panel.derived.text()
    assert panel.message.styleSheet() == "color: #1b6e20;"  # no number warning
    window.resize(1024, 740)
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=WAIT)
    assert window.grab().save(str(screenshots / f"intake_identify_{card}.png"))
    values = _take_in(qtbot, window, demo_store)
    assert values["_identified_by"] == "id_permit"
    # the item's 证件类型 is the catalog's 外国人永久居留证, and its 证件号码 passes the form's check
    assert values["id_type"] == "外国人永久居留证" and values["id_number"] == data.id_number
    form = window.intake.form
    form.validate_all()  # other required fields are still empty; the 证件号码 is not among them
    assert form.editors["id_number"].text() == data.id_number and form.errors["id_number"].isHidden()
    with demo_store.db.read() as session:
        person = session.scalar(select(Person).where(Person.id_number == data.id_number))
        assert person is not None and person.name == data.name and person.gender == data.gender_label
        assert person.birth_date == data.birth_date


def test_a_name_the_reader_could_not_carry_blocks_confirming_until_typed(
    qtbot: QtBot, window: MainWindow, emulator: Emulator, demo_store: Store
) -> None:
    """林□: Enter does not go on; the message says to type the character, the □ is selected in
    the name field so that the input method replaces it; then the case holds the real name."""
    panel, flow = window.intake.identify, window.intake
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.idcard_bridge.card_read, timeout=WAIT):
        emulator.say("place rare_char")
    assert panel.name_edit.text() == "林□" and panel.name_edit.hasFocus()
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Return)
    qtbot.keyClick(panel.next_button, Qt.Key.Key_Return)
    assert flow.step == 0
    assert "□" in panel.message.text() and "手工输入" in panel.message.text()
    assert panel.message.styleSheet() == "color: #b3261e;"
    assert panel.name_edit.hasFocus() and panel.name_edit.selectedText() == "□"
    ime(panel.name_edit, "\U0002c317")  # the character on the card face, typed with an IME
    assert panel.name_edit.text() == "林\U0002c317"
    values = _take_in(qtbot, window, demo_store)
    with demo_store.db.read() as session:
        from models.orm import Person

        person = session.scalar(select(Person).where(Person.id_number == DEMO_CARDS["rare_char"].id_number))
        assert person is not None and person.name == "林\U0002c317"
    assert values["_identified_by"] == "id_reader" and "□" not in "".join(values.values())


def test_the_store_never_takes_a_name_with_the_placeholder(demo_store: Store) -> None:
    """Whatever the screen does, the case service refuses 林□ (models/validation.py check_name)."""
    from models.demo import demo_id_number
    from models.errors import ValidationError
    from models.intake.draft import Identity
    from models.intake.service import start_draft

    number = demo_id_number("19901203", "002")
    with pytest.raises(ValidationError) as exc, demo_store.db.write() as s:
        start_draft(s, "002036005001", Identity(number, "林□", identified_by="id_reader"), {"name": "林□"})
    assert exc.value.code == "name.unreadable"


def test_a_typed_or_device_entered_permit_number_is_named_by_its_card(qtbot: QtBot, demo_store: Store) -> None:
    """No card read: the number's shape names it (外国人永久居留身份证号码 for the foreigners'
    numbers, 公民身份号码 otherwise, a 港澳台居民居住证 number included), typed or from a
    keyboard-style reader."""
    from desktop.main_window import MainWindow
    from models.demo import demo_id_number

    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    panel = win.intake.identify
    foreign = DEMO_CARDS["foreign_2023"].id_number
    panel.id_edit.setFocus()
    qtbot.keyClicks(panel.id_edit, foreign[:5])
    assert panel.id_label.text() == "外国人永久居留身份证号码(&I)："  # from the leading 9
    qtbot.keyClicks(panel.id_edit, foreign[5:])
    assert panel.id_message.text() == "外国人永久居留身份证号码校验通过"
    assert panel.derived_label.text() == "性别 / 出生日期 / 国籍：" and "国籍 840" in panel.derived.text()
    panel.id_edit.clear()
    assert panel.id_label.text() == "公民身份号码(&I)："
    qtbot.keyClicks(panel.id_edit, DEMO_CARDS["hmt"].id_number)
    assert panel.id_label.text() == "公民身份号码(&I)：" and panel.id_message.text() == "公民身份号码校验通过"
    panel.on_device_id("USA117501010010")  # a keyboard-style reader types a 2017 永居证 number
    assert panel.id_label.text() == "外国人永久居留身份证号码(&I)："
    assert panel.message.text() == "已由读卡器/扫码设备读入外国人永久居留身份证号码。"
    panel.on_device_id("USA117513320010")  # no such birth date
    assert panel.message.text() == "设备输入了外国人永久居留身份证号码，但校验未通过，请核对。"
    panel.on_device_id(demo_id_number("19900101", "616"))
    assert panel.id_label.text() == "公民身份号码(&I)："
    assert panel.message.text() == "已由读卡器/扫码设备读入公民身份号码。"
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=WAIT)
    win.close()


def test_the_receipt_names_the_permit_of_a_foreign_applicant(demo_store: Store) -> None:
    """A 永居证 holder's receipt says which document identified them, and forms filled for a
    case without a 证件类型 field do not print 居民身份证 for them."""
    from models import clock
    from models.case_lookup import find_case, material_entries
    from models.catalog import load_catalog
    from models.catalog.for_case import item_for
    from models.intake.draft import Identity
    from models.intake.fields import identity_defaults
    from models.intake.service import save_draft, set_material, start_draft
    from models.intake.submit import submit
    from printing.from_case import ADAPTERS, CaseBundle
    from printing.receipt import receipt_lines

    data = DEMO_CARDS["foreign_2023"]
    identity = Identity(data.id_number, data.name, gender="女", birth_date="1980-02-02", identified_by="id_permit")
    item = load_catalog().get("002036005001")
    values = {
        **identity_defaults(item, identity.as_values()),
        "age": "46",
        "insurance_scheme": "城乡居民医保",
        "phone": "13800138000",
        "insured_region": "522701",
        "disease_name": "高血压",
        "by_proxy": "否",
    }
    with demo_store.db.write() as s:
        draft = start_draft(s, item.code, identity, values)
    with demo_store.db.write() as s:
        save_draft(s, draft.with_values(values))
        assert draft.materials["id_credential"] == "received"  # ticked by the read
        for key in set(draft.materials) - {"id_credential"}:  # the catalog's and the locality's
            set_material(s, draft.case_no, key, "received")
        submit(s, draft.case_no, supplement_if_missing=False)
    with demo_store.db.read() as s:
        case = find_case(s, draft.case_no)
        bundle = CaseBundle(case, material_entries(s, case), item_for(case), clock.today_local())
        lines = receipt_lines(ADAPTERS["receipt"](bundle))
        no_type = CaseBundle(case, [], None, clock.today_local(), extra={"id_type": ""})
        assert ADAPTERS["receipt"](no_type).applicant.id_type == "外国人永久居留身份证"
    assert f"证件号码：{'*' * 14}{data.id_number[-4:]}（外国人永久居留证）" in lines
    identity_line = next(line for line in lines if "医保电子凭证或有效身份证件或社保卡" in line)
    assert "有效身份证件，外国人永久居留身份证，身份证阅读器读取" in identity_line
