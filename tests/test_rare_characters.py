"""Issue 22 part 2: every character a name can hold (GB 18030-2022 生僻字, mostly outside the BMP)
is checked, stored, synced, shown and printed exactly; one no shipped font draws is refused.

Needs the fonts of scripts/dev.sh (fonts-arphic-uming, fonts-hanazono); skipped without them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest

from desktop.messages import render as message
from models import fontset
from models.errors import ValidationError
from models.validation import check_name
from printing import render
from printing.layout import RenderOptions
from tests.test_print_documents import pdf_text, receipt_data

#: One character from each CJK block, in a fictitious name: ext A, B, C, D, E, F (and the BMP).
RARE = {
    "ext A": "\u3400",  # 㐀
    "ext B": "\U0002a6a5",  # 𪚥
    "ext C": "\U0002a700",  # 𪜀
    "ext D": "\U0002b740",  # 𫝀
    "ext E": "\U0002b820",  # 𫠠
    "ext F": "\U0002ceb0",  # 𬺰
}
NAME = "王" + "".join(RARE.values())
#: CJK extension G (U+30000): in no font Tongban ships or finds.
UNDRAWABLE = "\U00030000"

needs_fonts = pytest.mark.skipif(
    len(fontset.find(fontset.EXTENSION, limit=None)) < 2, reason="fonts-hanazono (HanaMin A/B) not installed"
)


def pdffonts(pdf: bytes, tmp: Path) -> str:
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True, timeout=60).stdout


def pdftotext(pdf: bytes, tmp: Path) -> str:
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60).stdout


@needs_fonts
@pytest.mark.parametrize("block", sorted(RARE))
def test_a_name_from_each_extension_block_passes(block: str) -> None:
    name = f"李{RARE[block]}"
    assert check_name(name) == name


def test_a_character_no_font_draws_is_refused_with_its_code_point() -> None:
    with pytest.raises(ValidationError) as err:
        check_name(f"张{UNDRAWABLE}")
    assert err.value.code == "name.no_glyph"
    text = message(err.value)
    assert "U+30000" in text and "字库" in text and UNDRAWABLE not in text


@needs_fonts
@pytest.mark.parametrize("paper", ["a4", "80mm"])
def test_the_receipt_embeds_and_extracts_every_rare_character(paper: str, tmp_path: Path) -> None:
    data = receipt_data()
    data = dataclasses.replace(data, applicant=dataclasses.replace(data.applicant, name=NAME))
    pdf = render("receipt", data, RenderOptions(paper=paper))  # type: ignore[arg-type]
    fonts = pdffonts(pdf, tmp_path)
    assert "HanaMinA" in fonts and "HanaMinB" in fonts  # ext A from A, ext B–F from B, subsets
    assert all(line.split()[-4:-2] == ["yes", "yes"] for line in fonts.splitlines()[2:] if "Helvetica" not in line)
    assert NAME in pdftotext(pdf, tmp_path)  # the ToUnicode map names the real code points
    assert NAME in pdf_text(pdf)


@needs_fonts
def test_forms_and_notices_are_set_in_song(tmp_path: Path) -> None:
    from tests.test_print_documents import sample

    fonts = pdffonts(render("registration", sample("registration")), tmp_path)
    assert "UMingCN" in fonts  # AR PL UMing CN: a 宋体 (Ming) face
    roll = pdffonts(render("receipt", receipt_data(), RenderOptions(paper="80mm")), tmp_path)
    assert "UMingCN" not in roll and "DroidSansFallback" in roll  # the roll stays in a sans face


@needs_fonts
def test_intake_stores_a_rare_name_exactly(demo_store: Any) -> None:
    from models.demo import demo_id_number
    from models.intake.draft import Identity
    from models.intake.service import person_history, remember_person

    number = demo_id_number("19800101", "321")
    with demo_store.db.write() as session:
        remember_person(session, Identity(number, f" {NAME} "))
    with demo_store.db.read() as session:
        assert person_history(session, number, dt.date(2026, 11, 23)).name == NAME


def test_intake_and_batch_lists_refuse_an_undrawable_name(demo_store: Any, tmp_path: Path) -> None:
    from models.batch_import import INVALID, VALID, run_import
    from models.demo import demo_id_number
    from models.intake.draft import Identity
    from models.intake.service import remember_person
    from tests.test_batch_import import SUBSIDY, SUBSIDY_HEADER, subsidy_row, write_csv

    with demo_store.db.write() as session, pytest.raises(ValidationError) as err:
        remember_person(session, Identity(demo_id_number("19800101", "321"), f"张{UNDRAWABLE}"))
    assert err.value.code == "name.no_glyph"
    rows = [SUBSIDY_HEADER, subsidy_row(1), subsidy_row(2, name=f"钱{UNDRAWABLE}")]
    report = run_import(demo_store.db, write_csv(tmp_path / "l.csv", rows), SUBSIDY, dry_run=True)
    assert [r.status for r in report.rows] == [VALID, INVALID]
    assert [e.code for e in report.rows[1].errors] == ["name.no_glyph"]


@needs_fonts
def test_a_rare_name_survives_a_signed_sync_envelope() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from sync.protocol import Envelope, PersonRecord, build_envelope, envelope_header, verify_envelope

    key = Ed25519PrivateKey.generate()
    env = build_envelope(
        infno="9001",
        station_code="522701001",
        admdvs="522701",
        payload=PersonRecord(id_number="522701195803121014", name=NAME),
        key=key,
        now=dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC),
    )
    back = Envelope.model_validate_json(envelope_header(env))  # the ASCII-only form (\\ud869\\udea5)
    assert verify_envelope(back, key.public_key())
    assert back.input["name"] == NAME


@needs_fonts
def test_the_screen_falls_back_to_the_extension_fonts(qapp: Any) -> None:
    from PySide6.QtGui import QFont, QRawFont

    from desktop import i18n

    i18n.apply_font_scale(qapp, 1.0)
    families = qapp.font().families()
    extra = i18n.name_font_families()
    assert extra and all(f in families for f in extra)
    for ch in RARE.values():
        assert any(QRawFont.fromFont(QFont(f)).supportsCharacter(ord(ch)) for f in extra), hex(ord(ch))
