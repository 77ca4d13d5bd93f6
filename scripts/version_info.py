"""Windows version resource for the bundle (PyInstaller reads it on Windows builds only).

build.spec builds it from pyproject.toml's version, so the two never disagree.
"""

from __future__ import annotations

import tomllib
from pathlib import Path


def version_info(root: Path) -> object:
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    version = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    numbers = tuple(int(x) for x in [*version.split("."), "0", "0", "0"][:4])
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            StringFileInfo(
                [
                    StringTable(
                        "080404B0",  # zh-CN, Unicode
                        [
                            StringStruct("CompanyName", "Tongban"),
                            StringStruct("FileDescription", "医保通办 — 基层医保经办服务点柜台系统"),
                            StringStruct("FileVersion", version),
                            StringStruct("InternalName", "tongban"),
                            StringStruct("OriginalFilename", "tongban.exe"),
                            StringStruct("ProductName", "医保通办"),
                            StringStruct("ProductVersion", version),
                        ],
                    )
                ]
            ),
            VarFileInfo([VarStruct("Translation", [0x0804, 1200])]),
        ],
    )
