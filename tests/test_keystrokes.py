"""Ergonomics measured: key presses and clicks from identification to the previewed receipt.

A clerk's session on the demo station, keyboard only, five items of the issue: every key goes
to the widget that has the focus (as a keyboard sends it), a card insert is a read of the
virtual 社保卡 through the real CardBridge, and an event filter on the QApplication counts what
Qt delivers (key releases, so a shortcut that consumes its press still counts; modifiers count
as keys: Ctrl+Enter is two). Chinese text arrives through the input method and is counted
separately (its pinyin keystrokes depend on the IME). Each case is checked in the database,
and the counts go to docs/keystrokes.json, which ``python -m bench keys`` turns into the
"Keystrokes per case" section of docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from models.demo import demo_id_number
from models.orm import Case, Person
from models.store import Store

CARD_SSN = "11010519491231002X"  # the virtual card's holder (devices/card/virtual_card.py)
AIM = 30


class InputCounter(QObject):
    """Counts key presses, mouse clicks and input-method text as Qt delivers them.

    An unaccepted event propagates to the parents with the same event object: a delivery to an
    ancestor of the last receiver of the same object is that propagation, not a new press.
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys = self.clicks = self.ime_chars = 0
        self._last: dict[QEvent.Type, tuple[int, QWidget]] = {}

    def reset(self) -> None:
        self.keys = self.clicks = self.ime_chars = 0
        self._last.clear()

    def _new(self, kind: QEvent.Type, obj: QWidget, event: QEvent) -> bool:
        ptr = shiboken6.getCppPointer(event)[0]
        last = self._last.get(kind)
        if last is not None and last[0] == ptr and last[1] is not obj and last[1] is not None:
            try:
                if obj.isAncestorOf(last[1]):
                    return False
            except RuntimeError:  # the earlier receiver is gone
                pass
        self._last[kind] = (ptr, obj)
        return True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isinstance(obj, QWidget):
            return False
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            self._last.pop(QEvent.Type.KeyRelease, None)  # a new keystroke starts here
        elif kind == QEvent.Type.KeyRelease and self._new(kind, obj, event):
            self.keys += 1
        elif kind == QEvent.Type.MouseButtonPress and self._new(kind, obj, event):
            self.clicks += 1
        elif kind == QEvent.Type.MouseButtonRelease:
            self._last.pop(QEvent.Type.MouseButtonPress, None)
        elif kind == QEvent.Type.InputMethod and self._new(kind, obj, event):
            assert isinstance(event, QInputMethodEvent)
            self.ime_chars += len(event.commitString())
        return False


@dataclass
class Clerk:
    """Drives the focused widget as a keyboard does, and keeps its own tally to cross-check."""

    qtbot: QtBot
    win: Any
    sent: int = 0
    data: int = 0
    steps: list[str] = field(default_factory=list)

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def key(self, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
        for _ in range(times):
            QTest.keyClick(self.focus(), key, mods)
            self.sent += 1 + bin(mods.value).count("1")
        self.steps.append(f"{_name(key, mods)}" + (f"×{times}" if times > 1 else ""))

    def type(self, text: str, data: bool = True) -> None:
        """Typed on the keyboard (digits, letters): one key per character. ``data``: the
        applicant's data (a phone number), not a choice (an item's pinyin initials)."""
        QTest.keyClicks(self.focus(), text)
        self.sent += len(text)
        self.data += len(text) if data else 0
        self.steps.append(f"“{text}”")

    def ime(self, text: str) -> None:
        """Chinese committed by the input method."""
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(self.focus(), event)
        self.steps.append(f"〔{text}〕")

    def idle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.win.ops.busy, timeout=10_000)

    def until(self, condition: Callable[[], bool]) -> None:
        self.qtbot.waitUntil(condition, timeout=15_000)
        self.idle()


def _name(key: Qt.Key, mods: Qt.KeyboardModifier) -> str:
    names = {
        Qt.Key.Key_Return: "Enter",
        Qt.Key.Key_Down: "↓",
        Qt.Key.Key_Space: "Space",
        Qt.Key.Key_P: "P",
        Qt.Key.Key_F2: "F2",
    }
    prefix = "Ctrl+" if mods & Qt.KeyboardModifier.ControlModifier else ""
    return prefix + names.get(key, str(key))


@pytest.fixture
def counter_window(qtbot: QtBot, demo_store: Store) -> Iterator[tuple[Any, InputCounter]]:
    from desktop.main_window import MainWindow
    from devices.card import CardManager

    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇", card_manager=CardManager("virtual"))
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    qtbot.waitExposed(win)
    human = iter(range(0, 10**9, 150))  # a person's typing pace: not a scanner-gun burst
    win.scanner._clock_ms = lambda: float(next(human))
    panel = win.intake.identify
    qtbot.waitUntil(lambda: panel.id_edit.text() == CARD_SSN, timeout=10_000)  # inserted at start-up
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=10_000)
    counter = InputCounter()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    yield win, counter
    app.removeEventFilter(counter)
    if win.intake.preview is not None:
        win.intake.preview.close()
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=10_000)
    win.close()


def insert_card(c: Clerk) -> None:
    """The virtual card read again through the CardBridge (what an insert does)."""
    win = c.win
    win.intake.identify.id_edit.clear()
    win.card_bridge.read_now()
    c.until(lambda: win.intake.identify.id_edit.text() == CARD_SSN and win.intake.step == 0)
    c.steps.append("[插卡]")


def new_counter_case(c: Clerk) -> None:
    """The identify step, fresh (after the last case, F2 or a card insert brings it back)."""
    c.win.intake.restart()
    c.idle()
    assert c.win.intake.identify.id_edit.hasFocus()


def choose(c: Clerk, initials: str, code: str) -> None:
    c.until(lambda: c.win.intake.step == 1)
    c.type(initials, data=False)
    assert c.win.intake.chooser.current_code() == code
    c.key(Qt.Key.Key_Return)
    c.until(lambda: c.win.intake.step == 2 and c.win.intake.draft is not None)


def finish(c: Clerk, materials: int) -> tuple[str, Any]:
    """Tick ``materials`` lines (Space ticks and moves on), submit, preview the document."""
    flow = c.win.intake
    c.until(lambda: flow.step == 3)
    if materials:
        c.key(Qt.Key.Key_Space, times=materials)
        c.idle()
    assert flow.materials.summary.text() == "材料齐全。", flow.materials.summary.text()
    with c.qtbot.waitSignal(flow.document_ready, timeout=15_000) as ready:
        c.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    c.until(lambda: flow.step == 4)
    c.key(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    c.until(lambda: flow.preview is not None and flow.preview.isVisible())
    flow.preview.close()  # the clerk closes the preview (its own window; not counted here)
    c.win.activateWindow()
    c.until(lambda: QApplication.activeWindow() is c.win)
    return flow.result.result.case_no, ready.args[0]


def saved(store: Store, case_no: str) -> tuple[str, dict[str, str]]:
    with store.db.read() as session:
        case = session.scalar(select(Case).where(Case.case_no == case_no))
        assert case is not None
        return case.state.value, case.field_map()


# The five items -----------------------------------------------------------------------------


def registration(c: Clerk) -> dict[str, str]:
    """城乡居民参保登记, by card."""
    insert_card(c)
    c.key(Qt.Key.Key_Return)  # 确认身份 (the focus is on the button after a read)
    choose(c, "cxjm", "002036001003")
    c.type("13800138000")
    c.key(Qt.Key.Key_Return)
    c.ime("北京市西城区演示胡同1号")
    c.key(Qt.Key.Key_Return)
    c.key(Qt.Key.Key_Down, times=3)  # 申请人身份: 无业成年人
    c.key(Qt.Key.Key_Return)  # nothing required is left: on to the materials
    return {"phone": "13800138000", "household_address": "北京市西城区演示胡同1号", "applicant_identity": "无业成年人"}


def resettlement(c: Clerk) -> dict[str, str]:
    """异地安置退休人员备案, by card (the card itself satisfies 医保电子凭证或有效身份证件或社保卡)."""
    insert_card(c)
    c.key(Qt.Key.Key_Return)
    choose(c, "ydaz", "002036004001")
    c.key(Qt.Key.Key_Down)  # 参保险种: 职工医保
    c.key(Qt.Key.Key_Return)
    c.key(Qt.Key.Key_Down)  # 登记类别: 新增
    c.key(Qt.Key.Key_Return)
    start = (dt.date.today() + dt.timedelta(days=7)).strftime("%Y%m%d")
    c.type(start)  # 申请备案开始日期
    c.key(Qt.Key.Key_Return)
    c.type("110105")  # 就医地
    c.key(Qt.Key.Key_Return)
    c.type("13800138000")
    c.key(Qt.Key.Key_Return)
    return {"insurance_scheme": "职工医保", "registration_category": "新增", "treatment_place": "110105"}


def outpatient(c: Clerk) -> dict[str, str]:
    """门(急)诊费用报销, by card."""
    insert_card(c)
    c.key(Qt.Key.Key_Return)
    choose(c, "fybx", "002036006001")
    c.ime("门诊费用报销")
    c.key(Qt.Key.Key_Return)
    c.ime("收费票据3张、费用清单1份")
    c.key(Qt.Key.Key_Return)
    c.type("13800138000")
    c.key(Qt.Key.Key_Return)
    c.type("6222020200112233446")
    c.key(Qt.Key.Key_Return)
    c.ime("工商银行都匀分行")
    c.key(Qt.Key.Key_Return)
    return {"business_type": "门诊费用报销", "bank_account": "6222020200112233446", "bank_name": "工商银行都匀分行"}


def insurance_query(c: Clerk) -> dict[str, str]:
    """参保人员参保信息查询 (参保缴费证明), typed ID of a person the station knows."""
    new_counter_case(c)
    c.type(demo_id_number("19580312", "101"))  # 王演示
    c.until(lambda: c.win.intake.identify.name_edit.text() == "王演示")  # from the station's records
    c.key(Qt.Key.Key_Return)
    choose(c, "cbry", "002036002002")
    c.key(Qt.Key.Key_Return)  # name and ID number came with the identity
    return {"name": "王演示", "id_number": demo_id_number("19580312", "101")}


def assistance(c: Clerk) -> dict[str, str]:
    """城乡医疗救助依申请救助, typed ID of a first-time applicant."""
    new_counter_case(c)
    number = demo_id_number("19700515", "727")
    c.type(number)
    c.idle()
    c.key(Qt.Key.Key_Return)  # not known here: on to the name
    c.ime("周演示")
    c.key(Qt.Key.Key_Return)
    choose(c, "ysq", "520000016057")
    c.key(Qt.Key.Key_Down)  # 救助对象类别: 已明确身份救助对象
    c.key(Qt.Key.Key_Return)
    c.key(Qt.Key.Key_Down)  # 人员属性: 低保
    c.key(Qt.Key.Key_Return)
    c.type("6222020200112233446")
    c.key(Qt.Key.Key_Return)
    c.ime("农业银行都匀分行")
    c.key(Qt.Key.Key_Return)
    c.ime("都匀市人民医院")
    c.key(Qt.Key.Key_Return)
    c.ime("肺炎")
    c.key(Qt.Key.Key_Return)
    return {
        "id_number": number,
        "person_attribute": "低保",
        "payee_bank_account": "6222020200112233446",
        "hospital": "都匀市人民医院",
    }


SCENARIOS: tuple[tuple[str, str, str, Callable[[Clerk], dict[str, str]], int], ...] = (
    # (item, code, identified by, flow, materials ticked at the counter)
    ("城乡居民参保登记", "002036001003", "社保卡", registration, 2),
    ("异地安置退休人员备案", "002036004001", "社保卡", resettlement, 2),
    ("门(急)诊费用报销", "002036006001", "社保卡", outpatient, 5),
    ("参保人员参保信息查询", "002036002002", "输入身份证号", insurance_query, 1),
    ("城乡医疗救助依申请救助", "520000016057", "输入身份证号", assistance, 3),
)


def test_keystrokes_per_case(
    qtbot: QtBot, counter_window: tuple[Any, InputCounter], demo_store: Store, screenshots: Path
) -> None:
    win, counter = counter_window
    results = []
    for item, code, identified_by, flow, materials in SCENARIOS:
        # Each count is a first visit: the phone the previous scenario typed for the same card
        # holder (remembered for repeat visits) is forgotten again.
        with demo_store.db.write() as session:
            session.execute(update(Person).values(phone=None))
        clerk = Clerk(qtbot, win)
        counter.reset()
        expected = flow(clerk)
        case_no, job = finish(clerk, materials)
        assert counter.keys == clerk.sent, (item, counter.keys, clerk.sent, clerk.steps)
        state, values = saved(demo_store, case_no)
        # Taken in: still open here, forwarded (a 即办件 the township may not approve), or finished
        # at the counter (a 即办件 it may approve: 异地安置退休人员备案).
        assert state in ("已受理", "已转报", "已办结"), (item, state)
        for key, value in expected.items():
            assert values.get(key) == value, (item, key, values.get(key))
        assert job.kind == "receipt" and job.pdf.startswith(b"%PDF")
        control = counter.keys - clerk.data
        assert control <= AIM, (item, control, clerk.steps)
        results.append(
            {
                "item": item,
                "code": code,
                "identified_by": identified_by,
                "keys": counter.keys,
                "clicks": counter.clicks,
                "data_keys": clerk.data,
                "control_keys": control,
                "ime_chars": counter.ime_chars,
                "total": counter.keys + counter.clicks,
                "case_no": case_no,
                "steps": " ".join(clerk.steps),
            }
        )
    assert all(r["clicks"] == 0 for r in results)  # keyboard only
    # Measurements go with the screenshots: python -m tests.update_docs copies them to docs/.
    (screenshots / "keystrokes.json").write_text(
        json.dumps(
            {
                "written_by": "tests/test_keystrokes.py",
                "date": dt.date.today().isoformat(),
                "aim": AIM,
                "cases": results,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
