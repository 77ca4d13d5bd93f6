"""Issue 17 item 10: zip bombs (a catalog package, an .xlsx batch list) are refused from the
sizes their central directory declares, before anything is inflated or parsed, and a member that
lies about its size is never read past it. Bombs are scaled to limits set small for the test."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

import models.catalog.package as package
from models.batch_import import reader
from models.catalog import CatalogError, clear_cache
from models.errors import UserFacingError


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TONGBAN_HOME", str(tmp_path / "home"))
    clear_cache()


def _bomb_package(path: Path, inflated: int) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(package.PAYLOAD, b"{" + b" " * inflated + b"}")
        zf.writestr(package.SIGNATURE, b"AAAA")
        zf.writestr(package.KEY_ID, b"0" * 16)
    return path


def test_catalog_zip_bomb_is_refused_before_inflating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "MAX_PAYLOAD_BYTES", 1 << 20)
    bomb = _bomb_package(tmp_path / "bomb.zip", 8 << 20)  # 8 MiB of spaces in a few KB
    assert bomb.stat().st_size < 64 << 10
    inflated: list[int] = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, *a, **k: inflated.append(1) or real_open(self, *a, **k))
    with pytest.raises(CatalogError) as err:
        package.verify_package(bomb, package.trusted_keys())
    assert err.value.code == "catalog.package_too_large" and inflated == []


def test_a_member_lying_about_its_size_is_not_read_past_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The central directory says 100 bytes; the stream holds 8 MiB: zipfile stops at 100 and the
    CRC fails, so the package is unreadable, and the signature is never checked on more."""
    monkeypatch.setattr(package, "MAX_PAYLOAD_BYTES", 1 << 20)
    raw = bytearray(_bomb_package(tmp_path / "b.zip", 8 << 20).read_bytes())
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = raw.find(signature)  # the first member's header: catalog.json
        raw[at + offset : at + offset + 4] = struct.pack("<I", 100)
    liar = tmp_path / "liar.zip"
    liar.write_bytes(bytes(raw))
    with pytest.raises(CatalogError) as err:
        package.verify_package(liar, package.trusted_keys())
    assert err.value.code == "catalog.package_unreadable"


def test_catalog_cli_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli.main import main

    monkeypatch.setattr(package, "MAX_PAYLOAD_BYTES", 1 << 20)
    bomb = _bomb_package(tmp_path / "bomb.zip", 4 << 20)
    assert main(["catalog", "import", str(bomb)]) == 1
    assert "超过 1 MB" in capsys.readouterr().err


def _xlsx(cells: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in cells:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _inline_string_bomb(size: int) -> bytes:
    """A workbook whose sheet holds one inline string of ``size`` characters (Excel and openpyxl
    write at most 32767, a hostile file is not bound by that)."""
    base = zipfile.ZipFile(io.BytesIO(_xlsx([["姓名"]])))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
        + "x" * size
        + "</t></is></c></row></sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for info in base.infolist():
            data = sheet.encode() if info.filename == "xl/worksheets/sheet1.xml" else base.read(info)
            zf.writestr(info.filename, data)
    return out.getvalue()


def test_xlsx_with_an_inflated_string_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 400 MB inline string, scaled: 2 MiB of text against a 512 KiB limit."""
    monkeypatch.setattr(reader, "MAX_XLSX_INFLATED", 512 << 10)
    bomb = tmp_path / "list.xlsx"
    bomb.write_bytes(_inline_string_bomb(2 << 20))
    assert bomb.stat().st_size < reader.MAX_FILE_BYTES
    parsed: list[int] = []
    import openpyxl

    real = openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: parsed.append(1) or real(*a, **k))
    with pytest.raises(UserFacingError) as err:
        reader.read_table(bomb)
    assert err.value.code == "batch.inflated_too_large" and parsed == []
    fine = tmp_path / "fine.xlsx"
    fine.write_bytes(_xlsx([["姓名", "身份证号"], ["张三", "522701199001011234"]]))
    assert [cells for _, cells in reader.read_table(fine).rows][1] == ["张三", "522701199001011234"]
