"""The console script as an operator runs it: a real process, a real data directory."""

from __future__ import annotations

import json
import re
from pathlib import Path

from models.demo import FORM_SAMPLES
from models.numbering import CASE_NO
from tests.cli_helpers import tongban


def test_init_demo_then_case_list_json(tongban_home: Path) -> None:
    init = tongban("init", "--demo", "--json", home=tongban_home)
    assert init.returncode == 0, init.stderr
    summary = json.loads(init.stdout)
    # The five stories of the counter day, and a case of every item that has a printed form.
    demo_cases = 5 + len(FORM_SAMPLES)
    assert summary["station_code"] == "522701001" and summary["cases"] == demo_cases

    listed = tongban("case", "list", "--json", home=tongban_home)
    assert listed.returncode == 0, listed.stderr
    cases = json.loads(listed.stdout)
    assert len(cases) == demo_cases
    assert all(CASE_NO.match(c["case_no"]) for c in cases)
    assert {c["state"] for c in cases} >= {"草稿", "已受理", "退回补正"}
    # Personal data is masked in lists: no full ID number, no full name.
    assert all(re.fullmatch(r"\d{6}\*{8}[\dX]{4}", c["id_number"]) for c in cases)
    assert all(c["applicant"].endswith("**") for c in cases)

    again = tongban("init", "--demo", "--json", home=tongban_home)  # idempotent
    assert json.loads(again.stdout)["cases"] == demo_cases

    shown = tongban("case", "show", cases[0]["case_no"], "--json", home=tongban_home)
    detail = json.loads(shown.stdout)
    assert detail["case_no"] == cases[0]["case_no"] and detail["events"][0]["action"] == "open"

    check = tongban("db", "check", "--json", home=tongban_home)
    assert check.returncode == 0 and json.loads(check.stdout)["ok"] is True


def test_bad_input_gets_chinese_message_and_no_traceback(tongban_home: Path) -> None:
    bad = tongban(
        "init",
        "--name",
        "某镇医保服务站",
        "--admdvs",
        "999999",
        "--level",
        "乡镇",
        "--station-no",
        "001",
        home=tongban_home,
    )
    assert bad.returncode == 1
    assert "行政区划代码999999不存在" in bad.stderr
    assert "Traceback" not in bad.stderr

    spec = ("--name", "某镇医保服务站", "--admdvs", "522701100", "--level", "乡镇", "--station-no", "002")
    no_password = tongban("init", *spec, home=tongban_home)  # no terminal, no --password-stdin
    assert no_password.returncode == 1 and "--password-stdin" in no_password.stderr
    assert not (tongban_home / "tongban.sqlite3").exists()  # never a station in clear
    ok = tongban("init", *spec, "--password-stdin", home=tongban_home, stdin="counter-pass-2026\n")
    assert ok.returncode == 0, ok.stderr
    twice = tongban(
        "init",
        "--name",
        "另一个",
        "--admdvs",
        "522701100",
        "--level",
        "乡镇",
        "--station-no",
        "003",
        home=tongban_home,
    )
    assert twice.returncode == 1 and "不能重复初始化" in twice.stderr

    locked = tongban("case", "show", "522701-002-20261123-0099", home=tongban_home)
    assert locked.returncode == 1 and "请先以经办人员身份登录" in locked.stderr
    missing = tongban(
        "--login",
        "admin",
        "--password-stdin",
        "case",
        "show",
        "522701-002-20261123-0099",
        home=tongban_home,
        stdin="counter-pass-2026\n",
    )
    assert missing.returncode == 1 and "未找到办件" in missing.stderr and "Traceback" not in missing.stderr


def test_newer_database_message(tongban_home: Path) -> None:
    from models.db import connect_raw
    from models.paths import DataPaths
    from models.security.vault import unlock

    assert tongban("init", "--demo", home=tongban_home).returncode == 0
    key = unlock(DataPaths(tongban_home), None).data_key  # the demo station is encrypted too
    con = connect_raw(tongban_home / "tongban.sqlite3", key=key)
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.close()
    out = tongban("case", "list", home=tongban_home)
    assert out.returncode == 1
    assert "更新版本" in out.stderr and "Traceback" not in out.stderr


def test_every_error_code_raised_in_models_has_chinese_text() -> None:
    from desktop.messages import known_codes

    repo = Path(__file__).resolve().parent.parent
    raised = set()
    pattern = re.compile(
        r'(?:UserFacingError|ValidationError|IllegalTransition|DatabaseError)\(\s*"([a-z_]+\.[a-z_]+)"'
    )
    for path in (repo / "models").rglob("*.py"):
        raised |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert len(raised) > 30
    assert raised - known_codes() == set()
