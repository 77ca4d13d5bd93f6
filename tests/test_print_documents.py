"""Every document rendered for real: text extracted with pdfium, pages rasterised, QR decoded.

One PNG per document kind is saved as the screenshot print_<kind>.png (looked at by people; see tests/update_docs.py).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from printing import KINDS, render
from printing.calibration import CalibrationData
from printing.data import (
    Applicant,
    AssistanceApplicationData,
    AssistanceSlipData,
    CertificateData,
    ChronicData,
    CompletionData,
    Contacts,
    ContributionProofData,
    ContributionRow,
    FilingData,
    MaterialLine,
    MissingNoticeData,
    Office,
    Payee,
    ReceiptData,
    ReconciliationData,
    ReconciliationRow,
    RefusalData,
    RegistrationData,
    TransferData,
)
from printing.layout import Overlay, RenderOptions
from printing.sample import SAMPLE_FORMS

CASE_NO = "522701-001-20261123-0007"
ID = "522701195803121014"  # fictitious, demo county
WHO = Applicant(
    "王演示", ID, gender="男", birth_date=dt.date(1958, 3, 12), phone="13800000000", address="都匀市演示路1号"
)
STATION = Office("演示镇医保服务站", code="522701001", phone="0854-1234567", admdvs="522701100")
TODAY = dt.date(2026, 11, 23)
A4_PT = (595.28, 841.89)
MM = 72 / 25.4


def pdf_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        # Lines broken inside a table cell are joined, so a wrapped label still matches.
        return "".join(page.get_textpage().get_text_range().replace("\r\n", "") for page in doc)
    finally:
        doc.close()


def pages(pdf: bytes) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [tuple(round(v, 2) for v in page.get_size()) for page in doc]
    finally:
        doc.close()


def raster(pdf: bytes, scale: float = 2.0) -> Any:
    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[0].render(scale=scale).to_pil()
    finally:
        doc.close()


def receipt_data(**kw: Any) -> ReceiptData:
    base: dict[str, Any] = dict(
        case_no=CASE_NO,
        item_code="002036004002",
        item_name="异地长期居住人员备案",
        applicant=WHO,
        materials=(
            MaterialLine("医保电子凭证或有效身份证件或社保卡"),
            MaterialLine("居住证明或个人承诺书", "deferred"),
        ),
        accepted_at=dt.datetime(2026, 11, 23, 9, 30),
        promised_date=dt.date(2026, 11, 30),
        time_limit_text="不超过5个工作日",
        station=STATION,
        clerk_name="演示受理员",
        contacts=Contacts("0854-8192359", "0854-8191131"),  # 002#305, this item's numbers in the Duyun guide
        deficiency_accepted=True,
    )
    base.update(kw)
    return ReceiptData(**base)


def slip_data() -> AssistanceSlipData:
    return AssistanceSlipData(
        case_no=CASE_NO,
        applicant=WHO,
        county_name="都匀市",
        township_name="演示镇",
        category="低保",
        assistance_type="住院救助",
        total=D("30000"),
        compliant=D("25000"),
        basic_reimbursed=D("15000"),
        critical_reimbursed=D("2000"),
        self_pay=D("8000"),
        deductible_applied=D("1000"),
        ratio=D("0.70"),
        amount=D("4900.00"),
        capped=False,
        prior_count=1,
        prior_amount=D("1200"),
        policy_name="都匀市城乡医疗救助待遇参数（2024）",
        policy_example=True,
        issued_on=TODAY,
        station=STATION,
        clerk_name="演示受理员",
        payee=Payee("王演示", ID, "演示农商银行", "6228480000000000000"),
        hospital="都匀市人民医院",
        disease="肺炎",
    )


def sample(kind: str) -> Any:
    """Data for each document kind, and the texts its PDF must contain."""
    application = AssistanceApplicationData(
        CASE_NO,
        WHO,
        "都匀市",
        "演示镇",
        "城乡居民基本医保",
        ("特困供养人员",),
        Payee("王演示"),
        slip=slip_data(),
        filled_on=TODAY,
    )
    return {
        "receipt": receipt_data(),
        "missing-notice": MissingNoticeData(
            CASE_NO,
            "门诊慢特病病种待遇认定",
            WHO,
            (MaterialLine("病历资料", "missing", "近两年内的出院记录"),),
            TODAY,
            STATION,
            "演示受理员",
        ),
        "refusal": RefusalData(
            CASE_NO,
            "城乡居民参保登记",
            WHO,
            ("已参加职工基本医疗保险", "不属于本统筹地区"),
            ("《中华人民共和国社会保险法》第二十五条",),
            TODAY,
            STATION,
            "演示受理员",
        ),
        "completion": CompletionData(
            CASE_NO,
            "城乡居民参保登记",
            WHO,
            "演示镇医保服务站尊敬的王演示,您于2026年11月23日已完成城乡居民参保登记。如有疑问请咨询0854-1234567。",
            dt.datetime(2026, 11, 23, 2, 30, tzinfo=dt.UTC),
            STATION,
            "演示受理员",
        ),
        "certificate": CertificateData(
            "贵州都匀2026第0001号",
            TODAY,
            WHO,
            "贵州省都匀市",
            "非农业",
            "城乡居民基本医疗保险",
            "都匀市",
            "2019年01月",
            "2026年11月",
            94,
            D("1234.56"),
            STATION,
        ),
        "contribution-proof": ContributionProofData(
            CASE_NO,
            TODAY,
            WHO,
            "城乡居民基本医疗保险",
            "都匀市",
            (ContributionRow("2025年01月-2025年12月", "城乡居民", None, D("380")),),
            STATION,
        ),
        "assistance-slip": slip_data(),
        "assistance-application": application,
        "assistance-review": application,
        "filing": FilingData(
            CASE_NO,
            WHO,
            "城乡居民医保",
            "异地长期居住人员",
            to_province="广东省",
            to_city="深圳市",
            filled_on=TODAY,
            agency=STATION,
        ),
        "transfer": TransferData(
            CASE_NO,
            WHO,
            insurance="城乡居民医保",
            from_agency=Office("某市医疗保障事务中心"),
            to_agency=STATION,
            applied_on=TODAY,
        ),
        "chronic": ChronicData(
            WHO, "城乡居民医保", "都匀市", "都匀市人民医院", ("高血压（M03900）",), applied_on=TODAY
        ),
        "registration": RegistrationData(
            WHO, "贵州省都匀市演示镇演示村3组", identity="无业成年人", subsidy="低保", applied_on=TODAY
        ),
        "reconciliation": ReconciliationData(
            "B20261123-01",
            STATION,
            dt.datetime(2026, 11, 23, 18, 0),
            tuple(
                ReconciliationRow(f"522701-001-20261123-{n:04d}", "城乡居民参保登记", 1, "已确认") for n in range(1, 61)
            ),
        ),
        "calibration": CalibrationData("柜台打印机", TODAY, Overlay(1.5, -0.5, 0.99)),
    }[kind]


EXPECTED: dict[str, tuple[str, ...]] = {
    "receipt": (
        "受理回执",
        CASE_NO,
        "异地长期居住人员备案",
        "**************1014",
        "王演示",
        "咨询电话",
        "监督电话",
        "2026年11月30日",
        "容缺",
    ),
    "missing-notice": ("一次性告知书", CASE_NO, "病历资料", "**************1014"),
    "refusal": ("不予受理通知书", "已参加职工基本医疗保险", "社会保险法", "行政复议"),
    # 办结 on the counter's clock (10:30 China time), the template's words
    "completion": ("办结通知书", "已于2026年11月23日 10:30办结", "已完成城乡居民参保登记", "经办人：演示受理员"),
    "certificate": (
        "基本医疗保险参保凭证",
        "凭证号",
        "参保人员基本信息",
        "转出地医疗保障经办机构信息",
        "壹仟贰佰叁拾肆元伍角陆分",
        "1,234.56",
        ID,
    ),
    "contribution-proof": ("参保缴费证明", "380.00", "叁佰捌拾元整"),
    "assistance-slip": (
        "医疗救助待遇核定单",
        "医疗总费用",
        "合规医疗费用",
        "医保报销金额",
        "大病保险报销金额",
        "个人合规自付费用",
        "救助比例",
        "70%",
        "4,900.00",
        "肆仟玖佰元整",
        "本年度已获得医疗救助次数",
        "示例配置",
    ),
    "assistance-application": (
        "都匀市城乡医疗救助申请表",  # 001 附件1 "XX城乡医疗救助申请表", XX resolved for the county
        "救助对象身份属性",
        "收款人信息",
        "拟救助金额4,900.00元",
        ID,
    ),
    "assistance-review": (
        "都匀市城乡医疗救助申请审核审批表",  # 001 附件2, XX resolved for the county
        "申请承诺和授权",
        "家庭收入情况",
        "此表由县级医保经办部门存档",
        # 二.1 患者身份属性: the 救助范围 row and the 特殊群体 row (001 line 1684–1690, the legible boxes)
        "救助范围身份属性",
        "肇事肇祸的精神障碍患者",
        "支出型困难家庭患者",
        "特殊群体",
        "□孤儿",
        "□留守儿童",
        "□两释人员",
        "□吸毒人员",
        # 三: the 乡镇 审核 and 县级 审批 wording (001 lines 1712–1735, the legible words)
        "公示情况：□无异议 □有异议，理由是：",
        "经入户调查、张榜公示、审核相关证明材料",
        "现呈报县(区)医保经办部门审批",
        "审核小组会议审核",
        "乡(镇、街道办)人民政府(盖章)",
        "县级医保经办部门审批情况",
        "现予以批准医疗救助，救助金额为",
        "经基本住院救助后，按照",
        "批准重特大疾病医疗救助金为",
        "该患者不符合医疗救助条件，理由是：",
    ),
    "filing": ("异地就医登记备案表", "备案编号", "人员类别", "☑异地长期居住人员", "温馨提示", "广东省"),
    "transfer": (
        "基本医疗保险关系转移接续申请表",
        "转出地医疗保障经办机构信息",
        "转入地医疗保障经办机构信息",
        "☑城乡居民医保",
    ),
    "chronic": ("门诊慢特病病种待遇认定申请表", "门诊慢特病病种名称", "高血压（M03900）", "审批意见"),
    "registration": (
        "城乡居民基本医疗保险参保登记表",
        "户籍所在地",
        "☑无业成年人",
        "☑低保",
        "收件审核",
        # 户籍所在地's five blanks, each filled (003 表3: 省 市 县(区、市) 街道(乡镇) 村(社区))
        "贵州 省",
        "都匀市 县(区、市)",
        "演示镇 街道(乡镇)",
        "演示村 村(社区)",
    ),
    "reconciliation": ("同步对账单", "B20261123-01", "522701-001-20261123-0060", "已确认 60 件"),
    "calibration": ("套打校准页", "柜台打印机", "标记1", "标记2", "--measured", "缩放 0.9900"),
}


# printing/sample's forms are rendered from demo cases in tests/test_print_sample_forms.py.
@pytest.mark.parametrize("kind", sorted(k for k in KINDS if k not in SAMPLE_FORMS))
def test_every_document_renders_on_a4_with_its_values(kind: str, screenshots: Path) -> None:
    pdf = render(kind, sample(kind))
    assert pdf.startswith(b"%PDF-")
    sizes = pages(pdf)
    assert all(abs(w - A4_PT[0]) < 1 and abs(h - A4_PT[1]) < 1 for w, h in sizes)
    text = pdf_text(pdf)
    for wanted in EXPECTED[kind]:
        assert wanted in text, (kind, wanted)
    assert "XX" not in text  # the seeds' place placeholder never reaches paper
    assert b"/FontFile2" in pdf  # TrueType font embedded, not referenced
    if kind not in (
        "certificate",
        "contribution-proof",
        "assistance-application",
        "assistance-review",
        "filing",
        "transfer",
        "chronic",
        "registration",
    ):
        assert ID not in text  # documents handed out mask the ID number
    img = raster(pdf, scale=1.0)
    img.save(screenshots / f"print_{kind.replace('-', '_')}.png")
    assert img.getbbox() is not None


def test_long_reconciliation_list_flows_onto_more_pages() -> None:
    pdf = render("reconciliation", sample("reconciliation"))
    assert len(pages(pdf)) >= 2
    assert "522701-001-20261123-0001" in pdf_text(pdf)


def test_receipt_qr_decodes_to_the_case_number() -> None:
    import zxingcpp

    for options in (RenderOptions(), RenderOptions(paper="80mm")):
        img = raster(render("receipt", receipt_data(), options), scale=3.0)
        found = [r.text for r in zxingcpp.read_barcodes(img)]
        assert CASE_NO in found, options.paper


def test_receipt_roll_is_80mm_wide_one_page_and_saved(screenshots: Path) -> None:
    pdf = render(
        "receipt",
        receipt_data(materials=tuple(MaterialLine(f"材料{n}") for n in range(12))),
        RenderOptions(paper="80mm"),
    )
    sizes = pages(pdf)
    assert len(sizes) == 1
    width, height = sizes[0]
    assert abs(width - 80 * MM) < 0.5
    assert 100 * MM < height < 400 * MM
    text = pdf_text(pdf)
    assert CASE_NO in text and "材料11" in text and "**************1014" in text
    raster(pdf, scale=2.0).save(screenshots / "print_receipt_80mm.png")


def test_reprint_carries_watermark_and_reason() -> None:
    when = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)  # printed on the counter's clock: 10:00
    pdf = render("receipt", receipt_data(), RenderOptions(reprint_reason="原件遗失", printed_at=when))
    text = pdf_text(pdf)
    assert "补打" in text and "原件遗失" in text and "2026-11-24 10:00" in text
    assert "补打" not in pdf_text(render("receipt", receipt_data()))


def test_rendering_is_deterministic() -> None:
    assert render("assistance-slip", slip_data()) == render("assistance-slip", slip_data())


def test_missing_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import printing.fonts as fonts
    from models.errors import UserFacingError

    monkeypatch.setattr(fonts, "_state", None)
    monkeypatch.setattr(fonts, "candidates", lambda: [("env", tmp_path / "none.ttf", 0)])
    with pytest.raises(UserFacingError) as exc:
        fonts.register_fonts()
    assert exc.value.code == "print.font_missing"
    assert "none.ttf" in exc.value.params["tried"]


def test_cff_font_is_skipped_for_the_next_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    import printing.fonts as fonts
    from models.paths import resource_path

    noto = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if not noto.is_file():
        pytest.skip("Noto CJK not installed")
    monkeypatch.setattr(fonts, "_state", None)
    monkeypatch.setattr(
        fonts, "candidates", lambda: [("env", noto, 0), ("bundled", resource_path(*fonts.BUNDLED_CJK), 0)]
    )
    choice = fonts.register_fonts()
    assert choice.origin == "bundled"


@pytest.mark.parametrize("kind", ["registration", "chronic"])
def test_id_numbers_print_on_one_line_on_forms_3_and_12(kind: str, screenshots: Path) -> None:
    """表3 and 表12 broke the 18-digit ID number over two lines of its cell (misread at the
    counter); it prints whole, on one line, the widest digits and an X included."""
    import dataclasses

    wide = "522701200808088888"  # 8 is among the widest digits
    for number in (ID, wide, "52270119580312101X"):
        data = sample(kind)
        data = dataclasses.replace(data, applicant=dataclasses.replace(data.applicant, id_number=number))
        pdf = render(kind, data)
        doc = pdfium.PdfDocument(pdf)
        try:  # the text with its line breaks (pdf_text joins them)
            lines = [line.strip() for page in doc for line in page.get_textpage().get_text_range().splitlines()]
        finally:
            doc.close()
        assert any(number in line for line in lines), (kind, number, [x for x in lines if x[:6] in number])
    raster(pdf, scale=1.0).save(screenshots / f"print_{kind}_long_id.png")
