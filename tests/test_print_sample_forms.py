"""Every seed sample form printed for a case of the demo station (``tongban init --demo``): the
PDF is rendered from the case (person, fields, station) and read back with pdftotext; the seed
form's labels and the case's values must be on the page. One PNG per form is saved as
print_<kind>.png (copied to docs/screenshots/ by ``python -m tests.update_docs``).

For 001's forms, whose text is OCR-garbled in places, the labels checked are the readable ones
listed in each module's ``LABELS`` (printing/sample/gz_*.py).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from models import clock
from models.case_lookup import material_entries
from models.catalog import load_catalog
from models.demo import FORM_SAMPLES, seed_demo
from models.errors import UserFacingError
from models.lifecycle import Action
from models.orm import Case, Clerk
from models.print_batch import applicable_items, applies, for_station
from models.print_set import document_set, promise_kinds
from printing import KINDS, render
from printing.from_case import ADAPTERS, CaseBundle, certificate_gaps
from printing.sample import SAMPLE_FORMS, gz_annual_review, gz_chronic_application, gz_entrust_promise

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

#: The seed form's labels (003 表N as printed in the seed, OCR spaces removed).
LABELS: dict[str, tuple[str, ...]] = {
    "unit-registration": (  # 003#8365 表1
        "基本医疗保险单位参保信息登记表", "新参保登记", "暂停登记", "注销登记", "拆分合并分立", "单位名称",
        "现统一社会信用代码", "原统一社会信用代码", "通讯地址", "单位性质", "法定代表人", "证件类型及号码",
        "开户银行", "户名", "银行账号", "单位经办人员", "所在部门", "手机号码", "参保险种", "职工基本医疗保险",
        "生育保险", "职工大额医疗费用补助", "参保日期", "参保地区", "机关事业单位及社会团体填报以下信息",
        "经费来源", "主管部门", "退休人数", "单位声明", "经办机构意见",
    ),
    "employee-registration": (  # 003#8471 表2
        "职工基本医疗保险参保登记表", "单位名称(盖章)", "统一社会信用代码/单位编码", "险种", "灵活就业人员",
        "序号", "姓名", "证件类型", "证件号码", "申报工资(元/月)", "增加", "中断", "终止", "恢复", "在职转退休",
        "统筹地区内转移", "手机号码", "备注", "填报人", "经办机构工作人员",
    ),
    "unit-change": (  # 003#8731 表4
        "基本医疗保险参保单位信息变更登记表", "统一社会信用代码/单位编码", "填表日期", "原登记事项", "变更事项",
        "单位名称", "住所(地址)", "单位类型", "法定代表人(负责人)", "证件号码", "联系电话", "缴费单位经办人员",
        "开户银行", "开户名", "账号", "开户行", "其他", "备注", "经办机构审核意见",
    ),
    "employee-change": (  # 003#8827 表5
        "基本医疗保险职工参保信息变更登记表", "单位名称", "统一社会信用代码/单位编码", "关键信息", "非关键信息",
        "序号", "证件号码", "姓名", "变更项目", "变更前", "变更后", "签字", "单位经办人员(签章)",
        "单位意见(盖章)", "经办机构意见(盖章)", "灵活就业人员无需单位盖章和填写单位信息",
    ),
    "resident-change": (  # 003#8908 表6
        "基本医疗保险城乡居民参保信息变更登记表", "联系电话", "关键信息", "非关键信息", "序号", "证件号码",
        "变更项目", "变更前", "变更后", "签字", "经办机构意见", "受理单位盖章",
    ),
    "account-withdrawal": (  # 003#8986 表7
        "职工基本医疗保险个人账户一次性支取申请表", "支取人签字", "参保人员基本情况", "证件类型及号码",
        "支取原因", "死亡", "出国(境)定居", "主动放弃", "工作单位", "账户号码", "开户行",
        "领取人(继承人、代表人)基本情况", "与参保人员关系", "常住地址", "代表全部继承人办理支取业务",
        "被委托人基本情况(如无被委托人，无需填写)",
    ),
    "transfer-info": (  # 003#9213 表10
        "参保人员基本医疗保险信息表", "此表由转出地医疗保障经办机构提供给转入地医疗保障经办机构", "参保人员姓名",
        "证件类型及号码", "性别", "基本医疗保险类型", "参保缴费月数小计", "统筹地区经办机构名称",
        "统筹地区经办机构行政区划代码", "基本医疗保险个人账户实际转出资金", "大写", "小写",
        "转出地医疗保障经办机构(章)",
    ),
    "assistance-request": (  # 003#9434 表13
        "依申请救助申请表", "申请人基本情况", "姓名", "性别", "年龄", "身份证号码", "联系电话", "纳入时间",
        "申请时间", "家庭住址", "村(社区)", "银行账户", "参保情况", "居民医保", "职工医保", "申请救助对象类别",
        "特困供养人员", "孤儿", "返贫致贫人口", "脱贫不稳定人口", "边缘易致贫人口", "突发严重困难人口", "申请原因",
        "申请人(手印)", "代办人(手印)", "审核意见", "负责人", "经办人", "备注",
    ),
    "institution-application": (  # 003#9521 表14
        "医疗机构申请定点协议管理申请表", "医疗机构名称", "统一社会信用代码", "注册地址", "注册面积", "建筑面积",
        "法定代表人", "主要负责人", "实际控制人", "身份证号", "联系方式", "医疗机构成立时间", "医疗机构等级",
        "医疗机构性质", "医疗机构类别", "医疗机构执业许可证登记号", "执业地址行政区划", "诊疗科目", "编制床位数",
        "实际开放床位数", "收费等级", "是否配有专(兼)职医保管理人员", "是否建立住院信息系统", "卫生技术人员构成",
        "高级职称", "已设主要管理制度、台账名称", "联系人手机号", "申请日期", "单位承诺", "风险提示",
    ),
    "pharmacy-application": (  # 003#9725 表15
        "零售药店申请定点协议管理申请表", "零售药店名称", "成立日期", "统一社会信用代码", "法定代表人",
        "企业负责人", "实际控制人", "药品经营许可证证号", "发证机关", "经营方式", "经济类型", "经营范围",
        "营业面积", "仓库地址", "营业地址行政区划", "经营药品品种数量", "医保目录内药品数量", "药店负责人手机号",
        "是否经营中药饮片", "执业药师", "执业中药师", "药师总人数", "单位承诺", "风险提示",
    ),
    "personal-promise": ("个人承诺书", "证件号码", "业务", "无法提供", "联系电话", "通讯地址", "承诺人(签名、指印)"),
    "waiver-promise": ("主动放弃承诺书", "证件号码", "等原因", "承诺主动放弃", "等权利", "承诺人(签名、指印)"),
    "filing-promise": (  # 003#9898 表18
        "基本医疗保险异地就医备案个人承诺书", "姓名", "性别", "联系电话", "身份证件号码", "参保地", "就医地",
        "人员类别", "异地安置退休人员", "异地长期居住人员", "常驻异地工作人员", "异地转诊就医人员",
        "其他临时外出就医人员", "参保地异地就医备案告知书", "承诺事项", "承诺人(签名)", "两年内不得销毁",
    ),
    "evaluation-list": ("配合评估材料清单", "医疗机构需准备的评估材料", "营业场所所产权证、使用权证或租赁合同"),
    "gz-chronic": gz_chronic_application.LABELS,
    "gz-annual-review": gz_annual_review.LABELS,
    "gz-entrust-promise": gz_entrust_promise.LABELS,
    "gz-filing": (  # 001#1226, the readable labels
        "异地就医登记备案表", "备案编号", "险种", "人员类别", "登记类别", "身份证件号码", "参保地联系地址",
        "就医地联系地址", "联系电话1", "联系电话2", "转往省(市、区)", "地区(市、州)", "县(区)", "温馨提示",
        "经办机构", "经办人", "经办日期",
    ),
    "transfer": ("基本医疗保险关系转移接续申请表", "转出地医疗保障经办机构信息", "邮政编码", "机构名称"),
    "filing": ("异地就医登记备案表", "转往省(市、区)", "转往地区(市、州)"),
    "certificate": ("基本医疗保险参保凭证", "参保人员基本信息", "户籍所在地", "个人账户余额"),
    "assistance-slip": ("医疗救助待遇核定单", "医疗总费用", "合规医疗费用", "医保报销金额", "大病保险报销金额"),
    "assistance-application": ("城乡医疗救助申请表", "救助对象身份属性", "长期保障户", "80岁以上老年人"),
}  # fmt: skip

#: The demo case each form is printed for (an item the form serves).
CASE_FOR: dict[str, str] = {
    "unit-registration": "002036001001",
    "employee-registration": "002036001002",
    "unit-change": "002036001004",
    "employee-change": "002036001005",
    "resident-change": "002036001006",
    "account-withdrawal": "002036002003",
    "waiver-promise": "002036002003",
    "transfer-info": "002036003002",
    "transfer": "002036003002",
    "assistance-request": "002036008002",
    "assistance-slip": "002036008002",
    "institution-application": "002036009001",
    "pharmacy-application": "002036009002",
    "evaluation-list": "002036009001",
    "personal-promise": "520000017062",
    "filing-promise": "002036004001",
    "filing": "002036004001",
    "gz-filing": "002036004001",
    "gz-chronic": "002036005001",
    "gz-annual-review": "520000017059",
    "gz-entrust-promise": "520000017060",
    "certificate": "002036003001",
    "assistance-application": "520000016057",
}

#: Values of the demo case (models.demo.FORM_SAMPLE_VALUES) that must be on the form.
CASE_VALUES: dict[str, tuple[str, ...]] = {
    "unit-registration": ("企业", "孙演示", "☑新参保登记"),  # 001001 has no 单位名称 field
    "employee-registration": ("4500.00", "✓"),  # 变更类别 增加 ticked
    "unit-change": ("演示有限公司", "贵州省黔南州都匀市演示路2号"),
    "employee-change": ("联系电话", "13800138001", "13800138000"),
    "account-withdrawal": ("☑主动放弃", "演示有限公司", "演示银行都匀支行"),
    "waiver-promise": ("基本医疗保险关系",),  # 主动放弃 → the relation the 情况说明 gives up
    "transfer": ("演示市医疗保障事务中心", "558000", "☑城乡居民医保"),
    "assistance-request": ("☑低保",),
    "assistance-slip": ("30,000.00", "25,000.00", "15,000.00", "2,000.00"),
    "institution-application": ("演示社区卫生服务中心",),
    "pharmacy-application": ("演示大药房", "800"),
    "evaluation-list": ("演示社区卫生服务中心",),
    "personal-promise": ("门诊慢特病病种补证、换证", "《贵州省基本医疗保险门诊慢特病病种医疗证》"),
    "filing-promise": ("☑异地安置退休人员", "广东省深圳市南山区"),
    "filing": ("广东省", "深圳市南山区"),
    "gz-filing": ("广东省", "深圳市", "南山区", "☑异地安置退休人员"),
    "gz-chronic": ("高血压",),
    "gz-annual-review": ("支气管哮喘", "演示有限公司"),
    "gz-entrust-promise": ("周演示", "子女", "行动不便"),
    "assistance-application": ("☑最低生活保障家庭成员", "拟救助金额4,900.00元"),
    # from the person's 参保信息 synced with the roster (the demo's, models/demo.demo_insurance)
    "certificate": (
        "贵州省黔南州都匀市演示镇演示村",
        "非农业",
        "职工医保",
        "贵州省黔南布依族苗族自治州都匀市",
        "起：2010年01月",
        "3,256.40",
        "叁仟贰佰伍拾陆元肆角",
    ),
}


#: Forms about a unit or an institution (or a list of materials): the person at the counter is
#: not on them (their 经办人员 / 联系人 are fields of the case).
UNIT_FORMS = frozenset(
    {"unit-registration", "unit-change", "institution-application", "pharmacy-application", "evaluation-list"}
)


def text_of(pdf: bytes, path: Path) -> str:
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s+", "", out)  # labels wrapped inside a cell still match


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The demo station with its form samples, every form rendered once (rendering is the slow part)."""
    from models.store import open_store

    home = tmp_path_factory.mktemp("forms-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TONGBAN_HOME", str(home))
        store = open_store()
        try:
            with store.db.write() as session:
                summary = seed_demo(session, store.paths, form_samples=True)
            catalog = load_catalog()
            rendered: dict[str, tuple[bytes, Any, str]] = {}
            with store.db.write() as session:
                # The newest case of each item: the form sample where a story holds the same item.
                cases = {c.item_code: c for c in session.scalars(select(Case).order_by(Case.id))}
                draft_certificate = cases["002036003001"]
                bundle = CaseBundle(draft_certificate, [], catalog.get("002036003001"), clock.today_local())
                with pytest.raises(UserFacingError) as refused:
                    ADAPTERS["certificate"](bundle)
                # The clerk accepts the 参保凭证 case; then its 凭证 prints.
                from models.cases import apply_action, set_material_status

                for entry in material_entries(session, draft_certificate):
                    set_material_status(session, draft_certificate, entry.material_key, "received")
                clerk = session.scalar(select(Clerk).where(Clerk.login == "shouli"))
                item = catalog.get("002036003001")
                apply_action(session, draft_certificate, Action.ACCEPT, item=item, clerk=clerk)
                for kind, code in CASE_FOR.items():
                    case = cases[code]
                    b = CaseBundle(case, material_entries(session, case), catalog.get(code), clock.today_local())
                    data = ADAPTERS[kind](b)
                    rendered[kind] = (render(kind, data), data, case.person.name if case.person else "")
                    if kind == "certificate":
                        gaps = certificate_gaps(data)
                # A value given for the case wins over the synced one; without synced 参保信息
                # the clerk is told which lines print blank.
                given = CaseBundle(
                    draft_certificate, [], item, clock.today_local(), extra={"insurance_type": "城乡居民医保"}
                )
                given_type = ADAPTERS["certificate"](given).insurance_type
                assert draft_certificate.person is not None
                draft_certificate.person.insurance = None
                session.flush()
                unsynced = certificate_gaps(ADAPTERS["certificate"](given))
                ids = {code: (c.person.id_number if c.person else "") for code, c in cases.items()}
            yield {
                "summary": summary,
                "rendered": rendered,
                "refused": refused.value.code,
                "gaps": gaps,
                "given_type": given_type,
                "unsynced_gaps": unsynced,
                "catalog": catalog,
                "ids": ids,
            }
        finally:
            store.close()


def test_the_demo_holds_a_case_of_every_item_with_a_form(demo: dict[str, Any]) -> None:
    catalog = demo["catalog"]
    assert demo["summary"]["cases"] == 5 + len(FORM_SAMPLES)
    held = set(demo["ids"])
    for kind in KINDS:
        if KINDS[kind].form:
            served = {code for code, _ in applicable_items(kind, catalog)}
            assert served, kind  # every form serves some item of the catalog
            assert served <= held, (kind, served - held)


@pytest.mark.parametrize("kind", sorted(SAMPLE_FORMS))
def test_every_sample_form_is_a_print_kind_with_its_seed_number(kind: str) -> None:
    form, _renderer = SAMPLE_FORMS[kind]
    assert KINDS[kind].form == form.number and form.number in KINDS[kind].title
    assert re.fullmatch(r"00[13]#\d+", KINDS[kind].source)
    assert kind in LABELS and kind in CASE_FOR


@pytest.mark.parametrize("kind", sorted(CASE_FOR))
def test_form_prints_the_seed_labels_and_the_case_values(
    kind: str, demo: dict[str, Any], tmp_path: Path, screenshots: Path
) -> None:
    pdf, _data, name = demo["rendered"][kind]
    text = text_of(pdf, tmp_path / f"{kind}.pdf")
    missing = [label for label in LABELS[kind] if re.sub(r"\s+", "", label) not in text]
    assert missing == [], kind
    if kind not in UNIT_FORMS:
        assert name and name in text
        if kind != "assistance-slip":  # the 核定单 masks the ID number
            assert demo["ids"][CASE_FOR[kind]] in text
    for value in CASE_VALUES.get(kind, ()):
        assert value in text, (kind, value)
    assert "XX" not in text
    if kind in SAMPLE_FORMS:
        doc = pdfium.PdfDocument(pdf)
        try:
            doc[0].render(scale=1.0).to_pil().save(screenshots / f"print_{kind.replace('-', '_')}.png")
        finally:
            doc.close()


def test_places_print_as_names_not_codes(demo: dict[str, Any], tmp_path: Path) -> None:
    for kind in ("filing", "filing-promise", "gz-filing"):
        text = text_of(demo["rendered"][kind][0], tmp_path / "p.pdf")
        assert "440305" not in text and "深圳市" in text, kind


def test_no_certificate_for_a_draft_and_the_clerk_is_told_what_is_blank(demo: dict[str, Any]) -> None:
    assert demo["refused"] == "print.certificate_not_accepted"
    # The demo person's 参保信息 is synced (models/demo.demo_insurance): nothing prints blank.
    assert demo["gaps"] == []
    assert demo["given_type"] == "城乡居民医保"  # the case's value wins over the synced 职工医保
    # Without synced 参保信息 these lines would print blank, and the clerk is told.
    assert demo["unsynced_gaps"] == [
        "户籍所在地",
        "户籍类型",
        "参保时间",
        "累计实际缴费月数",
        "个人账户余额",
    ]


def test_assistance_amounts_come_from_the_intake_fields(demo: dict[str, Any]) -> None:
    slip = demo["rendered"]["assistance-slip"][1]
    assert (slip.total, slip.compliant, slip.self_pay) == (30000, 25000, 8000)
    assert slip.category == "低保"


def test_guizhou_station_prints_guizhou_variants_and_promises_from_the_materials_step() -> None:
    forms = ("表11", "表18")
    at_guizhou = [d.kind for d in document_set(_accepted(), "002036004001", forms, admdvs="522701100")]
    elsewhere = [d.kind for d in document_set(_accepted(), "002036004001", forms, admdvs="420100")]
    assert at_guizhou == ["receipt", "gz-filing"] and elsewhere == ["receipt", "filing"]
    assert for_station("gz-chronic", "420100") is None and for_station("chronic", "520100") == "gz-chronic"
    assert promise_kinds("002036004001", forms) == ["filing-promise"]
    assert promise_kinds("002036002003", ("表7", "表17")) == ["personal-promise", "waiver-promise"]
    assert promise_kinds("520000017060", ("贵州委托承诺书",), admdvs="522701") == ["gz-entrust-promise"]
    assert applies("evaluation-list", "002036009002") and not applies("evaluation-list", "002036001001")


def _accepted() -> Any:
    from models.lifecycle import CaseState

    return CaseState.ACCEPTED


def test_form_renders_are_deterministic(demo: dict[str, Any]) -> None:
    _pdf, data, _name = demo["rendered"]["account-withdrawal"]
    assert render("account-withdrawal", data) == render("account-withdrawal", data)
    assert isinstance(data.filled_on, dt.date)
