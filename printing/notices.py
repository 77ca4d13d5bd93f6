"""一次性告知书 and 不予受理通知书: what is missing, or why the application is refused."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable

from models import clock
from models.masking import mask_id
from printing.data import CompletionData, Contacts, MissingNoticeData, Office, RefusalData
from printing.layout import (
    A4,
    L,
    RenderOptions,
    V,
    applicant_signature,
    build,
    content_width,
    date_cn,
    gap,
    grid,
    para,
    right,
    title,
)

#: Remedies an applicant has against an administrative decision (行政复议法 第二十条:
#: 60 days; 行政诉讼法 第四十六条: six months).
REMEDY = (
    "申请人如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。"
)


def _signature(station: Office, clerk: str, day_text: str, contacts: Contacts) -> list[Flowable]:
    phone = contacts.consult_phone or station.phone
    out: list[Flowable] = [gap(10), right(f"{station.name}（盖章）"), right(f"经办人：{clerk}"), right(day_text)]
    if phone or contacts.supervise_phone:
        out.append(gap(4))
    if phone:
        out.append(para(f"咨询电话：{phone}"))
    if contacts.supervise_phone:
        out.append(para(f"监督电话：{contacts.supervise_phone}"))
    return out


def render_missing_notice(data: MissingNoticeData, options: RenderOptions = A4) -> bytes:
    width = content_width(A4)
    who = f"{data.applicant.name}（证件号码：{mask_id(data.applicant.id_number)}）"
    story: list[Flowable] = [
        title("一次性告知书", 18),
        gap(2),
        right(f"编号：{data.case_no}", 10),
        gap(4),
        para(f"{who}："),
        gap(1),
        para(
            f"    您申请办理的“{data.item_name}”，经审查，申请材料尚不齐全。现将需要补齐补正的全部材料"
            "一次性告知如下，请备齐后到本服务点办理："
        ),
        gap(3),
    ]
    rows = [[L("序号"), L("需补齐补正的材料", 2), L("说明")]]
    for n, m in enumerate(data.missing, 1):
        rows.append([V(str(n), align=TA_CENTER), V(m.name, 2), V(m.note)])
    story.append(grid(rows, [width * 0.1, width * 0.3, width * 0.3, width * 0.3]))
    if data.received:
        story += [gap(3), para("已收取材料：" + "；".join(m.name for m in data.received) + "。")]
    story += [gap(3), para("    补齐材料后凭本告知书编号办理，无需重复提交已收取的材料。")]
    story += _signature(data.station, data.clerk_name, date_cn(data.issued_on), data.contacts)
    story += [gap(6), para("本人已收到本告知书，知悉需补齐补正的全部材料。"), gap(3), applicant_signature()]
    return build(story, doc_title="一次性告知书", options=options, footer="医保通办 · 一次性告知书")


def render_refusal_notice(data: RefusalData, options: RenderOptions = A4) -> bytes:
    who = f"{data.applicant.name}（证件号码：{mask_id(data.applicant.id_number)}）"
    story: list[Flowable] = [
        title("不予受理通知书", 18),
        gap(2),
        right(f"编号：{data.case_no}", 10),
        gap(4),
        para(f"{who}："),
        gap(1),
        para(f"    您申请办理的“{data.item_name}”，经审查，不符合受理条件，决定不予受理。理由如下："),
        gap(2),
    ]
    story += [para(f"    {n}. {reason}") for n, reason in enumerate(data.reasons, 1)]
    if data.legal_basis:
        story += [gap(3), para("依据：" + "；".join(data.legal_basis) + "。")]
    if data.message:
        story += [gap(2), para(f"    {data.message}")]
    story += [gap(3), para("    " + REMEDY)]
    story += _signature(data.station, data.clerk_name, date_cn(data.issued_on), data.contacts)
    return build(story, doc_title="不予受理通知书", options=options, footer="医保通办 · 不予受理通知书")


def render_completion_notice(data: CompletionData, options: RenderOptions = A4) -> bytes:
    who = f"{data.applicant.name}（证件号码：{mask_id(data.applicant.id_number)}）"
    finished = clock.to_local(data.finished_at)
    story: list[Flowable] = [
        title("办结通知书", 18),
        gap(2),
        right(f"编号：{data.case_no}", 10),
        gap(4),
        para(f"{who}："),
        gap(1),
        para(f"    您申请办理的“{data.item_name}”已于{finished:%Y年%m月%d日 %H:%M}办结。"),
        gap(2),
        para(f"    {data.message}"),
    ]
    story += _signature(data.station, data.clerk_name, date_cn(finished.date()), data.contacts)
    return build(story, doc_title="办结通知书", options=options, footer="医保通办 · 办结通知书")
