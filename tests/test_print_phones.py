"""Consult and supervision phones (咨询电话/监督电话) reach the 受理回执 for every item seed 002 lists.

The national guide (003) gives no phone numbers; the Duyun guide (002) gives them per item, and they
reach the catalog through the county's override file (resources/catalog/overrides/). The table
below says which 002 line holds each item's numbers (found by the section headings of 002); the
numbers themselves are read from the seed, not written here.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli.main import main
from models.orm import Case
from models.store import Store
from tests.test_print_documents import pdf_text

SEED = Path("/work/shared/seeds/002_6d45830b27820030.txt")

#: item code → the 002 line with its "咨询电话：…；监督电话：…" (under the item's section heading)
PHONE_LINES = {
    "002036001001": 24,  # 1.1单位参保登记
    "002036001002": 45,  # 1.2 职工参保登记
    "002036001004": 84,  # 2.1单位参保信息变更登记
    "002036001005": 107,  # 2.2职工参保信息变更登记
    "002036002001": 146,  # 1.1参保单位参保信息查询
    "002036002002": 169,  # 1.2参保人员参保信息查询
    "002036002003": 191,  # 2.参保人员个人账户一次性支取
    "002036003001": 210,  # 1.出具《基本医疗保险参保凭证》
    "002036003002": 238,  # 2.1医疗保险关系转出 (2.2 转入, line 263, has the same numbers)
    "002036004001": 284,  # 1.异地安置退休人员备案
    "002036004002": 305,  # 异地长期居住人员备案
    "002036004003": 324,  # 3.常驻异地工作人员备案
    "002036004004": 344,  # 4.异地转诊人员备案
    "002036005001": 367,  # 1.1基本医疗保险参保人员享受门诊慢特病病种待遇认定
    "002036006001": 427,  # 门诊费用报销
    "002036006002": 453,  # 2.住院费用报销
    "002036007001": 479,  # 1.产前检查费支付
    "002036007002": 503,  # 2.生育医疗费支付
    "002036007003": 529,  # 3.计划生育医疗费支付
    "002036007004": 555,  # 4.1生育津贴支付
    "002036007005": 580,  # 4.2男职工配偶生育的一次性补助金
    "002036009001": 608,  # 1.医疗机构申请定点协议管理
    "002036009002": 633,  # 2.零售药店申请定点协议管理
    "002036010001": 654,  # 1.基本医疗保险定点医疗机构费用结算
    "002036010002": 681,  # 基本医疗保险定点零售药店费用结算
}

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="seed 002 not present")


def _seed_phones(line: int) -> tuple[str, str]:
    text = SEED.read_text(encoding="utf-8").splitlines()[line - 1]
    match = re.search(r"咨询电话：([0-9-]+)；监督电话：([0-9-]+)", text)
    assert match, f"002#{line} has no phone numbers: {text!r}"
    return match.group(1), match.group(2)


@pytest.fixture
def duyun_overrides(tongban_home: Path) -> Iterator[None]:
    """A Duyun station: the county's override file installed as docs/catalog.md says."""
    from models.catalog.loader import bundled_dir, catalog_home, clear_cache

    folder = catalog_home() / "overrides"
    folder.mkdir(parents=True, exist_ok=True)
    # Under the name the demo station installs it (models/demo.py), so demo_store keeps this copy.
    shutil.copy(bundled_dir() / "overrides" / "qiannan-duyun.example.yaml", folder / "qiannan-duyun.yaml")
    clear_cache()
    yield
    clear_cache()


def test_every_item_of_seed_002_gets_its_own_numbers(duyun_overrides: None) -> None:
    from models.catalog import load_catalog
    from printing.from_case import contacts

    catalog = load_catalog()
    wrong = {}
    for code, line in PHONE_LINES.items():
        got = contacts(catalog.get(code))
        if (got.consult_phone, got.supervise_phone) != _seed_phones(line):
            wrong[code] = (got, line)
    assert not wrong


@pytest.mark.parametrize("paper", ["a4", "80mm"])
def test_receipt_prints_the_items_phones_from_the_seed(
    duyun_overrides: None, demo_store: Store, tmp_path: Path, paper: str
) -> None:
    code = "002036004002"  # 异地长期居住人员备案: 002#305 咨询电话：0854-8192359；监督电话：0854-8191131
    consult, supervise = _seed_phones(PHONE_LINES[code])
    with demo_store.db.read() as session:
        case_no = session.scalar(select(Case.case_no).where(Case.item_code == code))
    out = tmp_path / "receipt.pdf"
    assert main(["print", "receipt", str(case_no), "--paper", paper, "--out", str(out)]) == 0
    text = pdf_text(out.read_bytes())
    assert f"咨询电话：{consult}" in text and f"监督电话：{supervise}" in text
