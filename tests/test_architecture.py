"""Shape rules for the Qt shell (issue 16 item 6): a window's ``__init__`` sets its state and calls
named ``_build_<part>()`` methods and a ``_wire()``; it does not build 100 lines of widgets inline.
See docs/architecture.md, "Windows: build, then wire"."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: the longest ``__init__`` allowed in desktop/ and widgets/, ``def`` line to last line
MAX_INIT_LINES = 50


def long_inits(path: Path, limit: int = MAX_INIT_LINES) -> list[str]:
    """``file:line Class.__init__ (n lines)`` for each ``__init__`` in ``path`` longer than ``limit``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        for item in node.body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name == "__init__":
                first = min([item.lineno] + [d.lineno for d in item.decorator_list])
                lines = (item.end_lineno or item.lineno) - first + 1
                if lines > limit:
                    found.append(f"{path}:{item.lineno} {node.name}.__init__ ({lines} lines)")
    return found


def test_no_window_init_is_longer_than_fifty_lines() -> None:
    files = [p for package in ("desktop", "widgets") for p in sorted((REPO / package).rglob("*.py"))]
    assert len(files) > 50  # the walk found the shell
    problems = [problem for path in files for problem in long_inits(path.relative_to(REPO))]
    assert problems == [], "split into _build_<part>() and _wire() (docs/architecture.md):\n" + "\n".join(problems)


def test_the_check_counts_an_init_from_def_to_last_line(tmp_path: Path) -> None:
    body = "".join(f"        self.w{n} = {n}\n" for n in range(60))
    source = tmp_path / "window.py"
    short = "class Short:\n    def __init__(self) -> None:\n        pass\n\n"
    source.write_text(f"{short}class Long:\n    def __init__(self) -> None:\n{body}")
    assert long_inits(source) == [f"{source}:6 Long.__init__ (61 lines)"]
    assert long_inits(source, limit=61) == []
