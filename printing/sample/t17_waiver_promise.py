"""表17 主动放弃承诺书 (003#9884-9897), for 002036002003 (主动放弃参加职工基本医疗保险的情况说明)."""

from __future__ import annotations

from printing.layout import A4, RenderOptions
from printing.sample.base import BLANK, FormData, SampleForm, render_promise_letter

FORM = SampleForm("waiver-promise", "表17", "主动放弃承诺书", "003#9884")


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    v = data.v
    # 002036002003's material: "主动放弃参加职工基本医疗保险的，需提供主动放弃基本医疗保险关系的情况说明".
    default_rights = "基本医疗保险关系" if v("withdrawal_reason") == "主动放弃" else ""
    body = (
        f"本人{data.name or BLANK}(证件号码：{data.id_number or BLANK})，"
        f"因{v('waiver_reason') or BLANK * 2}等原因，"
        f"承诺主动放弃{v('waived_rights') or default_rights or BLANK * 2}等权利，所述信息真实、准确、完整、有效，"
        "由此产生的一切后果均由本人承担。"
    )
    return render_promise_letter(FORM, data, body, options)
