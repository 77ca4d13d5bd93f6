"""Refresh the screenshots in docs/screenshots/ from a test run.

    python -m tests.update_docs                 run the screenshot tests, copy their PNGs to docs/
                                                (and measurements such as keystrokes.json)
    python -m tests.update_docs tests/test_x.py  only these tests (any pytest arguments)
    python -m tests.update_docs --into DIR ...   copy somewhere else than docs/screenshots/

The tests themselves save screenshots to ``$TONGBAN_SCREENSHOT_DIR`` or, unset, a temporary
folder (running the tests must not modify tracked files); this command points that variable at
a fresh folder, runs pytest and copies what the tests saved into docs/screenshots/ (PNGs) and
docs/ (the JSON measurements of tests/test_keystrokes.py, read by bench/keys_bench.py), so the
change shows up in ``git status`` to be looked at and committed on purpose.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "screenshots"
#: The tests that save screenshots (the ``screenshots`` fixture of tests/conftest.py).
SCREENSHOT_TESTS = sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_*.py") if "screenshots: Path" in p.read_text("utf-8")
)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    into, measurements = DOCS, DOCS.parent
    if args[:1] == ["--into"]:
        into = measurements = Path(args[1]).resolve()
        args = args[2:]
    args = args or SCREENSHOT_TESTS
    with tempfile.TemporaryDirectory(prefix="tongban-screenshots-") as tmp:
        env = dict(os.environ, TONGBAN_SCREENSHOT_DIR=tmp)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=ROOT, env=env)
        shots = sorted(Path(tmp).glob("*.png"))  # subfolders hold pictures only for looking at
        into.mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copy2(shot, into / shot.name)
        for measured in sorted(Path(tmp).glob("*.json")):
            shutil.copy2(measured, measurements / measured.name)
        print(f"{len(shots)} screenshots copied to {into}/")
    return run.returncode


if __name__ == "__main__":
    raise SystemExit(main())
