"""The dependency direction of STYLE.md section 1, checked two ways so it cannot rot."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: package → top-level modules (or module prefixes) it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "models": ("PySide6", "desktop", "widgets", "sync", "hub", "devices", "printing"),
    "sync": ("PySide6", "desktop", "widgets"),
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
    assert "broken" in result.stdout.lower() or "kept" in result.stdout.lower()
