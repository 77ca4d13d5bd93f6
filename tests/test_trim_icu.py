"""scripts/trim_icu.sh: Qt with the trimmed ICU data answers as it does with the wheel's."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "trim_icu.sh"
PROBE = REPO / "tests" / "icu_probe.py"


def _qt_lib() -> Path:
    import PySide6

    return Path(PySide6.__file__).resolve().parent / "Qt" / "lib"


def _icudata() -> Path:
    found = sorted(_qt_lib().glob("libicudata.so.[0-9]*"))
    if not found:
        pytest.skip("this PySide6 carries no libicudata (not a Linux wheel?)")
    return found[0]


def _needs_tools(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (Debian: icu-devtools, binutils)")


def _bundle(tmp_path: Path) -> tuple[Path, Path]:
    """A bundle's ``_internal`` as PyInstaller lays it out: PySide6/Qt/lib with a copy of
    libicudata and (links to) the Qt libraries, and a top-level link to libicudata."""
    internal = tmp_path / "_internal"
    lib = internal / "PySide6" / "Qt" / "lib"
    lib.mkdir(parents=True)
    shutil.copy2(_icudata(), lib)
    for qt in _qt_lib().glob("libQt6*.so.6"):
        (lib / qt.name).symlink_to(qt)
    (internal / _icudata().name).symlink_to(lib / _icudata().name)
    return internal, lib


def _probe(lib_dir: Path | None) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "zh_CN.UTF-8", "TZ": "Asia/Shanghai"}
    env.pop("LD_LIBRARY_PATH", None)
    if lib_dir is not None:  # searched before the RUNPATH ($ORIGIN) of Qt's libicuuc
        env["LD_LIBRARY_PATH"] = str(lib_dir)
    out = subprocess.run([sys.executable, str(PROBE)], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _run(lib: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(SCRIPT), str(lib)], capture_output=True, text=True, timeout=120)


def test_trimmed_icu_data_gives_qt_the_same_answers(tmp_path: Path) -> None:
    _needs_tools("icupkg", "readelf", "as", "ld")
    internal, lib = _bundle(tmp_path)
    icudata = lib / _icudata().name
    before = icudata.stat().st_size

    out = _run(internal)
    assert out.returncode == 0, out.stderr
    after = icudata.stat().st_size
    assert f"{before} -> {after} bytes" in out.stdout
    assert after < before / 4  # 30.6 MB -> 4.6 MB for ICU 73

    original, trimmed = _probe(None), _probe(lib)
    assert original["icudata"] == [str(_icudata())]
    assert trimmed["icudata"] == [str(icudata)]  # the trimmed library is the one Qt loaded
    for part in ("collation", "time zones", "dates and case", "boundaries"):
        assert trimmed[part] == original[part], part
    # Pinyin order, Chinese zone names: zh data is there, not a fallback to root.
    assert trimmed["collation"]["zh_CN"][2:6] == ["阿依古丽", "曾国藩", "单田芳", "李娜"]
    assert trimmed["time zones"]["Asia/Shanghai"]["zh_CN LongName StandardTime"] == "中国标准时间"
    # Converters: the GB family stays, the others are gone on purpose.
    for name in ("GB18030", "GBK", "gb2312", "windows-936"):
        assert trimmed["converters"][name] == original["converters"][name], name
    assert trimmed["converters"]["GB18030"]["decoded"] == "张三 医保 𠮷 €"
    assert original["converters"]["Big5"]["valid"] and not trimmed["converters"]["Big5"]["valid"]

    # Twice is harmless: the second run finds nothing more to drop.
    assert (internal / icudata.name).resolve() == icudata.resolve()  # the link still points at it
    again = _run(internal)
    assert again.returncode == 0, again.stderr
    assert f"{after} -> {after} bytes" in again.stdout


def test_a_library_calling_icu_beyond_what_was_checked_stops_the_trim(tmp_path: Path) -> None:
    _needs_tools("icupkg", "readelf", "as", "ld", "cc")
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy2(_icudata(), lib)
    version = _icudata().name.rsplit(".", 1)[1]
    source = tmp_path / "breaker.c"
    # A line breaker through ICU would need brkitr/, which the trim drops.
    source.write_text(f"void *ubrk_open_{version}(int, const char *, const void *, int, int *);\n"
                      f"void *f(int *e) {{ return ubrk_open_{version}(2, \"zh\", 0, 0, e); }}\n")
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(lib / "libQt6Breaker.so.6"), str(source)],
                   check=True, timeout=60)
    before = (lib / _icudata().name).read_bytes()

    out = _run(lib)
    assert out.returncode != 0
    assert f"ubrk_open_{version}" in out.stderr
    assert (lib / _icudata().name).read_bytes() == before
