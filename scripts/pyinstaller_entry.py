"""Entry point for the PyInstaller bundle: the same ``tongban`` console script."""

from __future__ import annotations

import sys

from desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
