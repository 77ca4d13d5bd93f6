"""Medical-assistance slips: 医疗救助待遇核定单, and 001's 城乡医疗救助申请表 (附件1) and
申请审核审批表 (附件2) pre-filled. Labels follow 001's sample forms."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, KeepTogether

from models.masking import mask_id
from printing.amounts import figures, rmb_upper
from printing.data import Applicant, AssistanceApplicationData, AssistanceSlipData
from printing.layout import (
    A4,
    Cell,
    L,
    RenderOptions,
    S,
    V,
    build,
    checks,
    content_width,
    date_cn,
    gap,
    grid,
    para,
    right,
    title,
)

ASSISTANCE_TYPES = ("门诊救助", "住院救助", "重特大疾病医疗救助")
FORM1_CATEGORIES = (
    "特困供养人员",
    "最低生活保障家庭成员",
    "精准扶贫建档立卡贫困人口",
    "二十世纪六十年代初精简退职老职工",
)
FORM2_CATEGORIES = (
    "家庭经济困难的精神障碍患者",
    "肇事肇祸的精神障碍患者",
    "艾滋病人及艾滋病机会性感染者",
    "享受抚恤补助的优抚对象(不含一至六级残疾军人)",
    "支出型困难家庭患者",
    "其他",
)
#: The case's category (the catalog's options: 低保, 特困供养人员 …; models/assistance's aliases)
#: under the words of 001 附件1's boxes, so a 低保 case ticks 最低生活保障家庭成员.
FORM1_ALIASES = {
    "低保": "最低生活保障家庭成员",
    "低保对象": "最低生活保障家庭成员",
    "特困": "特困供养人员",
    "特困人员": "特困供养人员",
    "建档立卡贫困人口": "精准扶贫建档立卡贫困人口",
}
#: 001 附件1: 最低生活保障家庭成员(□长期保障户 □80岁以上老年人).
FORM1_SUBCATEGORIES = ("长期保障户", "80岁以上老年人")
FORM1_INSURANCE = ("城镇职工医保", "城乡居民基本医保", "商业医疗保险", "其他")
#: The catalog's 险种 words → 附件1 / 附件2's boxes.
INSURANCE_ALIASES = {
    "职工医保": ("城镇职工医保", "城镇职工基本医疗保险"),
    "城乡居民医保": ("城乡居民基本医保", "城乡居民基本医疗保险"),
}
#: 001 附件2 二.1's second row, 特殊群体. The seed's OCR reads (line 1690) "口孤儿 口段暖儿賞 口留守儿童
#: 口留守宅人 口賢句西女 口两释人员 口吸毒人员 口社区新正人员": 孤儿, 留守儿童, 两释人员 and 吸毒人员 are
#: legible; 困境儿童 (段暖儿賞), 留守老人 (留守宅人), 留守妇女 (賢句西女) and 社区矫正人员 (社区新正人员)
#: are the readings of the garbled boxes (same length, the legible characters in place).
FORM2_SPECIAL_GROUPS = (
    "孤儿",
    "困境儿童",
    "留守儿童",
    "留守老人",
    "留守妇女",
    "两释人员",
    "吸毒人员",
    "社区矫正人员",
)
#: 001 附件2 三, 乡(镇、街道办)审核情况 and 县级医保经办部门审批情况: the seed's wording (OCR lines
#: 1712–1735, garbled in places; the legible words kept, the blanks as the form leaves them).
FORM2_TOWNSHIP_REVIEW = (
    "公示情况：□无异议  □有异议，理由是：",
    "审核情况：□经入户调查、张榜公示、审核相关证明材料，并经乡(镇、街道办)人民政府审核，该患者符合"
    "医疗救助条件，现呈报县(区)医保经办部门审批。",
    "□经入户调查、张榜公示、审核相关证明材料，并经乡(镇、街道办)人民政府审核小组会议审核，该患者"
    "不符合医疗救助条件，理由是：",
    "负责人签字：      乡(镇、街道办)人民政府(盖章)：      年  月  日",
)
FORM2_COUNTY_APPROVAL = (
    "审批意见：□根据相关文件规定，该患者属于________救助对象，个人自付合规费用为________元，符合医疗救助"
    "条件，现予以批准医疗救助，救助金额为________元。",
    "□经审查，因患者符合________规定，经基本住院救助后，按照____%救助，批准重特大疾病医疗救助金为________元。",
    "负责人签字：      单位(盖章)：      年  月  日",
    "□经审查及召开会议研究，该患者不符合医疗救助条件，理由是：",
    "负责人签字：      单位(盖章)：      年  月  日",
)
FORM2_INSURANCE = ("城镇职工基本医疗保险", "城乡居民基本医疗保险", "商业医疗保险", "无")
EXAMPLE_WARNING = "注意：本县救助参数为示例配置，非正式政策，仅供演示，不得作为支付依据。"


def form1_categories(categories: tuple[str, ...]) -> str:
    """附件1's 救助对象身份属性 boxes, ticked for the case's categories."""
    chosen = {FORM1_ALIASES.get(c, c) for c in categories}
    line = []
    for box in FORM1_CATEGORIES:
        text = checks((box,), box if box in chosen else None)
        if box == "最低生活保障家庭成员":
            text += "(" + checks(FORM1_SUBCATEGORIES, [c for c in categories if c in FORM1_SUBCATEGORIES]) + ")"
        line.append(text)
    return "  ".join(line)


def insurance_boxes(options: tuple[str, ...], insurance: str) -> str:
    aliases = INSURANCE_ALIASES.get(insurance, (insurance,))
    return checks(options, [o for o in options if o in aliases or o == insurance])


def _percent(ratio: Decimal) -> str:
    return f"{(ratio * 100).normalize():f}%"


def _age(a: Applicant, data: AssistanceApplicationData) -> str:
    if data.filled_on is None:
        return ""
    age = a.age_on(data.filled_on)
    return "" if age is None else str(age)


def render_assistance_slip(data: AssistanceSlipData, options: RenderOptions = A4) -> bytes:
    """医疗救助待遇核定单: the bill, the category rule and the amount (大写 and figures)."""
    w = content_width(A4) / 4
    a = data.applicant
    rows = [
        [L("姓名"), V(a.name), L("身份证号"), V(mask_id(a.id_number))],
        [L("救助类别"), V(data.category), L("救助方式"), V(checks(ASSISTANCE_TYPES, data.assistance_type))],
        [L("就诊医院"), V(data.hospital), L("疾病名称"), V(data.disease)],
        [L("医疗总费用"), V(figures(data.total)), L("合规医疗费用"), V(figures(data.compliant))],
        [
            L("医保报销金额"),
            V(figures(data.basic_reimbursed)),
            L("大病保险报销金额"),
            V(figures(data.critical_reimbursed)),
        ],
        [L("个人合规自付费用"), V(figures(data.self_pay)), L("扣减起付线"), V(figures(data.deductible_applied))],
        [L("救助比例"), V(_percent(data.ratio)), L("救助金额"), V(figures(data.amount))],
        [L("救助金额（大写）"), V(rmb_upper(data.amount), 3)],
        [
            L("本年度已获得医疗救助次数"),
            V(str(data.prior_count)),
            L("本年度已获得医疗救助金额"),
            V(figures(data.prior_amount)),
        ],
    ]
    story: list[Flowable] = [
        title("医疗救助待遇核定单", 18),
        gap(2),
        para(f"{data.county_name}    {data.township_name}", 10.5, TA_CENTER),
        right(f"办件编号：{data.case_no}    单位：元、次", 9.5),
        gap(2),
        grid(rows, [w * 0.95, w * 1.05, w * 0.95, w * 1.05]),
        gap(3),
        para(
            "核定说明：救助金额 =（个人合规自付费用 − 扣减起付线）× 救助比例"
            + ("，已按年度救助限额封顶。" if data.capped else "。"),
            9.5,
        ),
        para(f"政策参数：{data.policy_name}", 9.5),
    ]
    if data.policy_example:
        story.append(para(EXAMPLE_WARNING, 9.5))
    if data.payee.name:
        story += [
            gap(2),
            para(
                f"收款人：{data.payee.name}    开户行：{data.payee.bank}    银行帐号：{mask_id(data.payee.account)}",
                9.5,
            ),
        ]
    story += [
        gap(10),
        right(f"{data.station.name}（盖章）    经办人员：{data.clerk_name}"),
        right(date_cn(data.issued_on)),
    ]
    return build(story, doc_title="医疗救助待遇核定单", options=options, footer="医保通办 · 医疗救助待遇核定单")


def _cost_rows(data: AssistanceApplicationData) -> list[list[Cell]]:
    s = data.slip
    kind = s.assistance_type if s else None
    return [
        [L("医疗总费用"), V(figures(s.total) if s else ""), L("合规医疗费用"), V(figures(s.compliant) if s else "")],
        [
            L("医保报销金额"),
            V(figures(s.basic_reimbursed) if s else ""),
            L("大病保险报销金额"),
            V(figures(s.critical_reimbursed) if s else ""),
        ],
        [
            L("本次个人合规自付费用合额"),
            V(figures(s.self_pay) if s else ""),
            L("本次申请医疗救助类别"),
            V(checks(ASSISTANCE_TYPES, kind)),
        ],
        [L("救助比例"), V(_percent(s.ratio) if s else ""), L("救助金额"), V(figures(s.amount) if s else "")],
        [
            L("本年度已获得医疗救助次数"),
            V(str(s.prior_count) if s else ""),
            L("本年度已获得医疗救助金额"),
            V(figures(s.prior_amount) if s else ""),
        ],
    ]


def render_assistance_application(data: AssistanceApplicationData, options: RenderOptions = A4) -> bytes:
    """XX城乡医疗救助申请表 (001 附件1): for 已明确身份救助对象."""
    w = content_width(A4) / 8
    a, p, s = data.applicant, data.payee, data.slip
    basic = [
        [L("姓名"), V(a.name), L("性别"), V(a.gender), L("年龄"), V(_age(a, data)), L("民族"), V(a.ethnicity)],
        [L("家庭住址"), V(a.address, 3), L("身份证号"), V(a.id_number, 3)],
        [L("联系电话"), V(a.phone), L("参保情况"), V(insurance_boxes(FORM1_INSURANCE, data.insurance), 5)],
    ]
    payee = [
        [L("姓名"), V(p.name, 3), L("身份证号"), V(p.id_number, 3)],
        [L("开户行"), V(p.bank, 3), L("银行帐号"), V(p.account, 3)],
        [L("与患者关系"), V(p.relation, 3), L("联系电话"), V(p.phone, 3)],
    ]
    cats = form1_categories(data.categories)
    q = content_width(A4) / 4
    result = (
        f"经核实，该对象属{s.category}人员，合规个人自付的费用按{_percent(s.ratio)}核算，拟救助金额{figures(s.amount)}元；"
        if s
        else "经核实，该对象属______人员，合规个人自付的费用按____%核算，拟救助金额______元；"
    )
    story: list[Flowable] = [
        title(f"{data.county_name}城乡医疗救助申请表", 16),
        gap(2),
        para(
            _place_line(data),
            9.5,
        ),
        gap(2),
        para("一、基本信息(以下由患者填写)", 10.5),
        para("1. 患者基本信息", 10),
        grid(basic, [w * 0.9, w * 1.1, w * 0.9, w * 1.1, w * 0.9, w * 1.1, w * 0.9, w * 1.1], size=9.5),
        gap(1.5),
        para("2. 救助对象身份属性(可多选)", 10),
        para(cats, 9.5),
        gap(1.5),
        para("3. 收款人信息(收款人须是患者本人或其家庭代表)", 10),
        grid(payee, [w] * 8, size=9.5),
        gap(3),
        para("二、核实审批情况(以下由经办人员填写)", 10.5),
        para("1. 救助对象身份属性(可多选)", 10),
        para(cats, 9.5),
        para("2. 医疗费用和已获救助情况(单位：元、次)", 10),
        grid(_cost_rows(data), [q * 0.95, q * 1.05, q * 0.95, q * 1.05], size=9.5),
        gap(1.5),
        para("3. 审核审批结果", 10),
        para("□ " + result, 9.5),
        para("□ 经核实，该对象不属于明确身份重点救助对象，不符合该项救助，不予申报审批。", 9.5),
        gap(6),
        para("经办人员：                        审核人员：                        " + date_cn(data.filled_on), 10),
    ]
    return build(story, doc_title="城乡医疗救助申请表", options=options, footer="001 附件1")


def render_assistance_review(data: AssistanceApplicationData, options: RenderOptions = A4) -> bytes:
    """XX城乡医疗救助申请审核审批表 (001 附件2): for 未明确身份救助对象."""
    w = content_width(A4) / 8
    q = content_width(A4) / 4
    a, p = data.applicant, data.payee
    basic = [
        [L("姓名"), V(a.name), L("性别"), V(a.gender), L("年龄"), V(_age(a, data)), L("联系电话"), V(a.phone)],
        [L("家庭住址"), V(a.address, 3), L("身份证号"), V(a.id_number, 3)],
        [L("就诊医院"), V(data.hospital, 3), L("疾病名称"), V(data.disease, 3)],
        [L("参加医疗保险情况"), V(insurance_boxes(FORM2_INSURANCE, data.insurance), 7)],
    ]
    payee = [
        [L("姓名"), V(p.name), L("开户行"), V(p.bank, 2), L("银行帐号"), V(p.account, 2)],
        [L("身份证号"), V(p.id_number, 3), L("联系电话"), V(p.phone), L("与患者关系"), V(p.relation)],
    ]
    income = [
        [
            L("家庭共同生活成员"),
            V("" if data.household_size is None else f"{data.household_size}人"),
            L("家庭年总收入"),
            V(figures(data.household_income)),
        ],
        [L("家庭人均年收入"), V(_per_head(data), 3)],
    ]
    story: list[Flowable] = [
        title(f"{data.county_name}城乡医疗救助申请审核审批表", 16),
        gap(2),
        para(
            _place_line(data),
            9.5,
        ),
        gap(2),
        para("一、基本情况(以下由患者或其家庭代表填写)", 10.5),
        para("1. 患者基本信息", 10),
        grid(basic, [w * 0.9, w * 1.1, w * 0.9, w * 1.1, w * 0.9, w * 1.1, w * 0.9, w * 1.1], size=9),
        para("2. 收款人信息(收款人须是患者本人或其家庭代表)", 10),
        grid(payee, [w] * 8, size=9),
        para("3. 申请承诺和授权", 10),
        para(
            "本人为申请城乡医疗救助对象(或其家庭代表)，承诺上述所填内容及所提供的全部证明材料均真实、有效，"
            "无虚假隐瞒，如存在不实之处，愿意承担相应责任。同时，在此授权委托县、乡两级医保经办部门对本人的"
            "家庭收入及财产状况进行调查核实，并自愿接受群众监督。",
            9,
        ),
        para("申请人(或家庭代表)签字(手印)：                与患者关系：              年    月    日", 9),
        gap(2),
        para("二、调查核实情况(以下由调查工作人员填写)", 10.5),
        para("1. 患者身份属性(可多选)", 10),
        grid(
            [
                [L("救助范围身份属性"), V(checks(FORM2_CATEGORIES, data.categories), 3)],
                [L("特殊群体"), V(checks(FORM2_SPECIAL_GROUPS, data.categories), 3)],
            ],
            [q * 0.95, q * 1.05, q * 0.95, q * 1.05],
            size=9,
        ),
        para("2. 医疗费用和已获救助情况(单位：元、次)", 10),
        grid(_cost_rows(data), [q * 0.95, q * 1.05, q * 0.95, q * 1.05], size=9),
        para("3. 家庭收入情况(单位：人、元)", 10),
        grid(income, [q * 0.95, q * 1.05, q * 0.95, q * 1.05], size=9),
        para("调查人员签字：        乡(镇、街道办)干部：        村(居)委员会干部：", 9),
        gap(2),
        KeepTogether(
            [
                para("三、审核审批情况(以下由审核审批机构填写)", 10.5),
                grid(
                    [
                        [L("乡(镇、街道办)审核情况"), S("\n".join(FORM2_TOWNSHIP_REVIEW), 3)],
                        [L("县级医保经办部门审批情况"), S("\n".join(FORM2_COUNTY_APPROVAL), 3)],
                    ],
                    [q * 0.95, q * 1.05, q * 0.95, q * 1.05],
                    size=9,
                ),
                para("注：此表由县级医保经办部门存档。", 9),
            ]
        ),
    ]
    return build(story, doc_title="城乡医疗救助申请审核审批表", options=options, footer="001 附件2")


def _per_head(data: AssistanceApplicationData) -> str:
    if not data.household_size or data.household_income is None:
        return ""
    return figures(data.household_income / data.household_size)


def _place_line(data: AssistanceApplicationData) -> str:
    county = data.county_name or "________"
    township = data.township_name or "________"
    return f"{county} 县(区)    {township} 乡(镇、街道办)    办件编号：{data.case_no}"
