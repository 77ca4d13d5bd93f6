"""Step 1, identify the applicant: ID card reader, social security card, e-voucher QR, or a typed ID number.

The ID number is checked as it is typed (length, birth date, region, check digit) with the
message next to the field; a valid number looks up the person's earlier local cases on the DB
worker. The card fills name, number, gender and birth date. A card read on the ID card reader
(desktop/idcard_bridge.py) fills name and number, says when the card has expired, shows the
photo only where a licensed decoder made one, and ticks the identity material later (the
case's ``identified_by`` is ``id_reader``; models/intake/checklist.py). An e-voucher token is kept as a
credential pending online verification; offline the clerk still types the ID number.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.intake.context import IntakeContext
from desktop.messages import render
from desktop.scanner_gun import ACCEPTS_ID_NUMBER
from devices.idcard.base import UNREADABLE_MARK
from models import clock
from models.errors import UserFacingError, ValidationError
from models.intake.draft import Identity
from models.intake.service import PersonHistory, person_history
from models.masking import mask_id
from models.validation import (
    IdInfo,
    check_identity_number,
    check_name,
    normalise_id,
    number_kind,
    upgrade_first_generation,
)

ERROR_STYLE = "color: #b3261e;"
#: Notes on a card read that are no fault of the card (the message stays green).
_PHOTO_NOTES = frozenset({"idcard.photo_unavailable"})
OK_STYLE = "color: #1b6e20;"


class IdentifyPanel(QWidget):
    #: Identity, PersonHistory: the clerk confirmed the applicant (Enter on a valid form)
    identified = Signal(object, object)
    history_loaded = Signal(object)
    scan_requested = Signal()
    idcard_read_requested = Signal()

    def __init__(self, ctx: IntakeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._info: IdInfo | None = None
        self._identified_by = "typed"
        self._card_number = ""
        self._token = ""
        #: the birth date and gender printed on the card just read (None/"": typed, no card)
        self._card_birth: dt.date | None = None
        self._card_gender = ""
        self.history: PersonHistory | None = None
        form = self._build_form()
        buttons = self._build_buttons()
        self._build_layout(form, buttons)
        self._wire()

    def _build_form(self) -> QFormLayout:
        """The identity fields and what the readers found."""
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText(self.tr("18位公民身份号码"))
        self.id_label = QLabel()
        self.id_label.setBuddy(self.id_edit)
        self.derived_label = QLabel()
        self.idcard_row_label = QLabel(self.tr("身份证："))
        self._show_number_kind("resident")
        self.id_edit.setProperty(ACCEPTS_ID_NUMBER, True)
        self.id_message = QLabel()
        self.id_message.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("姓名"))
        self.name_edit.setAccessibleName(self.tr("姓名"))
        self.derived = QLabel("—")
        self.card_label = QLabel("—")
        self.evoucher_label = QLabel("—")
        self.idcard_label = QLabel("—")
        self.idcard_label.setWordWrap(True)
        self.photo = QLabel()
        self.photo.setFixedSize(102, 126)  # the card's photo is 102×126 pixels
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setWordWrap(True)
        self.photo.setStyleSheet("border: 1px solid #aaa; color: #666;")
        self.photo.setAccessibleName(self.tr("证件照片"))
        self.photo.hide()
        form = QFormLayout()
        form.addRow(self.id_label, self.id_edit)
        form.addRow("", self.id_message)
        form.addRow(self.tr("姓名(&N)："), self.name_edit)
        form.addRow(self.derived_label, self.derived)
        form.addRow(self.idcard_row_label, self.idcard_label)
        form.addRow(self.tr("社保卡："), self.card_label)
        form.addRow(self.tr("医保电子凭证："), self.evoucher_label)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.duplicate_label = QLabel()
        self.duplicate_label.setWordWrap(True)
        self.duplicate_label.setStyleSheet("color: #8a5300; font-weight: bold;")
        self.history_list = QListWidget()
        self.history_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scan_button = QPushButton(self.tr("摄像头扫码 (F6)"))
        self.scan_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.idcard_button = QPushButton(self.tr("读身份证 (F7)"))
        self.idcard_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_button = QPushButton(self.tr("确认身份，选择事项 (Enter)"))
        # Outside a dialog a push button ignores Enter unless it is an auto-default button; after
        # a card read the focus is here, and Enter must go on as the label says.
        self.next_button.setAutoDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.idcard_button)
        buttons.addWidget(self.scan_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        return buttons

    def _build_layout(self, form: QFormLayout, buttons: QHBoxLayout) -> None:
        title = QLabel(self.tr("第一步：核验申请人身份"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        hint = QLabel(
            self.tr(
                "身份证放上阅读器自动读取（或按 F7）；插入社保卡自动读取；"
                "或扫描医保电子凭证（扫码枪直接扫，或按 F6 用摄像头）；或输入公民身份号码。"
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("本站办件记录：")))
        layout.addWidget(self.history_list, 1)
        layout.addWidget(self.duplicate_label)
        layout.addLayout(buttons)

    def _wire(self) -> None:
        self.scan_button.clicked.connect(self.scan_requested)
        self.idcard_button.clicked.connect(self.idcard_read_requested)
        read_key = QShortcut(QKeySequence("F7"), self)
        read_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        read_key.activated.connect(self.idcard_read_requested)
        self.next_button.clicked.connect(self.confirm)
        self.id_edit.textChanged.connect(self._id_changed)
        self.id_edit.returnPressed.connect(self._id_entered)
        self.id_edit.textEdited.connect(self._typed_over)
        self.name_edit.returnPressed.connect(self.confirm)

    # Input paths ---------------------------------------------------------------------------

    def reset(self) -> None:
        for w in (self.id_edit, self.name_edit):
            w.blockSignals(True)
            w.clear()
            w.blockSignals(False)
        self._info, self._identified_by, self._card_number, self._token = None, "typed", "", ""
        self.history = None
        for label in (self.id_message, self.message, self.duplicate_label):
            label.clear()
        self.derived.setText("—")
        self.card_label.setText("—")
        self.evoucher_label.setText("—")
        self._clear_idcard()
        self.history_list.clear()
        self.id_edit.setFocus()

    def on_card_read(self, result: Any) -> None:
        """A CardReadResult from the CardBridge (GUI thread)."""
        data = result.data
        self._clear_idcard()
        self._card_number = data.card_number or ""
        self.card_label.setText(
            self.tr("卡号 {number}（第{generation}代）").format(
                number=mask_id(self._card_number), generation=data.generation or "?"
            )
        )
        if result.personal_data_requires_authorised_interface or not data.ssn:
            self._say(render(UserFacingError("intake.card_no_personal_data")), error=True)
            self.id_edit.setFocus()
            return
        self._identified_by = "card"
        self.name_edit.setText(data.name or "")
        self.id_edit.setText(data.ssn)  # runs the check and the history lookup
        warnings = [render(UserFacingError(code)) for code in result.warnings]
        self._say(self.tr("已读取社保卡。") + " ".join(warnings), error=bool(warnings))
        self.next_button.setFocus()

    def on_card_error(self, error: BaseException) -> None:
        if isinstance(error, UserFacingError):
            self._say(render(error), error=True)

    def on_idcard_read(self, result: Any) -> None:
        """An IdReadResult from the IdCardBridge (GUI thread): fills name and number, says what
        the clerk must check (expired, number, rare characters, photo). The photo stays in memory."""
        data = result.data
        today = clock.today_local()
        if self._identified_by == "card":
            self._card_number = ""
            self.card_label.setText("—")
        expiry = data.valid_until.isoformat() if data.valid_until else ""
        until = self.tr("长期") if data.long_term else (expiry or "—")
        expired = data.is_expired(today)
        shown = self.tr("{kind}，有效期至 {until}").format(kind=data.kind_label, until=until)
        self.idcard_row_label.setText(self.tr("身份证：") if data.kind.value == "resident" else self.tr("证件："))
        if expired:
            shown += self.tr("（已过期）")
        self.idcard_label.setText(shown)
        self.idcard_label.setStyleSheet(ERROR_STYLE if expired else "")
        self._show_photo(result)
        self.name_edit.setText(data.display_name)
        # The check that fits the card kind (models/validation.py check_identity_number), with the
        # card's own birth date: 2017 永居证 numbers carry only a 2-digit year.
        self._card_birth = data.birth_date
        self._card_gender = data.gender_label if data.gender in ("1", "2") else ""
        if self.id_edit.text() != data.id_number:
            self.id_edit.setText(data.id_number)  # runs this counter's own check and the history lookup
        else:
            self._id_changed(data.id_number)
        self._identified_by = "id_reader" if data.kind.value == "resident" else "id_permit"
        codes = list(result.warnings)
        if expired and "idcard.expired" not in codes:
            codes.insert(0, "idcard.expired")
        warnings = [render(UserFacingError(code, expiry=expiry)) for code in codes]
        said = self.tr("已读取{kind}。").format(kind=data.kind_label)
        self._say(" ".join([said, *warnings]), error=expired or bool(set(codes) - _PHOTO_NOTES))
        if self._info is None or data.unreadable_name_positions:
            (self.name_edit if self._info is not None else self.id_edit).setFocus()
        else:
            self.next_button.setFocus()

    def on_idcard_error(self, error: BaseException) -> None:
        """A failed read, an unplugged reader: a message; nothing typed is touched."""
        if isinstance(error, UserFacingError):
            self._say(render(error), error=True)

    def _show_photo(self, result: Any) -> None:
        pixmap = QPixmap()
        if result.photo_bmp and pixmap.loadFromData(result.photo_bmp):
            self.photo.setPixmap(pixmap.scaled(self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio))
        else:
            self.photo.setPixmap(QPixmap())
            self.photo.setText(self.tr("照片不可用"))
            self.photo.setToolTip(render(UserFacingError("idcard.photo_unavailable")))
        self.photo.show()

    def _clear_idcard(self) -> None:
        self._card_birth, self._card_gender = None, ""
        self.idcard_row_label.setText(self.tr("身份证："))
        self.idcard_label.setText("—")
        self.idcard_label.setStyleSheet("")
        self.photo.setPixmap(QPixmap())  # the photo is never kept beyond the identify step
        self.photo.clear()
        self.photo.hide()

    def on_evoucher(self, token: str) -> None:
        """A token of valid e-voucher shape (camera or scanner gun): kept, pending verification."""
        from devices.camera.evoucher import mask_token

        self._token = token
        if self._identified_by == "typed" and not self._info:
            self._identified_by = "evoucher"
        self.evoucher_label.setText(self.tr("{token}（待联网核验）").format(token=mask_token(token)))
        self._say(render(UserFacingError("intake.evoucher_pending", token=mask_token(token))), error=False)
        if not self._info:
            self.id_edit.setFocus()

    def on_device_id(self, text: str) -> None:
        """An ID number typed in a burst by a keyboard-style ID card reader or a scanner gun."""
        number = text.strip().upper()
        upgraded = ""
        if len(number) == 15 and number.isdigit():  # not a 2017 永居证 number (3 letters + 12 digits)
            try:
                upgraded, number = number, upgrade_first_generation(number)
            except ValidationError as exc:
                self._say(render(exc), error=True)
                return
        if self._identified_by == "card":
            self._card_number = ""
            self.card_label.setText("—")
        self._clear_idcard()
        if self.id_edit.text() != number:
            self.id_edit.setText(number)  # runs the check and the history lookup
        else:
            self._id_changed(number)
        self._identified_by = "keyboard_reader"
        foreign = number_kind(number) != "resident"
        if self._info is None:
            self.id_edit.setFocus()
            if foreign:
                self._say(self.tr("设备输入了外国人永久居留身份证号码，但校验未通过，请核对。"), error=True)
            else:
                self._say(self.tr("设备输入了公民身份号码，但校验未通过，请核对。"), error=True)
            return
        if foreign:
            said = self.tr("已由读卡器/扫码设备读入外国人永久居留身份证号码。")
        else:
            said = self.tr("已由读卡器/扫码设备读入公民身份号码。")
        if upgraded:
            said += self.tr("15位号码已按国家标准升为18位：{number}。").format(number=number)
        self._say(said, error=False)
        if self.name_edit.text().strip():
            self.next_button.setFocus()
        else:
            self.name_edit.setFocus()

    def on_qr_rejected(self, error: BaseException) -> None:
        if isinstance(error, UserFacingError):
            self._say(render(error), error=True)

    # Checking as typed --------------------------------------------------------------------

    def _typed_over(self, _text: str) -> None:
        if self._identified_by == "card":
            self._card_number = ""
            self.card_label.setText("—")
        if self._identified_by in ("id_reader", "id_permit"):
            self._clear_idcard()  # the number typed over is no longer the card's
        if self._identified_by in ("card", "keyboard_reader", "id_reader", "id_permit"):
            self._identified_by = "typed"

    def _id_changed(self, text: str) -> None:
        self._info = None
        self.derived.setText("—")
        self.history_list.clear()
        self.duplicate_label.clear()
        self.history = None
        digits = text.strip()
        kind = number_kind(digits) if digits else "resident"
        self._show_number_kind(kind)
        if not digits:
            self.id_message.clear()
            return
        if kind == "foreign_2017" and len(normalise_id(digits)) < 15:
            self._field_message(
                self.tr("外国人永久居留身份证号码（2017版）：已输入 {n}/15 位").format(n=len(normalise_id(digits))),
                error=False,
            )
            return
        if kind in ("resident", "foreign_2023") and len(digits) < 18:
            bad = [c for c in digits if not (c.isdigit() or (c in "xX" and len(digits) == 18))]
            if bad:
                self._field_message(render(ValidationError("id.bad_characters")), error=True)
            elif len(digits) == 15:
                self._field_message(
                    self.tr("已输入 15/18 位；若是15位的一代身份证号码，按 Enter 升为18位"), error=False
                )
            else:
                self._field_message(self.tr("已输入 {n}/18 位").format(n=len(digits)), error=False)
            return
        try:
            info = check_identity_number(digits, clock.today_local(), self._card_birth)
        except ValidationError as exc:
            self._field_message(render(exc), error=True)
            return
        self._info = info
        age = info.age_on(clock.today_local())
        if info.kind == "resident":
            region = f"{info.province}{info.county}"
            passed = self.tr("公民身份号码校验通过")
        else:
            region = self.tr("国籍 {nationality}，{province}受理").format(
                nationality=info.nationality, province=info.province
            )
            passed = self.tr("外国人永久居留身份证号码校验通过")
        self.derived.setText(
            self.tr("{gender} / {birth} / {region}（{age}岁）").format(
                gender=labels.gender(info.gender or self._card_gender) if (info.gender or self._card_gender) else "—",
                birth=info.birth_date.isoformat(),
                region=region,
                age=age,
            )
        )
        self._field_message(passed, error=False)
        number = info.number
        today = clock.today_local()
        self._ctx.ops.run(lambda: self._load_history(number, today), self._show_history)

    def _show_number_kind(self, kind: str) -> None:
        """Name the number by the card it belongs to (models/validation.py number_kind): a
        foreigner's is no 公民身份号码. A 港澳台居民居住证 number is a 公民身份号码 (GB 11643)."""
        if kind == "resident":
            self.id_label.setText(self.tr("公民身份号码(&I)："))
            self.id_edit.setAccessibleName(self.tr("公民身份号码"))
            self.derived_label.setText(self.tr("性别 / 出生日期 / 户籍地："))
        else:
            self.id_label.setText(self.tr("外国人永久居留身份证号码(&I)："))
            self.id_edit.setAccessibleName(self.tr("外国人永久居留身份证号码"))
            self.derived_label.setText(self.tr("性别 / 出生日期 / 国籍："))

    def _load_history(self, number: str, today: dt.date) -> PersonHistory:
        with self._ctx.db.read() as session:
            return person_history(session, number, today)

    def _show_history(self, history: PersonHistory) -> None:
        if self._info is None:
            return  # the number changed meanwhile
        self.history = history
        self.history_list.clear()
        if not history.known:
            self.history_list.addItem(self.tr("本站无此人的办件记录。"))
        for row in history.cases:
            self.history_list.addItem(f"{row['case_no']}  {row['item_name']}  {labels.state(row['state'])}")
        if history.known and not self.name_edit.text().strip():
            self.name_edit.setText(history.name)
        opened = sum(len(v) for v in history.open_by_item.values())
        if opened:
            self.duplicate_label.setText(
                self.tr("该申请人有{n}件未办结的办件，选择同一事项时将提示。").format(n=opened)
            )
        self.history_loaded.emit(history)

    def _id_entered(self) -> None:
        typed = self.id_edit.text().strip()
        if self._info is None and len(typed) == 15 and typed.isdigit():
            try:
                number = upgrade_first_generation(typed)
            except ValidationError as exc:
                self._field_message(render(exc), error=True)
                return
            self.id_edit.setText(number)
            if self._info is not None:
                self._say(
                    self.tr("15位号码已按国家标准升为18位：{number}，请核对。").format(number=number), error=False
                )
            return  # the clerk checks the 18-digit number, then Enter again goes on
        if self._info is None:
            self._id_changed(self.id_edit.text())  # shows why
            return
        if not self.name_edit.text().strip():
            self.name_edit.setFocus()
            return
        self.confirm()

    def confirm(self) -> None:
        if self._info is None:
            self._say(render(UserFacingError("intake.no_identity")), error=True)
            self.id_edit.setFocus()
            return
        if not self.name_edit.text().strip():
            self._say(render(UserFacingError("intake.name_required")), error=True)
            self.name_edit.setFocus()
            return
        try:
            check_name(self.name_edit.text())
        except UserFacingError as exc:
            self._say(render(exc), error=True)
            self.name_edit.setFocus()
            self._select_placeholder()
            return
        phone = self.history.phone if self.history else ""
        identity = Identity(
            id_number=self._info.number,
            name=self.name_edit.text().strip(),
            gender=self._info.gender or self._card_gender,
            birth_date=self._info.birth_date.isoformat(),
            card_number=self._card_number,
            phone=phone,
            identified_by=self._identified_by,
            evoucher_token=self._token,
        )
        self.identified.emit(identity, self.history)

    def _select_placeholder(self) -> None:
        """Select the first □ of the name so that what the clerk types replaces it."""
        text = self.name_edit.text()
        at = min((text.find(mark) for mark in (UNREADABLE_MARK, "\ufffd") if mark in text), default=-1)
        if at >= 0:
            self.name_edit.setSelection(at, 1)

    def _field_message(self, text: str, error: bool) -> None:
        self.id_message.setText(text)
        self.id_message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    def _say(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
