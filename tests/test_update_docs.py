"""Running the tests never writes into docs/: screenshots go to a temporary folder, and
``python -m tests.update_docs`` is the one way they reach docs/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

from tests import update_docs

ROOT = Path(__file__).resolve().parent.parent


def test_no_test_writes_into_docs() -> None:
    # Reading docs/ (the committed OpenAPI file) is fine; a path to its screenshots or
    # measurements in a test is how the tests used to overwrite them.
    into_docs = re.compile(r"""["']docs["']\s*/\s*["'](screenshots|keystrokes)|docs/screenshots/\w""")
    offenders = [
        p.name
        for p in (ROOT / "tests").glob("*.py")
        if p.name not in ("update_docs.py", "test_update_docs.py") and into_docs.search(p.read_text("utf-8"))
    ]
    assert offenders == []
    assert "tests/test_print_documents.py" in update_docs.SCREENSHOT_TESTS


def test_update_docs_runs_the_tests_and_copies_what_they_saved(tmp_path: Path) -> None:
    one = "tests/test_print_documents.py::test_receipt_roll_is_80mm_wide_one_page_and_saved"
    assert update_docs.main(["--into", str(tmp_path), one]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["print_receipt_80mm.png"]
    assert (tmp_path / "print_receipt_80mm.png").read_bytes().startswith(b"\x89PNG")
