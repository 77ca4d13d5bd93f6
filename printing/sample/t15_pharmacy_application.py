"""表15 零售药店申请定点协议管理申请表 (003#9725-9864), for 002036009002 (stations that take
定点 applications: the item's 受理层级)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, ID, L, RenderOptions, V, build, content_width, gap, grid, para, title
from printing.sample.base import FormData, SampleForm, place
from printing.sample.t14_institution_application import people

FORM = SampleForm("pharmacy-application", "表15", "零售药店申请定点协议管理申请表", "003#9725")
PROMISE = (
    "本单位承诺：所有上传填报的资料全部真实完整、合法、有效如因违反上述承诺造成的任何后果或不良影响，"
    "本单位一律自行承担责任。\n\n法定代表人签字：                  单位公章：\n年  月    日"
)
RISK = "风险提示：申请定点的零售药店改造信息系统可能存在前期经费投入，当评估不合格时会产生经济损失。"


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    w = content_width(A4) / 5
    v, yes = data.v, data.yes

    def persons(key: str) -> str:
        return f"{v(key)}人" if v(key) else "人"

    rows = [
        [L("零售药店名称"), V(v("pharmacy_name"), 2), L("成立日期"), V(v("founded_date"))],
        [L("统一社会信用代码"), ID(v("uscc"), 4)],
        *people(data, "法定代表人", "legal_rep"),
        *people(data, "企业负责人", "enterprise_head"),
        *people(data, "实际控制人", "controller"),
        [L("药品经营许可证证号"), V(v("drug_license_no"), 2), L("发证机关"), V(v("drug_license_issuer"))],
        [L("发证日期"), V(v("drug_license_issue_date"), 2), L("有效期截止日期"), V(v("drug_license_valid_to"))],
        [L("经营方式"), V(v("business_mode"), 2), L("经济类型"), V(v("economic_type"))],
        [L("经营范围"), V(v("business_scope"), 2), L("营业面积"), V(v("business_area"))],
        [L("注册地址"), V(v("registered_address"), 4)],
        [L("仓库地址"), V(v("warehouse_address"), 4)],
        [L("营业地址行政区划"), V(place(v("business_region")), 2), L("经营药品品种数量"), V(v("drug_variety_count"))],
        [
            L("药店负责人姓名"),
            V(v("pharmacy_head_name") or data.name, 2),
            L("医保目录内药品数量"),
            V(v("catalog_drug_count")),
        ],
        [L("药店负责人手机号"), V(v("pharmacy_head_mobile"), 4)],
        [L("是否配有专(兼)职医保管理人员", 3), V(yes("has_insurance_staff"), 2)],
        [L("是否具备与医疗保障政策对应的内部管理制度和财务制度", 3), V(yes("has_internal_rules"), 2)],
        [L("是否建立药品进销存信息系统", 3), V(yes("has_inventory_system"), 2)],
        [L("是否设立医保/非医保专区，并有明确标示", 3), V(yes("has_separate_area"), 2)],
        [L("是否经营中药饮片", 3), V(yes("sells_tcm_pieces"), 2)],
        [L("是否具有符合医保协议管理要求的信息系统", 3), V(yes("has_info_system"), 2)],
        [L("执业药师"), V(persons("licensed_pharmacists"), 2), L("执业中药师"), V(persons("licensed_tcm_pharmacists"))],
        [
            L("从业药师"),
            V(persons("practising_pharmacists"), 2),
            L("从业中药师"),
            V(persons("practising_tcm_pharmacists")),
        ],
        [L("其他药师"), V(persons("other_pharmacists"), 2), L("药师总人数"), V(persons("pharmacists_total"))],
        [L("已设主要管理制度、工作台账名称"), V(v("rules_list"), 4)],
        [L("单位承诺"), V(PROMISE, 4)],
    ]
    story: list[Flowable] = [
        title(FORM.title, 16),
        gap(3),
        grid(rows, [w * 1.3, w * 0.9, w * 0.9, w * 1.0, w * 0.9], size=9, pad=3),
        gap(2),
        para(RISK, 9),
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.number)
