"""`tongban catalog` subcommands, run in-process with real files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.cli.main import main
from models.catalog import clear_cache
from models.catalog.loader import bundled_dir


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TONGBAN_HOME", str(tmp_path / "home"))
    clear_cache()


def test_validate_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "validate"]) == 0
    assert "41 个事项" in capsys.readouterr().out


def test_validate_reports_file_item_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "cat"
    shutil.copytree(bundled_dir(), src, ignore=shutil.ignore_patterns("catalog.json"))
    path = src / "items" / "002036001003.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: phone", "type: telephone", 1), encoding="utf-8")
    assert main(["catalog", "validate", str(src)]) == 1
    err = capsys.readouterr().err
    assert "items/002036001003.yaml: 002036001003: fields." in err and "type" in err


def test_list_and_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed["items"]) == 30 and {"code", "name", "time_limit"} <= set(listed["items"][0])
    assert main(["catalog", "show", "002036004001", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["name"] == "异地安置退休人员备案"
    assert {"code", "name", "materials", "fields", "time_limit", "steps", "messages"} <= set(shown)


def test_show_says_what_each_level_may_do(capsys: pytest.CaptureFixture[str]) -> None:
    # 城乡居民参保登记: 003 leaves the level to the locality; the catalog default is county approval.
    assert main(["catalog", "show", "002036001003", "--level", "乡镇"]) == 0
    out = capsys.readouterr().out
    assert "本服务点（乡镇级：受理后转报县级审核办结；本级承诺：由上级经办机构办理）" in out
    assert "县级：受理、审核并当场办结（即办件，受理人办结）；办理时限：即时办结" in out
    assert "层级依据：003#" in out and "由地方决定" in out
    # 异地安置退休人员备案: 003#3100 gives a township 审批权, and a village 2 working days.
    assert main(["catalog", "show", "002036004001", "--json", "--level", "村"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["at_station"]["forward_to"] == "乡镇" and shown["at_station"]["promise"] == "不超过2个工作日"
    township = next(h for h in shown["by_level"] if h["level"] == "乡镇")
    assert township["finish_at_counter"] and township["promise"] == "即时办结"


def test_list_marks_what_the_level_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "list", "--level", "乡镇"]) == 0
    out = capsys.readouterr().out
    assert "002036004001  异地安置退休人员备案" in out and "〔受理、当场办结〕" in out
    assert "002036001003  城乡居民参保登记  [即办件]  即时办结  〔受理后转报县级〕" in out


def test_show_unknown_code_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "show", "000000000000"]) == 1
    assert "没有编码为 000000000000 的服务事项" in capsys.readouterr().err


def test_keygen_build_verify_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "cat"
    shutil.copytree(bundled_dir(), src)
    manifest = src / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"2024.01.2"', '"2024.02.1"'), encoding="utf-8")
    assert main(["catalog", "keygen", str(tmp_path / "k.key"), str(tmp_path / "k.pub")]) == 0
    keys = tmp_path / "home" / "catalog" / "keys"
    keys.mkdir(parents=True)
    shutil.copy(tmp_path / "k.pub", keys / "k.pub")
    pkg = tmp_path / "c.tbcat"
    key = str(tmp_path / "k.key")
    assert main(["catalog", "build-package", "--key", key, "--source", str(src), "--out", str(pkg)]) == 0
    assert main(["catalog", "verify-package", str(pkg), "--json"]) == 0
    capsys.readouterr()
    assert main(["catalog", "import", str(pkg), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == "2024.02.1"
    assert main(["catalog", "import", str(pkg)]) == 1  # same version again: refused
    assert "不高于本机当前版本" in capsys.readouterr().err


def test_every_catalog_error_code_has_chinese_text() -> None:
    import re

    from desktop.messages.catalog import MESSAGES

    folder = Path(__file__).resolve().parent.parent / "models" / "catalog"
    raised = set()
    for path in folder.glob("*.py"):
        raised |= set(re.findall(r'CatalogError\(\s*"(catalog\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    assert len(raised) > 10
    assert raised - set(MESSAGES) == set()
