"""Guizhou's 异地就医登记备案表 (001#1226-1239 "表12：异地就医登记备案表(参考样表)", 附件1 of the
异地就医备案 items): the variant of 003 表11 a Guizhou station prints for 002036004001–005.

001's table is OCR-garbled; the labels used are the readable ones: 备案编号, 姓名, 性别, 险种
(职工医保 / 城乡居民医保), 人员类别 (异地安置退休人员, 异地长期居住人员, 常驻异地工作人员, 异地转诊人员,
其他), 登记类别 (新增 / 变更), 身份证件号码, 参保地联系地址, 就医地联系地址, 联系电话1, 联系电话2,
转往省(市、区), 地区(市、州), 县(区), 温馨提示 1–4, 经办机构, 联系电话, 经办人, 经办日期.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, ID, L, RenderOptions, V, build, checks, content_width, date_cn, gap, grid, para, title
from printing.sample.base import FormData, SampleForm

FORM = SampleForm("gz-filing", "贵州备案表", "异地就医登记备案表", "001#1226")
CATEGORIES = ("异地安置退休人员", "异地长期居住人员", "常驻异地工作人员", "异地转诊人员", "其他")
NOTES = (
    "温馨提示",
    "1.跨省异地就医执行就医地目录、参保地起付线、封顶线及支付比例。因各地目录差异，直接结算与回参保地报销可能存在"
    "待遇差，属于正常现象。",
    "2.办理备案时直接备案到就医地市或省份。参保人员根据病情、居住地、交通等情况，自主选择就医地开通的跨省定点医疗机构"
    "住院就医。",
    "3.到北京、天津、上海、重庆、海南、西藏和新疆生产建设兵团就医，备案到就医省份即可。",
    "4.未按规定办理登记备案手续，或在就医地非跨省定点医疗机构发生的医疗费用，按参保地现有规定办理。",
)


def _split(code: str) -> tuple[str, str, str]:
    """转往省 / 地区 / 县 of a 就医地 code (GB/T 2260 names)."""
    from models.regions import table

    code = code.strip()
    region = table().get(code) if code.isdigit() else None
    if region is None:
        return code, "", ""
    return region.province, region.prefecture, region.name if region.level == "县" else ""


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    w = content_width(A4) / 6
    v = data.v
    name = data.item_name.removesuffix("备案")
    chosen = v("person_category") or (name if name in CATEGORIES else ("其他" if name else ""))
    province, city, county = _split(v("treatment_place"))
    province, city = v("to_province") or province, v("to_city") or city
    rows = [
        [
            L("姓名"),
            V(data.name),
            L("性别"),
            V(data.gender),
            L("险种"),
            V(checks(("职工医保", "城乡居民医保"), v("insurance_scheme", "insurance_type"))),
        ],
        [
            L("人员类别"),
            V("\n".join(checks((c,), chosen) for c in CATEGORIES), 3),
            L("登记类别"),
            V(checks(("新增", "变更"), v("registration_category", default="新增"))),
        ],
        [L("身份证件号码"), ID(data.id_number, 5)],
        [
            L("参保地联系地址"),
            V(v("insured_place_address") or data.address, 2),
            L("就医地联系地址"),
            V(v("remote_address", "treatment_address"), 2),
        ],
        [L("联系电话1"), ID(data.phone, 2), L("联系电话2"), ID(v("phone2"), 2)],
        [L("转往省(市、区)"), V(province), L("地区(市、州)"), V(city), L("县(区)"), V(county)],
        [V("\n".join(NOTES), 6)],
    ]
    station = data.station
    story: list[Flowable] = [
        title(FORM.title, 16),
        gap(2),
        para(f"备案编号：{data.case_no}", 10),
        gap(2),
        grid(rows, [w * 1.1, w, w * 0.9, w, w, w], size=9.5),
        gap(4),
        para(
            f"经办机构：{station.name}    联系电话：{station.phone}    经办人：{data.clerk_name}    "
            f"经办日期：{date_cn(data.filled_on)}",
            9.5,
        ),
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.source)
