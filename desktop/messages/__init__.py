"""Error codes from models/ (and sync/, devices/, printing/) rendered as Chinese text for the clerk.

Each area keeps its own table in a module beside this one; ``render`` looks a code up in all
of them, as electrum/gui/messages.py keeps UI text out of the core.
"""

from __future__ import annotations

from collections.abc import Callable

from models.errors import UserFacingError

from . import batch as _batch
from . import bundle as _bundle
from . import calendar as _calendar
from . import camera as _camera
from . import card as _card
from . import catalog as _catalog
from . import core as _core
from . import devices as _devices
from . import durability as _durability
from . import evaluator as _evaluator
from . import idcard as _idcard
from . import intake as _intake
from . import printing as _printing
from . import security as _security
from . import sync as _sync
from . import sync_center as _sync_center

_TABLES: tuple[dict[str, str], ...] = (
    _core.MESSAGES,
    _durability.MESSAGES,
    _batch.MESSAGES,
    _intake.MESSAGES,
    _camera.MESSAGES,
    _card.MESSAGES,
    _idcard.MESSAGES,
    _devices.MESSAGES,
    _evaluator.MESSAGES,
    _catalog.MESSAGES,
    _calendar.MESSAGES,
    _printing.MESSAGES,
    _security.MESSAGES,
    _sync.MESSAGES,
    _bundle.MESSAGES,
    _sync_center.MESSAGES,
)


#: Set by desktop/i18n.py when the GUI runs in another language: (context, source) -> text.
#: The CLI leaves it unset, so it never loads Qt just to print a message.
_translate: Callable[[str, str], str] | None = None


def set_translator(translate: Callable[[str, str], str] | None) -> None:
    global _translate
    _translate = translate


def _lookup(code: str) -> str | None:
    for table in _TABLES:
        if code in table:
            return table[code]
    return None


def render(error: UserFacingError, *, cli: bool = False) -> str:
    """The message for a clerk; ``cli=True`` adds the command that helps (desktop/messages/cli_hints.py)."""
    if cli:
        from .cli_hints import HINTS

        hint = HINTS.get(error.code)
        text = without_case_keys(render(error))  # the keys of the counter window mean nothing here
        return f"{text}（命令行：{hint}）" if hint else text
    template = _lookup(error.code)
    if template is None:
        return f"操作未能完成（错误代码 {error.code}）。"
    if _translate is not None:
        template = _translate("messages", template)
    params = dict(error.params)
    cause = params.get("cause")
    if isinstance(cause, str):  # an error code naming why: its short form, or its whole message
        short = _lookup(f"cause.{cause}")
        if short is not None and _translate is not None:
            short = _translate("messages", short)
        params["cause"] = short if short is not None else render(UserFacingError(cause))
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def without_case_keys(text: str) -> str:
    """``text`` without the sentences that tell the clerk which key to press on an open case
    (F11/F4 after an evaluator fault): for the command line and for a device test."""
    from .cli_hints import GUI_ONLY

    for sentence in GUI_ONLY:
        text = text.replace(sentence, "")
        if _translate is not None:
            text = text.replace(_translate("messages", sentence), "")
    return text


def known_codes() -> set[str]:
    return {code for table in _TABLES for code in table}
