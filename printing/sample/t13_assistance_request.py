"""表13 依申请救助申请表 (003#9434-9520), for 002036008002 医疗救助对象手工(零星)报销."""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, ID, L, RenderOptions, V, build, checks, content_width, date_cn, gap, grid, title
from printing.sample.base import FormData, SampleForm

FORM = SampleForm("assistance-request", "表13", "依申请救助申请表", "003#9434")
CATEGORIES = (
    ("低保", "特困供养人员", "孤儿", "返贫致贫人口"),
    ("脱贫不稳定人口", "边缘易致贫人口", "突发严重困难人口"),
)
#: The case's category under the names the form's boxes use (特困 → 特困供养人员 …).
ALIASES = {"特困": "特困供养人员", "最低生活保障家庭成员": "低保", "低保对象": "低保"}
INSURANCE = {"城乡居民医保": "居民医保", "城乡居民基本医保": "居民医保", "城镇职工医保": "职工医保"}


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    w = content_width(A4) / 7
    v = data.v
    cats = sorted({ALIASES.get(c, c) for c in v("assistance_category", "person_attribute").split(",") if c})
    known = {c for line in CATEGORIES for c in line}
    other = "、".join(c for c in cats if c not in known)
    insurance = v("insurance_scheme", "insurance_type")
    insurance = INSURANCE.get(insurance, insurance)
    rows = [
        [L("申请人基本情况"), L("姓  名"), V(data.name), L("性别"), V(data.gender), L("年龄"), V(data.age)],
        [L(""), L("身份证号码"), ID(data.id_number, 2), L("联系电话"), ID(data.phone, 2)],
        [L(""), L("纳入时间"), V(v("recognised_on"), 2), L("申请时间"), V(date_cn(data.filled_on), 2)],
        [L(""), L("家庭住址"), V(data.address, 3), L("村(社区)"), V(v("village"))],
        [
            L(""),
            L("银行账户"),
            ID(" ".join(p for p in (v("bank_name"), v("bank_account")) if p), 3),
            L("参保情况"),
            V(checks(("居民医保", "职工医保"), insurance)),
        ],
        [L("申请救助对象类别"), V(checks(CATEGORIES[0], cats), 6)],
        [L(""), V(checks(CATEGORIES[1], cats), 6)],
        [L(""), V(f"□其他：{other}" if not other else f"☑其他：{other}", 6)],
        [
            L("申请原因"),
            V(
                f"本人{data.name},于{v('recognised_on') or '      年    月    日'}被{v('recognised_by') or '        '}"
                f"部门认定为{v('assistance_category', 'person_attribute') or '____________'}。"
                "本人纳入救助对象前因病产生高额医疗费用，特申请对身份认定前发生的经基本医疗、大病保险等报销后"
                "剩余自付医疗费用予以救助。本人确认以上信息无误，承诺所提交的材料真实合法，并已如实告知防贫保、"
                "惠民保、慈善、水滴筹、商业保险等渠道医疗费用报销情况，如有虚假，承担相应责任。",
                6,
            ),
        ],
        [L(""), V(f"申请人(手印)：               日    期：{date_cn(data.filled_on)}", 6)],
        [L(""), V(f"代办人(手印)：               联系电话：{v('agent_phone')}", 6)],
        [L("审核意见"), V("\n\n\n(盖章)\n负责人：                  经办人：                       年   月    日", 6)],
        [L("备注"), V("请在对应□内打√。", 6)],
    ]
    story: list[Flowable] = [
        title(FORM.title, 16),
        gap(4),
        grid(rows, [w * 0.9, w * 1.0, w * 1.2, w * 0.8, w * 1.0, w * 0.8, w * 1.3], size=9.5),
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.number)
