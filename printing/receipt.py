"""受理回执: what the applicant takes home after acceptance (A4 or 80 mm roll)."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from models import clock
from models.masking import mask_id
from printing.data import ReceiptData
from printing.layout import (
    A4,
    SIGN_BLANK,
    L,
    RenderOptions,
    V,
    applicant_signature,
    build,
    build_receipt_roll,
    content_width,
    date_cn,
    gap,
    grid,
    para,
    qr,
    title,
)

STATUS_TEXT = {"received": "已收", "missing": "未收", "deferred": "容缺（后补）", "not_applicable": "不适用"}
DOC_TITLE = "受理回执"


def _promise(data: ReceiptData) -> str:
    if data.finished_at is not None:
        return f"已于{clock.to_local(data.finished_at).strftime('%Y年%m月%d日 %H:%M')}当场办结"
    if data.promised_date is None:
        return data.time_limit_text or "按统筹地区规定"
    day = data.promised_date
    text = f"{day.year}年{day.month:02d}月{day.day:02d}日前办结（{data.time_limit_text}）"
    # A date counted into a year whose holidays are not published yet (models/deadlines.py).
    return text + "，如遇法定节假日顺延" if data.promised_provisional else text


def _accepted(data: ReceiptData, fmt: str) -> str:
    """受理时间 on the counter's clock (the database keeps UTC)."""
    return clock.to_local(data.accepted_at).strftime(fmt)


def _phones(data: ReceiptData) -> list[str]:
    lines = []
    if data.contacts.consult_phone:
        lines.append(f"咨询电话：{data.contacts.consult_phone}")
    if data.contacts.supervise_phone:
        lines.append(f"监督电话：{data.contacts.supervise_phone}")
    if not lines and data.station.phone:
        lines.append(f"咨询电话：{data.station.phone}")
    return lines


def _notes(data: ReceiptData) -> list[str]:
    notes = ["凭本回执或扫描二维码查询办理进度。"]
    if data.deficiency_accepted:
        due = data.deficiency_due
        by = f"{due.year}年{due.month:02d}月{due.day:02d}日前" if due else "承诺期限内"
        notes.append(f"本件为容缺受理，请于{by}补齐标注“容缺”的材料。")
    if data.forwarded_to:
        notes.append(f"本件由本服务点受理后转{data.forwarded_to}级经办机构审核办理。")
    if data.sms_to:
        notes.append(f"办理进展将以短信通知至 {data.sms_to}。")
    return notes


#: 证件类型 the receipt does not name: the number of a 居民身份证 is what a receipt is read as
_RESIDENT_TYPES = frozenset({"", "居民身份证", "身份证"})


def _id_text(data: ReceiptData) -> str:
    """The masked number, and the document when it is not a 居民身份证 (外国人永久居留证…)."""
    masked = mask_id(data.applicant.id_number)
    id_type = data.applicant.id_type.strip()
    return masked if id_type in _RESIDENT_TYPES else f"{masked}（{id_type}）"


def _a4_story(data: ReceiptData) -> list[Flowable]:
    width = content_width(A4)
    accepted = _accepted(data, "%Y年%m月%d日 %H:%M")
    head = Table(
        [[para(f"回执编号（办件编号）：{data.case_no}", 11), qr(data.case_no, 26)]],
        colWidths=[width - 30 * mm, 30 * mm],
    )
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    w = width / 4
    rows = [
        [L("办理事项"), V(f"{data.item_name}（{data.item_code}）", 3)],
        [L("申请人"), V(data.applicant.name), L("证件号码"), V(_id_text(data))],
        [L("受理时间"), V(accepted), L("办结时间" if data.finished_at else "承诺办结"), V(_promise(data))],
        [L("受理机构"), V(data.station.name), L("经办人员"), V(data.clerk_name)],
    ]
    materials = [[L("序号"), L("材料名称", 2), L("状态")]]
    for n, m in enumerate(data.materials, 1):
        status = STATUS_TEXT.get(m.status, m.status)
        materials.append([V(str(n), align=TA_CENTER), V(m.name + (f"（{m.note}）" if m.note else ""), 2), V(status)])
    story: list[Flowable] = [
        title(DOC_TITLE, 18),
        gap(4),
        head,
        gap(3),
        grid(rows, [w * 0.7, w * 1.4, w * 0.7, w * 1.2]),
    ]
    story += [gap(4), para("收取材料清单", 11), gap(1), grid(materials, [w * 0.5, w * 1.7, w * 1.1, w * 0.7])]
    story += [gap(4)] + [para(line) for line in _notes(data) + _phones(data)]
    story += [gap(8), para(f"{data.station.name}（盖章）        经办人：{data.clerk_name}", 11)]
    story += [gap(6), applicant_signature(11)]
    return story


def receipt_lines(data: ReceiptData) -> list[str]:
    """The roll receipt's text, line by line, as on the 80 mm PDF (``_roll_story``) and as the ESC/POS
    receipt prints it (printing/escpos.py)."""
    lines = [
        f"办件编号：{data.case_no}",
        f"办理事项：{data.item_name}",
        f"申请人：{data.applicant.name}",
        f"证件号码：{_id_text(data)}",
        f"受理时间：{_accepted(data, '%Y-%m-%d %H:%M')}",
        f"{'办结时间' if data.finished_at else '承诺办结'}：{_promise(data)}",
        f"经办人员：{data.clerk_name}",
        "收取材料：",
    ]
    for n, m in enumerate(data.materials, 1):
        note = f"，{m.note}" if m.note else ""
        lines.append(f"{n}. {m.name}【{STATUS_TEXT.get(m.status, m.status)}{note}】")
    return lines


def _roll_story(data: ReceiptData) -> list[Flowable]:
    size = 8.5
    story: list[Flowable] = [title(DOC_TITLE, 13), gap(1.5), para(data.station.name, size, TA_CENTER), gap(2)]
    story += [para(line, size) for line in receipt_lines(data)]
    code = qr(data.case_no, 30)
    code.hAlign = "CENTER"
    story += [gap(2), code, gap(1)]
    story += [para(line, size - 0.5) for line in _notes(data) + _phones(data)]
    story += [gap(5), para(f"申请人（签字）：{SIGN_BLANK}", size), gap(3), para(f"日期：{date_cn(None)}", size)]
    return story


def render_receipt(data: ReceiptData, options: RenderOptions = A4) -> bytes:
    if options.paper == "80mm":
        return build_receipt_roll(lambda: _roll_story(data), doc_title=DOC_TITLE, options=options)
    return build(_a4_story(data), doc_title=DOC_TITLE, options=options, footer="医保通办 · 受理回执")
