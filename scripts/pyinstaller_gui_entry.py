"""Entry point of the bundle's windowed launcher ``tongban-gui`` (Windows only): opens the counter (``tongban gui``)."""

from __future__ import annotations

import sys

from desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main(["gui", *sys.argv[1:]]))
