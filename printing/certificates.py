"""基本医疗保险参保凭证 (表8 in 003) and 参保缴费证明 (the individual's contribution record)."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable

from printing.amounts import figures, rmb_upper
from printing.data import CertificateData, ContributionProofData
from printing.layout import A4, L, RenderOptions, V, build, content_width, date_cn, gap, grid, para, right, title

CERT_NOTES = (
    "注意事项：",
    "1.本凭证是根据国家有关规定制发，是参保权益记录重要凭证，请妥善保存。",
    "2.本凭证如不慎遗失，请与出具此凭证的医疗保障经办机构联系，申请补办",
)


def _balance(amount: Decimal | None) -> str:
    if amount is None:
        return "(大写)                  (小写)¥"
    return f"(大写){rmb_upper(amount)}    (小写)¥{figures(amount)}"


def render_insurance_certificate(data: CertificateData, options: RenderOptions = A4) -> bytes:
    """表8 基本医疗保险参保凭证."""
    w = content_width(A4) / 6
    a = data.applicant
    months = "" if data.paid_months is None else f"{data.paid_months}月"
    ag = data.agency
    rows = [
        [L("参保人员基本信息", 6)],
        [L("姓名"), V(a.name), L("证件类型及号码"), V(f"{a.id_type} {a.id_number}", 3)],
        [L("户籍所在地"), V(data.household_place, 3), L("户籍类型"), V(data.household_type)],
        [L("参保信息", 6)],
        [L("基本医疗保险类型"), V(data.insurance_type, 2), L("参保地"), V(data.insured_place, 2)],
        [L("参保时间"), V(f"起：{data.start}    止：{data.end}", 2), L("其中累计实际缴费月数"), V(months, 2)],
        [L("个人账户余额"), V(_balance(data.account_balance), 5)],
        [L("转出地医疗保障经办机构信息", 6)],
        [L("机构名称"), V(f"{ag.name}    (盖章)", 5)],
        [L("地址"), V(ag.address, 5)],
        [L("行政区划代码"), V(ag.admdvs, 2), L("邮政编码"), V(ag.postcode, 2)],
        [L("联系人"), V(ag.contact, 2), L("联系电话"), V(ag.phone, 2)],
    ]
    story: list[Flowable] = [
        title("基本医疗保险参保凭证", 18),
        gap(2),
        para(f"凭证号：{data.voucher_no}", 10.5, TA_CENTER),
        gap(2),
        right(f"生成日期：{date_cn(data.generated_on)}", 10),
        gap(2),
        grid(rows, [w * 1.1, w * 1.1, w * 0.9, w * 0.9, w, w]),
        gap(4),
    ]
    story += [para(line, 9.5) for line in CERT_NOTES]
    return build(story, doc_title="基本医疗保险参保凭证", options=options, footer="表8")


def render_contribution_proof(data: ContributionProofData, options: RenderOptions = A4) -> bytes:
    """参保缴费证明: 003 has no sample form; the layout follows 表8's header and agency block."""
    w = content_width(A4) / 6
    a = data.applicant
    head = [
        [L("姓名"), V(a.name), L("证件类型及号码"), V(f"{a.id_type} {a.id_number}", 3)],
        [L("基本医疗保险类型"), V(data.insurance_type, 2), L("参保地"), V(data.insured_place, 2)],
    ]
    rows = [[L("序号"), L("缴费期间", 2), L("缴费基数（元）"), L("缴费金额（元）"), L("缴费状态")]]
    total = Decimal("0")
    for n, r in enumerate(data.rows, 1):
        rows.append([V(str(n), align=TA_CENTER), V(r.period, 2), V(figures(r.base)), V(figures(r.amount)), V(r.status)])
        total += r.amount
    rows.append([L("合计"), V(f"(大写){rmb_upper(total)}    (小写)¥{figures(total)}", 5)])
    purpose = f"，用于{data.purpose}" if data.purpose else ""
    story: list[Flowable] = [
        title("参保缴费证明", 18),
        gap(2),
        right(f"证明编号：{data.proof_no}", 10),
        gap(3),
        grid(head, [w * 1.1, w * 1.1, w * 0.9, w * 0.9, w, w]),
        gap(3),
        grid(rows, [w * 0.6, w * 1.2, w * 1.2, w, w, w]),
        gap(4),
        para(f"    兹证明上述人员在本统筹地区参加基本医疗保险，缴费记录如上{purpose}。"),
        gap(10),
        right(f"{data.agency.name}（盖章）"),
        right(date_cn(data.issued_on)),
    ]
    return build(story, doc_title="参保缴费证明", options=options, footer="医保通办 · 参保缴费证明")
