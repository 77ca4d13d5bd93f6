"""Printed documents: one pure ``render_x(data, options) -> bytes`` per document (reportlab, no Qt).

``KINDS`` names every document kind once (the CLI's ``tongban print --list``, the print log's
``document`` column); ``render(kind, data, options)`` dispatches. A kind names the seed's sample
form it follows (``seed_table``: "003 表3", "001 附件1"; empty for documents the seeds have no
sample of), whether it prints blank (``blank``: ``tongban print KIND --blank``, 打印 → 空白表)
and whether it has a 套打 mode (``overlay``: values only, onto a pre-printed sheet,
printing/calibration.py).
Sending a PDF to a printer is desktop's (``desktop/print_service.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from printing.assistance import render_assistance_application, render_assistance_review, render_assistance_slip
from printing.blank import blank_data, data_type
from printing.calibration import render_calibration
from printing.certificates import render_contribution_proof, render_insurance_certificate
from printing.forms import render_chronic_form, render_filing_form, render_registration_form, render_transfer_form
from printing.layout import A4, RenderOptions, fields_only
from printing.notices import render_completion_notice, render_missing_notice, render_refusal_notice
from printing.receipt import render_receipt
from printing.reconciliation import render_reconciliation
from printing.sample import SAMPLE_FORMS


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    renderer: Callable[..., bytes]
    #: True when the document can be rendered from a case (the reconciliation list cannot).
    from_case: bool = True
    #: The seed sample form it prints, as the catalog's item ``forms`` number it (表9, 贵州年审表);
    #: the items it serves are ``models.print_batch.applicable_items(key, catalog)``.
    form: str = ""
    #: Seed file and line of the form's layout.
    source: str = ""
    #: The seed's sample form: "<seed file number> 表N" (003 表3) or "001 附件1"; "" when none.
    seed_table: str = ""
    #: Counters hand it out empty for applicants to fill at home (render_blank).
    blank: bool = False
    #: 套打: counties buy the form pre-printed; RenderOptions.overlay prints the values only.
    overlay: bool = False


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("receipt", "受理回执", render_receipt),
        Kind("missing-notice", "一次性告知书", render_missing_notice),
        Kind("refusal", "不予受理通知书", render_refusal_notice),
        Kind("completion", "办结通知书", render_completion_notice),
        Kind(
            "certificate",
            "基本医疗保险参保凭证（表8）",
            render_insurance_certificate,
            form="表8",
            source="003#9055",
            seed_table="003 表8",
        ),
        Kind("contribution-proof", "参保缴费证明", render_contribution_proof),
        Kind("assistance-slip", "医疗救助待遇核定单", render_assistance_slip),
        Kind(
            "assistance-application",
            "城乡医疗救助申请表",
            render_assistance_application,
            form="贵州救助申请表",
            source="001#1639",
            seed_table="001 附件1",
            blank=True,
        ),
        Kind(
            "assistance-review",
            "城乡医疗救助申请审核审批表",
            render_assistance_review,
            form="贵州救助审批表",
            source="001#1667",
            seed_table="001 附件2",
            blank=True,
        ),
        Kind(
            "filing",
            "异地就医登记备案表（表11）",
            render_filing_form,
            form="表11",
            source="003#9296",
            seed_table="003 表11",
            blank=True,
        ),
        Kind(
            "transfer",
            "基本医疗保险关系转移接续申请表（表9）",
            render_transfer_form,
            form="表9",
            source="003#9125",
            seed_table="003 表9",
            blank=True,
        ),
        Kind(
            "chronic",
            "门诊慢特病病种待遇认定申请表（表12）",
            render_chronic_form,
            form="表12",
            source="003#9368",
            seed_table="003 表12",
            blank=True,
        ),
        Kind(
            "registration",
            "城乡居民基本医疗保险参保登记表（表3）",
            render_registration_form,
            form="表3",
            source="003#8659",
            seed_table="003 表3",
            blank=True,
            overlay=True,
        ),
        Kind("reconciliation", "同步对账单", render_reconciliation, from_case=False),
        Kind("calibration", "套打校准页", render_calibration, from_case=False),
        *(
            Kind(
                key,
                f"{form.title}（{form.number}）",
                renderer,
                form=form.number,
                source=form.source,
                seed_table=f"{form.source.split('#')[0]} {form.number}",
            )
            for key, (form, renderer) in SAMPLE_FORMS.items()
        ),
    )
}


def render(kind: str, data: Any, options: RenderOptions = A4) -> bytes:
    entry = KINDS[kind]
    if options.overlay is None or kind == "calibration":
        return entry.renderer(data, options)
    if not entry.overlay:
        raise ValueError(f"{kind} has no 套打 (fields-only) mode")
    with fields_only():
        return entry.renderer(data, options)


def render_blank(kind: str, options: RenderOptions = A4) -> bytes:
    """The form of ``kind`` with nothing filled in (only kinds registered with ``blank=True``)."""
    entry = KINDS[kind]
    if not entry.blank:
        raise ValueError(f"{kind} is not a blank form")
    return entry.renderer(blank_data(data_type(entry.renderer)), options)


def blank_kinds() -> list[Kind]:
    return [k for k in KINDS.values() if k.blank]


__all__ = ["KINDS", "Kind", "RenderOptions", "blank_kinds", "render", "render_blank"]
