"""Places, not codes: the shipped GB/T 2260 table (民政部 2021-12), search by name, pinyin or code,
names beside codes, a newer table imported for the station, names printed on 表11, and the intake
form's place chooser."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models.errors import ValidationError
from models.orm import Case
from models.paths import resource_path
from models.regions import describe, import_table, region_name, station_table_path, table
from models.store import Store
from models.validation import check_region_code


def test_table_names_provinces_prefectures_and_counties() -> None:
    t = table()
    assert len(t.by_code) > 3000
    duyun = t.get("522701")
    assert duyun is not None and (duyun.province, duyun.prefecture, duyun.level) == (
        "贵州省",
        "黔南布依族苗族自治州",
        "县",
    )
    assert region_name("110105") == "北京市朝阳区"  # a 直辖市 district: no prefecture row
    assert region_name("419001") == "河南省济源市"  # 省直辖县级市
    assert region_name("522700") == "贵州省黔南布依族苗族自治州" and region_name("520000") == "贵州省"
    assert describe("522701001") == "贵州省黔南布依族苗族自治州都匀市（522701001）"  # township code
    assert describe("999999") == "999999" and region_name("999999") is None


@pytest.mark.parametrize(
    ("query", "code"),
    [("都匀", "522701"), ("duyun", "522701"), ("dys", "522701"), ("5227", "522700"), ("chaoyangqu", "110105")],
)
def test_search_by_name_pinyin_initials_or_code(query: str, code: str) -> None:
    hits = table().search(query, 10, near="522701")
    assert hits and hits[0].code == code, [(h.code, h.full_name) for h in hits]


def test_check_uses_the_table_and_a_newer_table_can_be_imported(tmp_path: Path) -> None:
    assert check_region_code("522701") == "522701"
    with pytest.raises(ValidationError) as err:
        check_region_code("990101")
    assert err.value.code == "region.unknown"
    newer = tmp_path / "202312.tsv"
    rows = resource_path("regions", "gb2260.tsv").read_text(encoding="utf-8").splitlines()
    lines = "".join(f"mca\t202312\t{r}\n" for r in rows)
    newer.write_text("Source\tRevision\tCode\tName\n" + lines + "mca\t202312\t522799\t演示新区\n", encoding="utf-8")
    bad = tmp_path / "bad.tsv"
    bad.write_text("522701\t都匀市\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        import_table(bad)
    assert import_table(newer) == len(rows) + 1
    assert station_table_path().exists()
    assert region_name("522799") == "贵州省黔南布依族苗族自治州演示新区"
    assert check_region_code("522799") == "522799"


def test_form_11_prints_the_place_names(demo_store: Store, tmp_path: Path) -> None:
    """表11 printed "110105" and left 转往地区 blank: now 北京市 / 朝阳区."""
    from models.case_lookup import material_entries
    from models.catalog import load_catalog
    from printing import render
    from printing.from_case import ADAPTERS, CaseBundle

    with demo_store.db.write() as session:
        case = session.scalar(select(Case).where(Case.item_code.like("0020360040%")).order_by(Case.id))
        assert case is not None
        for field in case.fields:
            if field.key == "treatment_place":
                field.value = "110105"
        if not any(f.key == "treatment_place" for f in case.fields):
            from models.orm import CaseFieldValue

            case.fields.append(CaseFieldValue(key="treatment_place", value="110105"))
        session.flush()
        bundle = CaseBundle(
            case, material_entries(session, case), load_catalog().get(case.item_code), dt.date(2026, 12, 4)
        )
        data = ADAPTERS["filing"](bundle)
    assert (data.to_province, data.to_city) == ("北京市", "朝阳区")
    pdf = tmp_path / "form11.pdf"
    pdf.write_bytes(render("filing", data))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "北京市" in text and "朝阳区" in text and "110105" not in text


def test_the_form_chooses_a_place_by_pinyin_and_names_it(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch, screenshots: Path
) -> None:
    from desktop.main_window import MainWindow
    from tests.test_intake_gui import choose_item, identify_typed, idle

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇", choose_file=lambda _p: None)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    human = iter(range(0, 10**9, 150))
    win.scanner._clock_ms = lambda: float(next(human))
    flow = win.intake
    identify_typed(qtbot, win)
    choose_item(qtbot, win, "002036004001")
    form = flow.form
    qtbot.waitUntil(lambda: form.regions is not None, timeout=20_000)
    editor = form.editors["treatment_place"].widget
    editor.setFocus()
    qtbot.keyClicks(editor, "duyun")
    (chooser,) = [c for c in form.findChildren(QCompleter) if c.widget() is editor]
    assert chooser.popup().isVisible()
    win.resize(1366, 768)
    screen = win.grab()
    popup = chooser.popup().grab()
    from PySide6.QtGui import QPainter

    painter = QPainter(screen)
    painter.drawPixmap(win.mapFromGlobal(chooser.popup().mapToGlobal(chooser.popup().rect().topLeft())), popup)
    painter.end()
    assert screen.save(str(screenshots / "intake_place_chooser.png"))
    first = chooser.completionModel().index(0, 0).data()
    assert first.startswith("522701 ") and "都匀市" in first
    qtbot.keyClick(chooser.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(chooser.popup(), Qt.Key.Key_Return)
    assert editor.text() == "522701"
    assert form.errors["treatment_place"].text() == "贵州省黔南布依族苗族自治州都匀市"
    idle(qtbot, win)
    win.close()


def test_regions_command_finds_places(tongban_home: Path) -> None:
    import json
    import os
    import sys

    env = {**os.environ, "TONGBAN_HOME": str(tongban_home)}
    run = subprocess.run(
        [sys.executable, "-m", "desktop.cli.main", "regions", "find", "duyun", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)[0] == {
        "code": "522701",
        "name": "都匀市",
        "full_name": "贵州省黔南布依族苗族自治州都匀市",
        "level": "县",
    }


def test_a_newer_table_comes_down_by_sync_in_a_signed_catalog_package(demo_store: Store, tmp_path: Path) -> None:
    """The county signs a catalog package carrying regions.tsv; the hub relays it; the station's
    sync run verifies both signatures and installs the table. A regions.tsv that does not match
    its signature is refused with the package."""
    import base64
    import io
    import json
    import zipfile

    from models.catalog.catalog import CatalogError
    from models.catalog.loader import bundled_dir, canonical_json, catalog_home
    from models.catalog.package import REGIONS, build_package, generate_keypair, load_private_key, verify_package
    from models.catalog.package import load_public_key as load_key
    from sync.engine import SyncOptions
    from sync.runner import enroll_station, http_client, make_engine
    from tests.sync_helpers import loopback_hub

    generate_keypair(tmp_path / "issuer.key", tmp_path / "issuer.pub")
    keys_dir = catalog_home() / "keys"
    keys_dir.mkdir(parents=True, exist_ok=True)
    (keys_dir / "county.pub").write_bytes((tmp_path / "issuer.pub").read_bytes())
    doc = json.loads((bundled_dir() / "catalog.json").read_text(encoding="utf-8"))
    doc["version"] = "2099.01.1"
    rows = resource_path("regions", "gb2260.tsv").read_text(encoding="utf-8")
    table_text = (rows + "522798\t演示新县\n").encode("utf-8")
    package = build_package(
        canonical_json(doc), load_private_key(tmp_path / "issuer.key"), tmp_path / "p.tbcat", table_text
    )

    forged = tmp_path / "forged.tbcat"
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(forged, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data + b"110199\t\xe4\xbc\xaa\xe5\x8c\xba\n" if name == REGIONS else data)
    with pytest.raises(CatalogError) as err:
        verify_package(forged, [load_key(tmp_path / "issuer.pub")])
    assert err.value.code == "catalog.bad_signature"
    assert base64.b64decode(zipfile.ZipFile(package).read("regions.sig"))  # signed, separately

    assert region_name("522798") is None
    with loopback_hub(tmp_path / "hub-data") as hub:
        hub.hub.add_catalog(package.read_bytes())
        assert enroll_station(demo_store, hub.url).status == "approved"
        with http_client(hub.url) as http:
            engine = make_engine(demo_store, http, SyncOptions(catalog=True), retries=1, backoff_s=0.0)
            engine.client.sleep = lambda _s: None
            report = engine.run()
    assert report.catalog_version == "2099.01.1", report.catalog_error
    assert region_name("522798") == "贵州省黔南布依族苗族自治州演示新县"
    assert io.BytesIO(station_table_path().read_bytes()).read().count(b"\n") == rows.count("\n") + 1


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("贵州省黔南州都匀市演示路1号", "", ("贵州省", "黔南州", "都匀市", "", "", "演示路1号")),
        (
            "贵州省黔南布依族苗族自治州都匀市演示镇演示村3组",
            "",
            ("贵州省", "黔南布依族苗族自治州", "都匀市", "演示镇", "演示村", "3组"),
        ),
        ("广东省广州市越秀区北京街道", "", ("广东省", "广州市", "越秀区", "北京街道", "", "")),
        ("北京市朝阳区建国门外街道大望路社区", "", ("北京市", "", "朝阳区", "建国门外街道", "大望路社区", "")),
        ("贵州省都匀市墨冲镇新场村", "", ("贵州省", "", "都匀市", "墨冲镇", "新场村", "")),
        ("演示镇演示村", "522701", ("贵州省", "黔南布依族苗族自治州", "都匀市", "演示镇", "演示村", "")),
        ("演示路1号", "", ("", "", "", "", "", "演示路1号")),
    ],
)
def test_an_address_is_cut_into_the_blanks_of_a_form(text: str, code: str, expected: tuple[str, ...]) -> None:
    from models.regions import address_parts

    p = address_parts(text, code)
    assert (p.province, p.prefecture, p.county, p.township, p.village, p.rest) == expected
