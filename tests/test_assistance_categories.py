"""医疗救助 categories as 001 lists them, each its own row; county tables versioned, cited,
signed, received in a catalog package; the slip names the table it used (issue 18 §1)."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from desktop.cli.main import main
from models.assistance import (
    CATEGORIES_001,
    KNOWN_IDENTITY,
    TO_BE_DETERMINED,
    MedicalBill,
    compute_assistance,
    installed_dir,
    load_policy,
    policy_from_mapping,
)
from models.catalog import load_catalog
from models.catalog.loader import bundled_dir, catalog_home
from models.catalog.package import build_package, generate_keypair, install_package, load_private_key, load_public_key
from models.errors import UserFacingError
from models.orm import Case
from models.store import Store
from tests.test_print_documents import pdf_text

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
BILL = MedicalBill(D("30000"), D("25000"), D("15000"), D("2000"))  # 个人合规自付 8000


def _table(version: str, ratio: str = "0.80") -> bytes:
    doc = {
        "county": "522701",
        "name": "都匀市城乡医疗救助待遇参数",
        "year": 2026,
        "version": version,
        "notice": "都医保发〔2026〕1号（测试用文号）",
        "source": "县级政策文件",
        "categories": {
            "肇事肇祸的精神障碍患者": {"ratio": ratio, "deductible": "0", "annual_cap": "50000"},
            "低保": {"ratio": "0.70", "deductible": "1000", "annual_cap": "50000", "aliases": ["低保对象"]},
        },
    }
    return yaml.safe_dump(doc, allow_unicode=True).encode("utf-8")


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    """An issuer key pair this station trusts (its public key in the data directory)."""
    generate_keypair(tmp_path / "issuer.key", tmp_path / "issuer.pub")
    folder = catalog_home() / "keys"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(tmp_path / "issuer.pub", folder / "issuer.pub")
    return tmp_path / "issuer.key", tmp_path / "issuer.pub"


def _package(tmp_path: Path, keys: tuple[Path, Path], version: str, table: bytes) -> Path:
    payload = (bundled_dir() / "catalog.json").read_bytes()
    payload = payload.replace(b'"version": "2024.01.2"', f'"version": "2099.0{version[-1]}.1"'.encode())
    return build_package(payload, load_private_key(keys[0]), tmp_path / f"{version}.tbcat", policies={"522701": table})


def test_every_001_category_is_its_own_row_of_the_example_table() -> None:
    policy = load_policy("522701")
    assert policy.example
    for category in CATEGORIES_001:
        rule = policy.rule(category.name)
        assert rule.name == category.name and rule.identity == category.identity
    assert policy.rule("最低生活保障家庭成员").name == "最低生活保障家庭成员"  # not read as 003's 低保
    assert policy.rule("建档立卡脱贫人口").name == "建档立卡脱贫人口"  # not 脱贫不稳定人口
    names = {c.name for c in CATEGORIES_001}
    assert {"20世纪60年代初精减退职老职工", "家庭经济困难的精神障碍患者", "肇事肇祸的精神障碍患者"} <= names
    assert "享受抚恤补助的优抚对象(不含一至六级残疾军人)" in names
    assert {c.identity for c in CATEGORIES_001} == {KNOWN_IDENTITY, TO_BE_DETERMINED}
    for rule in policy.categories.values():
        assert not set(rule.aliases) & (set(policy.categories) | names)
    item = load_catalog(profile="guizhou").get("520000016057")
    options = item.field("person_attribute").options  # type: ignore[union-attr]
    assert names <= set(options)


def test_a_table_may_not_map_one_category_onto_another() -> None:
    doc = yaml.safe_load(_table("2026.1"))
    doc["categories"]["低保"]["aliases"] = ["最低生活保障家庭成员"]
    with pytest.raises(UserFacingError) as err:
        policy_from_mapping(doc)
    assert err.value.code == "assistance.alias_is_category"
    real = yaml.safe_load(_table("2026.1"))
    del real["notice"]
    with pytest.raises(UserFacingError) as err:
        policy_from_mapping(real)
    assert err.value.code == "assistance.policy_unversioned"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_category_sources_quote_001() -> None:
    lines = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8").split("\n")
    for category in CATEGORIES_001:
        m = re.match(r"^001#(\d+)(?:-(\d+))? (.+)$", category.source)
        assert m, category.source
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        window = re.sub(r"\s+", "", "".join(lines[a - 3 : b + 2]))
        assert re.sub(r"\s+", "", m.group(3)) in window, category.source


def test_signed_table_arrives_in_a_package_and_is_checked_when_read(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    install_package(_package(tmp_path, keys, "2026.1", _table("2026.1")), [load_public_key(keys[1])])
    policy = load_policy("522701100")
    assert not policy.example and policy.version == "2026.1" and policy.signed_by
    assert "版本 2026.1" in policy.label and "都医保发〔2026〕1号" in policy.label
    assert compute_assistance(policy, "肇事肇祸的精神障碍患者", BILL).amount == D("6400.00")  # 8000 × 0.80
    # The same table again (a later catalog package still carries it): kept, not an error.
    install_package(_package(tmp_path, keys, "2026.2", _table("2026.1")), [load_public_key(keys[1])])
    install_package(_package(tmp_path, keys, "2026.3", _table("2026.3", "0.90")), [load_public_key(keys[1])])
    assert load_policy("522701").version == "2026.3"
    # A table edited on disk no longer matches its signature: refused, not used.
    path = installed_dir("522701") / "2026.3.yaml"
    path.write_bytes(path.read_bytes().replace(b"0.90", b"0.99"))
    with pytest.raises(UserFacingError) as err:
        load_policy("522701")
    assert err.value.code == "assistance.policy_bad_signature"


def test_tampered_table_in_a_package_is_refused(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    import zipfile

    from models.catalog import CatalogError

    pkg = _package(tmp_path, keys, "2026.1", _table("2026.1"))
    bad = tmp_path / "bad.tbcat"
    with zipfile.ZipFile(pkg) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info.filename, data.replace(b"0.80", b"1.00") if info.filename.endswith(".yaml") else data)
    with pytest.raises(CatalogError) as err:
        install_package(bad, [load_public_key(keys[1])])
    assert err.value.code == "catalog.bad_signature"
    assert not installed_dir("522701").exists()


def test_slip_names_the_table_it_used(demo_store: Store, tmp_path: Path, keys: tuple[Path, Path]) -> None:
    install_package(_package(tmp_path, keys, "2026.1", _table("2026.1")), [load_public_key(keys[1])])
    with demo_store.db.read() as session:
        case_no = str(session.scalar(select(Case.case_no).where(Case.item_code == "002036001003")))
    out = tmp_path / "s.pdf"
    args = ["print", "assistance-slip", case_no, "--out", str(out), "--set", "person_attribute=肇事肇祸的精神障碍患者"]
    for pair in ("total_cost=30000", "compliant_cost=25000", "basic_reimbursed=15000", "critical_reimbursed=2000"):
        args += ["--set", pair]
    assert main(args) == 0
    text = pdf_text(out.read_bytes())
    assert "6,400.00" in text and "版本2026.1" in text.replace(" ", "") and "都医保发〔2026〕1号" in text
    assert "示例配置" not in text
