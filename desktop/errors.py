"""How errors reach the clerk (STYLE.md section 9, electrum ``on_error``)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.messages import render
from models.errors import Cancelled, UserFacingError

logger = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str | None:
    """The message to show, or None when nothing should be shown (a cancelled op)."""
    if isinstance(exc, Cancelled):
        return None
    if isinstance(exc, UserFacingError):
        return render(exc)
    logger.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return QCoreApplication.translate(
        "Errors", "操作未能完成，发生了程序内部错误。已保存的数据没有丢失；错误详情已记入日志，请联系技术支持。"
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    text = error_text(exc)
    if text is not None:
        QMessageBox.warning(parent, QCoreApplication.translate("Errors", "医保通办"), text)
