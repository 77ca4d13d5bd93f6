"""Issue 17 item 9: an image is checked by the pixel count its header declares before anything
decodes it (``tongban scan``, ``photo process``, ``photo pdf``, a file attached at the counter),
and refused with a message for the clerk, never a ``cv2.error`` traceback or minutes of work."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from sqlalchemy import select

from desktop.cli.main import main
from models.errors import ValidationError
from models.lifecycle import CaseState
from models.orm import Case, MaterialEntry
from tests.cli_helpers import tongban


def _png_header_only(width: int, height: int) -> bytes:
    """A 57-byte PNG that declares ``width``×``height`` pixels and holds none."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    "argv",
    [["scan", "{img}"], ["photo", "process", "{img}", "--out", "{out}"], ["photo", "pdf", "{img}", "--out", "{pdf}"],
     ["photo", "pdf", "{img}", "--raw", "--out", "{pdf}"]],
)
def test_a_57_byte_png_declaring_60000_squared_is_refused_by_every_command(tmp_path: Path, argv: list[str]) -> None:
    img = tmp_path / "bomb.png"
    img.write_bytes(_png_header_only(60000, 60000))
    assert len(img.read_bytes()) == 57
    args = [a.format(img=img, out=tmp_path / "out", pdf=tmp_path / "m.pdf") for a in argv]
    result = tongban(*args, home=tmp_path / "home")
    assert result.returncode != 0
    said = result.stdout + result.stderr  # scan reports per file on stdout, the others on stderr
    assert "Traceback" not in said and "cv2.error" not in said
    assert "图像尺寸过大" in said and "60000×60000" in said, said
    assert not (tmp_path / "m.pdf").exists()


def test_a_real_image_over_the_limit_is_refused_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The 20000×20000 photo, scaled to the limit: 300×300 against a limit of 200×200 pixels."""
    import models.images

    monkeypatch.setattr(models.images, "MAX_PIXELS", 200 * 200)
    img = tmp_path / "big.png"
    cv2.imwrite(str(img), np.full((300, 300, 3), 200, np.uint8))
    decoded: list[Any] = []
    real = cv2.imdecode
    monkeypatch.setattr(cv2, "imdecode", lambda *a: decoded.append(1) or real(*a))
    assert main(["photo", "process", str(img), "--out", str(tmp_path / "o.jpg")]) == 1
    assert "图像尺寸过大" in capsys.readouterr().err and decoded == []
    small = tmp_path / "small.png"
    cv2.imwrite(str(small), np.full((150, 150, 3), 200, np.uint8))
    assert main(["photo", "process", str(small), "--out", str(tmp_path / "o.jpg")]) == 0


def test_attaching_an_image_bomb_at_the_counter_is_refused(demo_store: Any) -> None:
    """The counter's attach (F8) stores through ``attach_file``: the same check, nothing stored."""
    from models.intake.service import attach_file

    with demo_store.db.write() as session:
        entry = session.scalars(select(MaterialEntry).join(Case).where(Case.state == CaseState.DRAFT)).first()
        assert entry is not None
        case_no, key, pages = entry.case.case_no, entry.material_key, len(entry.files)
    with demo_store.db.write() as session, pytest.raises(ValidationError) as err:
        attach_file(session, demo_store.paths.media, case_no, key, _png_header_only(60000, 60000), "image/png")
    assert err.value.code == "image.too_large"
    with demo_store.db.read() as session:
        entry = session.scalar(select(MaterialEntry).join(Case).where(Case.case_no == case_no,
                                                                       MaterialEntry.material_key == key))
        assert entry is not None and len(entry.files) == pages

