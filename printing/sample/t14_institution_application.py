"""表14 医疗机构申请定点协议管理申请表 (003#9521-9700), for 002036009001 (stations that take
定点 applications: the item's 受理层级)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, ID, L, RenderOptions, V, build, content_width, gap, grid, para, title
from printing.sample.base import FormData, SampleForm, place

FORM = SampleForm("institution-application", "表14", "医疗机构申请定点协议管理申请表", "003#9521")
PROMISE = (
    "本单位承诺：所有上传填报的资料全部真实、完整、合法、有效，如因违反上述承诺造成的任何后果或不良影响，"
    "本单位一律自行承担责任。\n\n法定代表人签字：                   单位公章：\n年    月   日"
)
RISK = "风险提示：申请定点的医疗机构改造信息系统可能存在前期经费投入，当评估不合格时会产生经济损失。"


def people(data: FormData, label: str, prefix: str) -> list[list]:
    v = data.v
    return [
        [L(label), L("姓名"), V(v(f"{prefix}_name")), L("联系方式"), V(v(f"{prefix}_phone"))],
        [L(""), L("身份证号"), ID(v(f"{prefix}_id_number"), 3)],
    ]


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    w = content_width(A4) / 5
    v, yes = data.v, data.yes
    rows = [
        [L("医疗机构名称"), V(v("institution_name"), 4)],
        [L("统一社会信用代码"), ID(v("uscc"), 4)],
        [L("注册地址"), V(v("registered_address"), 4)],
        [L("注册面积"), V(v("floor_area"), 2), L("建筑面积"), V(v("building_area"))],
        *people(data, "法定代表人", "legal_rep"),
        *people(data, "主要负责人", "principal"),
        *people(data, "实际控制人", "controller"),
        [L("医疗机构成立时间"), V(v("founded_date"), 2), L("医疗机构等级"), V(v("institution_grade"))],
        [L("医疗机构性质"), V(v("institution_nature"), 2), L("医疗机构类别"), V(v("institution_category"))],
        [L("医疗机构执业许可证发证机关"), V(v("license_issuer"), 4)],
        [L("医疗机构执业许可证登记号"), V(v("license_reg_no"), 4)],
        [
            L("医疗机构执业许可证发证日期"),
            V(v("license_issue_date"), 2),
            L("许可证有效期开始日期"),
            V(v("license_valid_from")),
        ],
        [L(""), V("", 2), L("许可证有效期截止日期"), V(v("license_valid_to"))],
        [L("执业地址行政区划"), V(place(v("practice_region")), 2), L("执业地址"), V(v("practice_address"))],
        [L("服务对象"), V(v("service_objects"), 2), L("诊疗科目"), V(v("clinical_subjects"))],
        [L("编制床位数"), V(v("planned_beds"), 2), L("实际开放床位数"), V(v("open_beds"))],
        [L("收费等级"), V(v("fee_grade"), 2), L("医疗用房性质"), V(v("premises_nature"))],
        [L("银行账号"), ID(v("bank_account"), 2), L("银行开户行"), V(v("bank_name"))],
        [L("是否配有专(兼)职医保管理人员", 3), V(yes("has_insurance_staff"), 2)],
        [L("是否设有内部医保管理部门", 3), V(yes("has_insurance_dept"), 2)],
        [L("是否具有医保管理、财务、统计信息管理、医疗质量安全核心制度", 3), V(yes("has_core_rules"), 2)],
        [L("是否具有符合医保协议管理要求的信息系统", 3), V(yes("has_info_system"), 2)],
        [
            L("是否设立医保药品、诊疗项目、医疗服务设施、医用耗材、疾病病种等基础数据库", 3),
            V(yes("has_base_database"), 2),
        ],
        [L("是否建立进销存信息系统", 3), V(yes("has_inventory_system"), 2)],
        [L("是否建立门诊信息系统", 3), V(yes("has_outpatient_system"), 2)],
        [L("是否建立住院信息系统", 3), V(yes("has_inpatient_system"), 2)],
        [L("卫生技术人员构成"), L(""), L("高级职称"), L("中级职称"), L("初级职称")],
        *[[L(""), L(r), V(""), V(""), V("")] for r in ("医生", "护士", "药师", "医技", "合计")],
        [L("已设主要管理制度、台账名称"), V(v("rules_list"), 4)],
        [L("联系人姓名"), V(v("contact_name") or data.name, 2), L("联系人固话"), V(v("contact_phone"))],
        [L(""), V("", 2), L("联系人手机号"), V(v("contact_mobile"))],
        [L("申请日期"), V(f"{data.filled_on:%Y年%m月%d日}" if data.filled_on else "年   月   日", 4)],
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
