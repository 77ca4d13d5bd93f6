"""Application forms pre-filled from the case, with 003's labels: 表3 城乡居民基本医疗保险参保登记表,
表9 基本医疗保险关系转移接续申请表, 表11 异地就医登记备案表, 表12 门诊慢特病病种待遇认定申请表."""

from __future__ import annotations

from reportlab.platypus import Flowable

from models.regions import address_parts
from printing.data import ChronicData, FilingData, Office, RegistrationData, TransferData
from printing.layout import (
    A4,
    ID,
    Cell,
    F,
    L,
    RenderOptions,
    S,
    V,
    build,
    checks,
    content_width,
    date_cn,
    date_field,
    gap,
    grid,
    para,
    right,
    title,
)

IDENTITIES = ("中小学儿童", "大学生", "无业成年人")
SUBSIDIES = ("低保", "重残", "低收入")
FILING_CATEGORIES = ("异地安置退休人员", "异地长期居住人员", "常驻异地工作人员", "异地转诊人员", "其他临时外出就医人员")
FILING_NOTES = (
    "温馨提示",
    "1.异地就医直接结算执行就医地规定的支付范围及有关规定、参保地规定的基本医疗保险基金起付标准、支付比例、"
    "最高支付限额、门诊慢特病病种范围等有关政策。",
    "2.办理备案时直接备案到就医地市或直辖市。参保人员根据病情、居住地、交通等情况，自主选择就医地开通的异地就医"
    "联网定点医疗机构住院就医。",
    "3.到海南、西藏等省级统筹的省份和新疆生产建设兵团就医的，可备案到就医省份和新疆生产建设兵团。",
    "4.参保人在异地普通门诊就诊和药店购药时，无需办理异地就医备案即可在就医地开通的异地就医联网定点医药机构联网结算。"
    "门诊慢特病异地联网结算时，需要办理异地备案手续。",
    "5.未按规定办理登记备案手续，或在就医地非跨省定点医疗机构发生的医疗费用，按参保地现有规定执行。",
    "6.异地就医直接结算时，应使用医保电子凭证或社会保障卡办理结算。",
)
HOUSEHOLD_TYPES = ("居民", "农业", "非农业", "港澳台", "外籍")


def _sign_line(who: str, day: str) -> str:
    return f"{who}(签字)：                    {day}"


def _household_blanks(data: RegistrationData) -> list[Cell]:
    """表3's 户籍所在地 line as the seed has it (003 line 8683: 省 市 | 县(区、市) 街道(乡镇) | 村(社区)):
    five blanks, each with the form's word after it, filled from the case's address (or region
    code). A part whose own suffix is the form's word (贵州省 before 省) is written without it."""
    parts = address_parts(data.household_place, data.household_region)

    def blank(value: str, word: str) -> Cell:
        if word in ("省", "市") and value.endswith(word) and len(value) > len(word):
            value = value[: -len(word)]
        return S(F(value) + (" " if value else "\u3000\u3000\u3000") + word)

    return [
        blank(parts.province, "省"),
        blank(parts.prefecture, "市"),
        blank(parts.county, "县(区、市)"),
        blank(parts.township, "街道(乡镇)"),
        blank(parts.village, "村(社区)"),
    ]


def render_registration_form(data: RegistrationData, options: RenderOptions = A4) -> bytes:
    """表3 城乡居民基本医疗保险参保登记表."""
    w = content_width(A4) / 6
    a = data.applicant
    rows = [
        [L("姓名"), V(a.name), L("证件类型"), V(a.id_type), L("证件号码"), ID(a.id_number)],
        [
            L("性别"),
            V(checks(("男", "女"), a.gender)),
            L("出生日期"),
            V(date_field(a.birth_date)),
            L("联系电话"),
            V(a.phone),
        ],
        [L("户籍所在地(居住证登记地)"), *_household_blanks(data)],
        [L("通讯地址"), V(data.mail_address or a.address, 5)],
        [L("申请人身份"), V(checks(IDENTITIES, data.identity), 5)],
        [L("财政补助对象"), V(checks(SUBSIDIES, data.subsidy), 5)],
        [
            L("申请人或监护人"),
            S(
                "以上信息填报真实，现申请参加城乡居民医保，并已了解城乡居民基本医疗保险费征收部门和缴费方式，"
                "以及每年规定的缴费时间。\n\n" + _sign_line("", date_field(data.applied_on)),
                5,
            ),
        ],
        [
            L("收件审核"),
            S(
                "□经审核，符合城乡居民医保参保规定。\n□经审核，不符合城乡居民医保参保规定。\n\n"
                "经办工作人员                   (受理单位盖章)\n年   月    日",
                5,
            ),
        ],
    ]
    story: list[Flowable] = [
        title("城乡居民基本医疗保险参保登记表", 16),
        gap(4),
        # The last column holds the 18-digit ID number on one line.
        grid(rows, [w * 1.0, w * 0.95, w * 0.85, w, w * 0.85, w * 1.35]),
    ]
    return build(story, doc_title="城乡居民基本医疗保险参保登记表", options=options, footer="表3")


def render_transfer_form(data: TransferData, options: RenderOptions = A4) -> bytes:
    """表9 基本医疗保险关系转移接续申请表."""
    w = content_width(A4) / 6
    a = data.applicant
    age = a.age_on(data.applied_on) if data.applied_on else None

    def agency(o: Office) -> list[list[Cell]]:
        return [
            [L("机构名称"), V(o.name), L("联系电话"), V(o.phone), L("行政区划代码"), V(o.admdvs)],
            [L("机构地址"), V(o.address, 3), L("邮政编码"), V(o.postcode)],
        ]

    agent = data.agent
    rows = [
        [L("参保人信息", 6)],
        [L("姓名"), V(a.name), L("性别"), V(a.gender), L("年龄"), V("" if age is None else str(age))],
        [L("证件类型及号码"), V(f"{a.id_type} {a.id_number}", 3), L("联系电话"), V(a.phone)],
        [
            L("户籍地址"),
            V(data.household_address, 2),
            L("户籍类型"),
            V(checks(HOUSEHOLD_TYPES, data.household_type), 2),
        ],
        [L("联系地址"), V(data.contact_address or a.address, 3), L("邮政编码"), V(data.postcode)],
        [L("现参加的基本医疗保险类型"), V(checks(("职工医保", "城乡居民医保", "其他(请说明)"), data.insurance), 5)],
        [L("转出地医疗保障经办机构信息(在转入地线下办理时需填写此栏，申请人只需填写转出地医疗保障经办机构名称)", 6)],
        *agency(data.from_agency),
        [L("转入地医疗保障经办机构信息(在转出地线下办理时需填写此栏，申请人只需填写转入地医疗保障经办机构名称)", 6)],
        *agency(data.to_agency),
        [L("申请人信息(若参保人办理，则不需填写)", 6)],
        [
            L("姓名"),
            V(agent.name if agent else ""),
            L("证件类型及号码"),
            V(f"{agent.id_type} {agent.id_number}" if agent else ""),
            L("与参保人关系"),
            V(data.agent_relation),
        ],
        [
            L("联系电话"),
            V(agent.phone if agent else ""),
            L("联系地址"),
            V(agent.address if agent else ""),
            L("邮政编码"),
            V(data.agent_postcode),
        ],
    ]
    story: list[Flowable] = [
        title("基本医疗保险关系转移接续申请表", 16),
        gap(2),
        right(f"编号：{data.form_no}", 10),
        gap(2),
        grid(rows, [w * 1.1, w, w * 0.9, w, w, w], size=9.5),
        gap(6),
        para(f"申请人(签字)：                                        申请时间：{date_cn(data.applied_on)}"),
    ]
    return build(story, doc_title="基本医疗保险关系转移接续申请表", options=options, footer="表9")


def render_filing_form(data: FilingData, options: RenderOptions = A4) -> bytes:
    """表11 异地就医登记备案表."""
    w = content_width(A4) / 6
    a = data.applicant
    rows = [
        [
            L("姓名"),
            V(a.name),
            L("性别"),
            V(a.gender),
            L("险种"),
            V(checks(("职工医保", "城乡居民医保"), data.insurance)),
        ],
        [
            L("人员类别"),
            V(checks(FILING_CATEGORIES, data.person_category), 3),
            L("登记类别"),
            V(checks(("新增", "变更"), data.registration)),
        ],
        [L("社会保障号码"), V(a.id_number, 2), L("社保卡卡号(可选)"), V(a.card_number, 2)],
        [L("参保地家庭地址"), V(data.home_address or a.address, 2), L("异地联系地址"), V(data.remote_address, 2)],
        [L("联系电话1"), V(a.phone, 2), L("联系电话2"), V(data.phone2, 2)],
        [L("转往省(市、区)"), V(data.to_province, 2), L("转往地区(市、州)"), V(data.to_city, 2)],
        [V("\n".join(FILING_NOTES), 6)],
        [V(checks(("本人", "被委托人"), data.signer) + "\n签名：", 4), L("填报日期"), V(date_cn(data.filled_on))],
    ]
    ag = data.agency
    story: list[Flowable] = [
        title("异地就医登记备案表", 16),
        gap(2),
        para(f"备案编号：{data.filing_no}", 10),
        gap(2),
        grid(rows, [w * 1.1, w, w * 0.9, w, w, w], size=9.5),
        gap(4),
        para(f"经办机构：{ag.name}    联系电话：{ag.phone}    经办工作人员：{data.clerk_name}    经办日期：", 9.5),
    ]
    return build(story, doc_title="异地就医登记备案表", options=options, footer="表11")


def render_chronic_form(data: ChronicData, options: RenderOptions = A4) -> bytes:
    """表12 门诊慢特病病种待遇认定申请表."""
    w = content_width(A4) / 6
    a = data.applicant
    age = a.age_on(data.applied_on) if data.applied_on else None
    rows = [
        [L("姓名"), V(a.name), L("性别"), V(a.gender), L("年龄"), V("" if age is None else str(age))],
        [L("证件类型"), V(a.id_type), L("证件号码"), ID(a.id_number), L("联系电话"), ID(a.phone)],
        [L("险种"), V(checks(("职工医保", "城乡居民医保"), data.insurance), 2), L("参保地区"), V(data.insured_area, 2)],
        [L("选择定点医院"), V(data.hospital, 3), L("申请人签名"), V("")],
        [L("门诊慢特病病种名称(代码)"), V("\n".join(data.diseases) or "\n", 5)],
        [
            L("申报病种情况(符合诊断标准项目)"),
            V((data.condition or "") + "\n\n医师签名：\n认定机构名称(盖章)：\n年   月   日", 5),
        ],
        [L("审批意见"), V("\n\n", 5)],
        [L("备注"), V("", 5)],
    ]
    story: list[Flowable] = [
        title("门诊慢特病病种待遇认定申请表", 16),
        gap(2),
        right(date_cn(data.applied_on), 10),
        gap(2),
        # The fourth column holds the 18-digit ID number on one line.
        grid(rows, [w * 1.1, w * 0.9, w * 0.8, w * 1.4, w * 0.8, w], size=9.5),
    ]
    return build(story, doc_title="门诊慢特病病种待遇认定申请表", options=options, footer="表12")
