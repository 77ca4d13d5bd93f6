"""Printing benchmark: PDF time per document kind, and a 500-document batch.

Uses the sample data of tests/test_print_documents.py-like fixtures built here (no database).
``run()`` returns a markdown section for docs/benchmarks.md; ``python -m bench.print_bench``
prints it.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from dataclasses import replace
from decimal import Decimal as D
from typing import Any

from printing import KINDS, render
from printing.data import (
    Applicant,
    AssistanceApplicationData,
    AssistanceSlipData,
    CertificateData,
    ChronicData,
    Contacts,
    ContributionProofData,
    ContributionRow,
    FilingData,
    MaterialLine,
    MissingNoticeData,
    Office,
    ReceiptData,
    ReconciliationData,
    ReconciliationRow,
    RefusalData,
    RegistrationData,
    TransferData,
)
from printing.fonts import register_fonts
from printing.layout import RenderOptions

WHO = Applicant("王演示", "522701195803121014", gender="男", birth_date=dt.date(1958, 3, 12))
ST = Office("演示镇医保服务站", code="522701001", phone="0854-1234567")
DAY = dt.date(2026, 11, 23)
NO = "522701-001-20261123-0001"


def samples() -> dict[str, Any]:
    slip = AssistanceSlipData(
        NO,
        WHO,
        "都匀市",
        "演示镇",
        "低保",
        "住院救助",
        D(30000),
        D(25000),
        D(15000),
        D(2000),
        D(8000),
        D(1000),
        D("0.7"),
        D("4900"),
        False,
        0,
        D(0),
        "示例",
        True,
        DAY,
        ST,
        "演示受理员",
    )
    app = AssistanceApplicationData(NO, WHO, "都匀市", "演示镇", slip=slip, filled_on=DAY)
    return {
        "receipt": ReceiptData(
            NO,
            "002036001003",
            "城乡居民参保登记",
            WHO,
            (MaterialLine("有效身份证件"),),
            dt.datetime(2026, 11, 23, 9, 0),
            DAY,
            "即时办结",
            ST,
            "演示受理员",
            Contacts("0854-8198115", "0854-8191131"),  # 002#24
        ),
        "missing-notice": MissingNoticeData(
            NO, "门诊慢特病", WHO, (MaterialLine("病历资料", "missing"),), DAY, ST, "演示受理员"
        ),
        "refusal": RefusalData(
            NO, "城乡居民参保登记", WHO, ("已参加职工医保",), ("《社会保险法》",), DAY, ST, "演示受理员"
        ),
        "certificate": CertificateData("0001", DAY, WHO, account_balance=D("1234.56"), agency=ST),
        "contribution-proof": ContributionProofData(
            NO, DAY, WHO, "城乡居民", "都匀市", (ContributionRow("2025年", "城乡居民", None, D(380)),), ST
        ),
        "assistance-slip": slip,
        "assistance-application": app,
        "assistance-review": app,
        "filing": FilingData(NO, WHO, "城乡居民医保", "异地长期居住人员", agency=ST),
        "transfer": TransferData(NO, WHO, from_agency=ST, to_agency=ST),
        "chronic": ChronicData(WHO, "城乡居民医保", diseases=("高血压",)),
        "registration": RegistrationData(WHO, "贵州省都匀市"),
        "reconciliation": ReconciliationData(
            "B1",
            ST,
            dt.datetime(2026, 11, 23, 18),
            tuple(ReconciliationRow(NO, "城乡居民参保登记", 1, "已确认") for _ in range(40)),
        ),
    }


def measure(repeat: int = 5, batch: int = 500) -> dict[str, Any]:
    """Median ms per document kind (fonts already loaded), font load time, and a batch of receipts."""
    t0 = time.perf_counter()
    register_fonts()
    font_ms = (time.perf_counter() - t0) * 1000
    data = samples()
    per_kind: dict[str, float] = {}
    for kind in KINDS:
        render(kind, data[kind])  # warm-up
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            render(kind, data[kind])
            times.append((time.perf_counter() - t) * 1000)
        per_kind[kind] = statistics.median(times)
    receipt: ReceiptData = data["receipt"]
    t = time.perf_counter()
    size = 0
    for n in range(batch):
        pdf = render("receipt", replace(receipt, case_no=f"522701-001-20261123-{n % 10000:04d}"))
        size += len(pdf)
    batch_s = time.perf_counter() - t
    t = time.perf_counter()
    for n in range(min(batch, 100)):
        render("receipt", replace(receipt, case_no=f"522701-001-20261123-{n:04d}"), RenderOptions(paper="80mm"))
    roll_ms = (time.perf_counter() - t) * 1000 / min(batch, 100)
    raster_ms = _raster_ms(render("receipt", receipt), repeat)
    return {
        "font_load_ms": font_ms,
        "per_kind_ms": per_kind,
        "batch": batch,
        "batch_s": batch_s,
        "batch_mb": size / 1e6,
        "roll_ms": roll_ms,
        "raster_ms": raster_ms,
    }


def _raster_ms(pdf: bytes, repeat: int, dpi: int = 300) -> float:
    """Median ms to rasterise one A4 page at the printer's resolution (desktop/print_service.py
    paints pages as images, capped at 300 dpi): the other half of a batch's time per document."""
    import pypdfium2 as pdfium

    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        doc = pdfium.PdfDocument(pdf)
        try:
            doc[0].render(scale=dpi / 72).to_pil()
        finally:
            doc.close()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def run(repeat: int = 5, batch: int = 500) -> str:
    r = measure(repeat, batch)
    lines = [
        "## Printing (PDF generation)",
        "",
        f"First font load (CJK + Latin, once per process): {r['font_load_ms']:.0f} ms.",
        "",
        "| document | median ms |",
        "|---|---|",
        *(f"| {k} | {v:.1f} |" for k, v in r["per_kind_ms"].items()),
        "",
        f"{r['batch']} receipts (A4): {r['batch_s']:.1f} s ({r['batch_s'] * 1000 / r['batch']:.1f} ms each, "
        f"{r['batch_mb']:.1f} MB of PDF); 80 mm roll receipt: {r['roll_ms']:.1f} ms each.",
        "",
        f"Rasterising one A4 page at 300 dpi for the printer: {r['raster_ms']:.0f} ms; a {r['batch']}-document "
        f"batch print (render + rasterise) ≈ "
        f"{(r['batch_s'] + r['raster_ms'] * r['batch'] / 1000):.0f} s before the printer's own time.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
