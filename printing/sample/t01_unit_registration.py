"""表1 基本医疗保险单位参保信息登记表 (003#8365-8470), for 002036001001 单位参保登记."""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, ID, L, RenderOptions, V, build, checks, content_width, date_cn, gap, grid, para, title
from printing.sample.base import FormData, SampleForm, id_of, place

FORM = SampleForm("unit-registration", "表1", "基本医疗保险单位参保信息登记表", "003#8365")
REGISTRATION_TYPES = ("新参保登记", "暂停登记", "注销登记", "拆分合并分立")
INSURANCE = ("职工基本医疗保险", "生育保险", "职工大额医疗费用补助", "其他")


def _day(raw: str) -> str:
    import datetime as dt

    try:
        return date_cn(dt.date.fromisoformat(raw))
    except ValueError:
        return raw


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    w = content_width(A4) / 6
    v = data.v
    insured = [s for s in v("insurance_types").split(",") if s]
    rows = [
        [V(checks(REGISTRATION_TYPES, v("registration_type")), 6)],
        [L("单位名称"), V(v("unit_name", "name"), 5)],
        [L("现统一社会信用代码"), ID(v("uscc"), 2), L("原统一社会信用代码"), ID(v("old_uscc"), 2)],
        [L("通讯地址"), V(v("mail_address", "unit_address"), 5)],
        [L("单位性质"), V(v("unit_nature"), 5)],
        [L("法定代表人", 1), L("姓名"), V(v("legal_rep_name")), L("联系电话"), V(v("legal_rep_phone"), 2)],
        [L(""), L("证件类型及号码"), ID(id_of(v("legal_rep_id_type"), v("legal_rep_id_number")), 4)],
        [L("开户银行"), V(v("bank_name")), L("户名"), V(v("bank_account_name", "unit_name"), 3)],
        [L("银行账号"), ID(v("bank_account"), 5)],
        [L("单位经办人员"), L("姓名"), V(v("unit_agent_name") or data.name), L("所在部门"), V(v("unit_agent_dept"), 2)],
        [L(""), L("手机号码"), V(v("unit_agent_mobile")), L("联系电话"), V(v("unit_agent_phone"), 2)],
        [L("参保险种"), V(checks(INSURANCE, insured), 5)],
        [L("参保日期"), V(_day(v("insured_date")), 2), L("参保地区"), V(place(v("insured_region")), 2)],
        [L("机关事业单位及社会团体填报以下信息", 6)],
        [L("经费来源"), V(v("funding_source"), 2), L("主管部门"), V(v("supervising_dept"), 2)],
        [L("最新核编人数(含纪检、军转)"), V(v("staff_quota"), 2), L("退休人数"), V(v("retired_count"), 2)],
        [L("机关在编人数"), V(v("civil_staff")), L("公务员人数"), V(v("civil_servants")), L("后勤服务人数"), V("")],
        [L("参公在编人数"), V("", 2), L("事业在编人数"), V("", 2)],
        [
            L("单位声明"),
            V("本单位依法申请基本医疗保险登记，承诺填报信息真实、准确、完整，请予办理。\n单位(盖章)\n年  月  日", 5),
        ],
        [
            L("经办机构意见"),
            V(
                "□经审核，申报单位不符合参保登记办理条件。\n经审核，同意申报单位办理以下社会保险登记：\n"
                "□职工基本医疗保险  □生育保险  □职工大额医疗费用补助  □其他(          )\n"
                "经办工作人员签字：            经办机构(盖章)：        年   月   日",
                5,
            ),
        ],
    ]
    story: list[Flowable] = [
        title(FORM.title, 16),
        gap(4),
        grid(rows, [w * 1.2, w * 1.0, w * 0.9, w * 0.9, w, w]),
        gap(3),
        para(f"填表日期：{date_cn(data.filled_on)}", 9.5),
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.number)
