"""Several pages of one material → one PDF: from photo files, and from a case's stored pages."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import cv2
import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from desktop.cli.main import main
from devices.camera import synthetic as syn
from devices.camera.document import process_page
from models import audit
from models.intake.service import attach_file
from models.lifecycle import CaseState
from models.orm import AuditEntry, Case, MaterialEntry
from models.store import Store


def _pdf_images(pdf: bytes) -> list[bytes]:
    """The embedded page images (JPEGs pass through unchanged: DCTDecode is not undone)."""
    doc = pdfium.PdfDocument(pdf)
    out = []
    for page in doc:
        (image,) = [o for o in page.get_objects() if isinstance(o, pdfium.PdfImage)]
        out.append(bytes(image.get_data(decode_simple=True)))
    return out


def _pdf_text(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    return [page.get_textpage().get_text_range() for page in doc]


def test_photo_files_become_one_pdf_of_processed_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = []
    for seed in range(3):
        path = tmp_path / f"invoice-{seed}.jpg"
        cv2.imwrite(str(path), syn.photographed_page(seed))
        inputs.append(str(path))
    out = tmp_path / "out" / "invoices.pdf"
    assert main(["photo", "pdf", *inputs, "--out", str(out), "--target-kb", "120", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    pdf = out.read_bytes()
    assert report == {"output": str(out), "pages": 3, "bytes": len(pdf), "page_bytes": report["page_bytes"]}
    images = _pdf_images(pdf)
    assert len(images) == 3 and all(len(i) <= 120_000 for i in images)
    # The PDF is its pages plus a little: JPEGs are embedded as they are, not re-encoded.
    assert report["page_bytes"] < len(pdf) < report["page_bytes"] + 60_000
    texts = _pdf_text(pdf)
    assert "第 1 页 / 共 3 页" in texts[0] and "第 3 页 / 共 3 页" in texts[2]
    png = tmp_path / "p"
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "2", "-l", "2", str(out), str(png)], check=True)
    page = cv2.imread(str(next(tmp_path.glob("p*.png"))))
    assert page is not None and page.shape[0] > page.shape[1]  # portrait A4


def test_case_material_pages_export_in_order_verified_and_audited(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = [process_page(syn.photographed_page(seed), target_bytes=80_000).jpeg for seed in (4, 5)]
    with demo_store.db.write() as session:
        open_states = [s for s in CaseState if not s.is_final]
        entry = session.scalars(select(MaterialEntry).join(Case).where(Case.state.in_(open_states))).first()
        assert entry is not None
        case_no, key = entry.case.case_no, entry.material_key
        already = [f.sha256 for f in entry.files]
        for page in pages:
            attach_file(session, demo_store.paths.media, case_no, key, page, "image/jpeg")
        before = session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1)) or 0
    assert main(["photo", "pdf", "--case", case_no, "--list", "--json"]) == 0
    listed = {row["material"]: row["pages"] for row in json.loads(capsys.readouterr().out)}
    assert listed[key] == len(already) + 2

    out = tmp_path / "material.pdf"
    assert main(["photo", "pdf", "--case", case_no, "--material", key, "--out", str(out)]) == 0
    capsys.readouterr()
    exported = _pdf_images(out.read_bytes())
    assert [hashlib.sha256(i).hexdigest() for i in exported[-2:]] == [hashlib.sha256(p).hexdigest() for p in pages]
    assert case_no in _pdf_text(out.read_bytes())[0]
    with demo_store.db.read() as session:
        entry_after = session.scalars(select(AuditEntry).where(AuditEntry.seq > before)).all()
        assert [(e.action, e.target) for e in entry_after] == [("material.export", f"case:{case_no}")]
        assert audit.verify(session).ok


def test_clear_refusals_for_unknown_material_and_empty_material(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo_store.db.read() as session:
        entry = session.scalars(select(MaterialEntry).where(~MaterialEntry.files.any())).first()
        assert entry is not None
        case_no, key = entry.case.case_no, entry.material_key
    out = tmp_path / "x.pdf"
    assert main(["photo", "pdf", "--case", case_no, "--material", "no-such", "--out", str(out)]) == 1
    assert "材料清单中没有" in capsys.readouterr().err
    assert main(["photo", "pdf", "--case", case_no, "--material", key, "--out", str(out)]) == 1
    assert "没有可导出的页面" in capsys.readouterr().err
    assert not out.exists()
    assert main(["photo", "pdf", "--out", str(out)]) == 1  # neither files nor a case
    assert "二者选一" in capsys.readouterr().err
