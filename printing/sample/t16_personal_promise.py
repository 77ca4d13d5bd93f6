"""表16 个人承诺书 (003#9865-9883): the 承诺书 the catalog accepts in place of a material the
applicant cannot provide (e.g. 520000017062 遗失《医疗证》, 002036006001/2 意外伤害, 002036002003
死亡信息). Printed from the case for the applicant to sign; 签名、指印 stay for the hand."""

from __future__ import annotations

from printing.layout import A4, RenderOptions
from printing.sample.base import BLANK, FormData, SampleForm, render_promise_letter

FORM = SampleForm("personal-promise", "表16", "个人承诺书", "003#9865")


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    missing = data.missing_material or data.v("missing_material") or BLANK
    body = (
        f"本人{data.name or BLANK}(证件号码：{data.id_number or BLANK})，办理{data.item_name or BLANK}业务，"
        f"无法提供{missing}，本人保证符合此业务办理条件，所述信息真实、准确、完整、有效，"
        "由此产生的一切法律责任均由本人承担。"
    )
    return render_promise_letter(FORM, data, body, options)
