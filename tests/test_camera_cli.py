"""`tongban scan` and `tongban photo` end to end on generated files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import cv2
import pytest

from desktop.cli import cmd_photo, cmd_scan
from devices.camera import synthetic as syn
from models.errors import UserFacingError

pytest.importorskip("segno")

TOKEN = "4243754826492874240001130000"


def run_cli(argv: list[str]) -> int:
    """Only the two subcommands under test, through the same main() error handling."""
    parser = argparse.ArgumentParser(prog="tongban")
    sub = parser.add_subparsers(dest="command")
    cmd_scan.register(sub)
    cmd_photo.register(sub)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UserFacingError as exc:  # as main() does
        from desktop.messages import render

        print(f"错误：{render(exc)}")
        return 1


def test_scan_files_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    img = tmp_path / "phone.png"
    cv2.imwrite(str(img), syn.phone_frame(TOKEN, syn.CASES["tilted"], seed=1))
    other = tmp_path / "other.png"
    cv2.imwrite(str(other), syn.phone_frame("https://example.org/x", syn.Degradation(), seed=2))
    video = tmp_path / "clip.avi"
    syn.write_video(
        str(video),
        [syn.phone_frame(None, syn.Degradation(), seed=3), syn.phone_frame(TOKEN, syn.Degradation(), seed=4)],
    )
    code = run_cli(["scan", str(img), str(other), str(video), str(tmp_path / "gone.png"), "--json"])
    out = capsys.readouterr().out
    entries = json.loads(out)
    assert [e["path"] for e in entries] == [str(img), str(other), str(video), str(tmp_path / "gone.png")]
    assert entries[0]["evoucher_valid"] and entries[0]["codes"][0]["province"] == "13"
    assert entries[1]["codes"][0]["error"] == "evoucher.not_evoucher"
    assert entries[2]["frames"] == 2 and entries[2]["evoucher_valid"]
    assert entries[3]["error"] == "camera.file_not_found"
    assert TOKEN not in out  # masked
    assert code == cmd_scan.NO_EVOUCHER


def test_scan_text_output_and_success_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    img = tmp_path / "phone.png"
    cv2.imwrite(str(img), syn.phone_frame(TOKEN, syn.Degradation(), seed=1))
    assert run_cli(["scan", "--file", str(img)]) == 0
    out = capsys.readouterr().out
    assert "医保电子凭证 4243********************0000" in out


def test_scan_camera_absent(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["scan", "--camera", "63", "--timeout", "1"]) == 1
    assert "摄像头" in capsys.readouterr().out


def test_photo_process_reports_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photo = tmp_path / "invoice.jpg"
    cv2.imwrite(str(photo), syn.photographed_page(2))
    out_dir = tmp_path / "out"
    assert run_cli(["photo", "process", str(photo), "--out", str(out_dir), "--target-kb", "120", "--json"]) == 0
    (report,) = json.loads(capsys.readouterr().out)
    written = out_dir / "invoice.jpg"
    assert report["output"] == str(written)
    assert report["bytes"] == written.stat().st_size <= 120_000
    assert report["page_found"] is True
    assert report["height"] > report["width"]
