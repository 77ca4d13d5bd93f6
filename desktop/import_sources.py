"""Keep PySide6's import hook from holding the source text of every module imported after it.

PySide6 (6.x, ``PySide6/support/feature.py``) decides per imported module whether it uses
``from __feature__ import ...`` by reading the module's whole source with ``inspect.getsource``,
which leaves every file in ``linecache``: at the counter, the source of some 1,000 modules
(SQLAlchemy, pydantic, ...), about 38 MB of strings that nothing reads again. ``install()`` wraps
the check so that each file's lines are dropped from the cache once it has been read; the check's
answer is PySide6's own. Tracebacks still show source lines (linecache reads them again).
"""

from __future__ import annotations

import linecache
import sys
from types import ModuleType
from typing import Any

_WRAPPED = "_tongban_forgets_sources"


def install() -> bool:
    """Wrap the hook once PySide6 is imported (True when it is wrapped, now or before)."""
    feature = sys.modules.get("PySide6.support.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or check is None:
        return False
    if getattr(check, _WRAPPED, False):
        return True

    def uses_pyside(module: ModuleType, _check: Any = check) -> Any:
        try:
            return _check(module)
        finally:
            forget(module)

    setattr(uses_pyside, _WRAPPED, True)
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    forget_all()  # what was imported before
    return True


def forget(module: ModuleType) -> None:
    path = getattr(module, "__file__", None)
    if isinstance(path, str):
        linecache.cache.pop(path, None)


def forget_all() -> None:
    linecache.clearcache()
