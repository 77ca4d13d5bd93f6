"""The dependency direction of STYLE.md section 1, checked two ways so it cannot rot, and no
import cycles between modules (issue 16 item 3)."""

from __future__ import annotations

import ast
import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

REPO = Path(__file__).resolve().parent.parent

#: package → top-level modules (or module prefixes) it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "models": ("PySide6", "desktop", "widgets", "sync", "hub", "devices", "printing"),
    "sync": ("PySide6", "desktop", "widgets", "printing"),
    "printing": ("PySide6", "desktop", "widgets"),
    "hub": ("PySide6", "desktop", "widgets"),
    "devices": ("PySide6.QtWidgets", "PySide6.QtGui", "desktop", "widgets"),
    "widgets": ("desktop", "sync", "hub", "devices", "sqlalchemy"),
}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _violates(module: str, banned: str) -> bool:
    return module == banned or module.startswith(banned + ".")


def test_no_forbidden_imports_anywhere_even_lazy_ones() -> None:
    problems = []
    checked = 0
    for package, banned in FORBIDDEN.items():
        for path in (REPO / package).rglob("*.py"):
            checked += 1
            for line, module in _imports(path):
                if any(_violates(module, b) for b in banned):
                    problems.append(f"{path.relative_to(REPO)}:{line} imports {module}")
    assert checked > 10
    assert problems == []


def test_the_ast_check_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6.QtWidgets import QWidget\n")
    assert any(_violates(m, "PySide6") for _, m in _imports(bad))


def test_import_linter_contracts_hold() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is part of the dev extra"
    result = subprocess.run([exe], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


#: Every first-party package; a cycle may run through several of them.
PACKAGES = ("models", "sync", "printing", "devices", "hub", "desktop", "widgets")


def import_cycles(*packages: str) -> list[list[str]]:
    """Import cycles between modules of ``packages``, each as ``[a, b, ..., a]``.

    Every import counts, also one inside a function (a lazy import that only hides a cycle is
    still one), except those under ``if TYPE_CHECKING:`` (STYLE.md: type-only references go
    there). A package's ``__init__`` is a module like any other, so a submodule importing its
    own package while the package imports it is a cycle too.
    """
    graph = grimp.build_graph(*packages, exclude_type_checking_imports=True, cache_dir=None)
    cycles: dict[frozenset[str], list[str]] = {}
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycle = [module, *back]
                cycles.setdefault(frozenset(cycle), cycle)
    return list(cycles.values())


def test_no_import_cycles_between_modules() -> None:
    cycles = import_cycles(*PACKAGES)
    assert [" -> ".join(cycle) for cycle in cycles] == []


def test_the_cycle_check_catches_a_lazy_cycle_and_ignores_type_checking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "cyclepkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from cyclepkg import b\n")
    (package / "b.py").write_text("def f():\n    from cyclepkg import c\n")
    (package / "c.py").write_text("import cyclepkg.a\n")
    (package / "d.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cyclepkg import e\n"
    )
    (package / "e.py").write_text("from cyclepkg import d\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    assert import_cycles("cyclepkg") == [["cyclepkg.a", "cyclepkg.b", "cyclepkg.c", "cyclepkg.a"]]
