"""Start-up stays light: the command line and the login window import nothing heavy.

Not a timing test (those are in bench/startup_bench.py): it checks which modules are loaded,
so a stray top-level import of SQLAlchemy, opencv, reportlab or pyscard fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("sqlalchemy", "cv2", "reportlab", "smartcard", "numpy", "alembic")

CHILD = r"""
import json, os, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.cli.main import build_parser
from desktop.cli import common
common.ARGS = build_parser().parse_args(["gui"])
from desktop.app import make_login_dialog
from models.paths import data_paths
dialog = make_login_dialog(data_paths(), demo=False)
dialog.show()
app.processEvents()
print(json.dumps(sorted(m for m in %r if m in sys.modules)))
"""


def test_parser_and_login_window_load_no_heavy_module(tongban_home: Path) -> None:
    env = {**os.environ, "TONGBAN_HOME": str(tongban_home), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD % (HEAVY,)], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


#: Loaded only once the login window is up, or at the first sign-in (docs/benchmarks.md, Start-up):
#: the keyring's cryptography, the other subcommands of the command line.
AFTER_SHOWN = (
    "cryptography",
    "filelock",
    "models.security.crypto",
    "models.security.vault",
    "desktop.cli.unlock",
    "models.fontset",  # the rare-character fonts of names: added once the login is up
)

SHOWN_CHILD = r"""
import json, sys
import PySide6.QtCore as QtCore
from PySide6.QtCore import QTimer
import desktop.app as app
make = app.make_login_dialog

def probe(*args):
    dialog = make(*args)
    def report():
        print(json.dumps({
            "visible": dialog.isVisible(),
            "loaded": sorted(m for m in %r if m in sys.modules),
            "commands": sorted(m for m in sys.modules if m.startswith("desktop.cli.cmd_")),
            "qt_enums_built": "Qt" in QtCore.__dict__,
        }))
    QTimer.singleShot(0, report)  # the first timer: the window is on the screen
    return dialog

app.make_login_dialog = probe
from desktop.cli.main import main
sys.exit(main(["gui"]))
"""


def test_gui_shows_its_login_before_loading_what_it_does_not_need(tongban_home: Path) -> None:
    """Through the real ``tongban gui`` path: when the login window is shown, only the ``gui``
    subcommand is registered, the keyring's cryptography is not loaded and Qt's namespace enums
    (``Qt.*``, about as costly as the window itself) are not built yet."""
    env = {**os.environ, "TONGBAN_HOME": str(tongban_home), "QT_QPA_PLATFORM": "offscreen"}
    init = subprocess.run(
        [sys.executable, "-m", "desktop.cli.main", "init", "--demo"], env=env, capture_output=True, timeout=120
    )
    assert init.returncode == 0, init.stderr[-2000:]
    out = subprocess.run(
        [sys.executable, "-c", SHOWN_CHILD % (AFTER_SHOWN + HEAVY,)],
        env={**env, "TONGBAN_EXIT_WHEN_SHOWN": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report == {"visible": True, "loaded": [], "commands": ["desktop.cli.cmd_gui"], "qt_enums_built": False}
