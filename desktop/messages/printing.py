"""Texts for printing's error codes (printing/, models/print_log.py, models/assistance.py)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "print.font_missing": (
        "找不到可嵌入的中文字体，无法生成文书。请重新安装程序，"
        "或设置环境变量 {env} 指向 TrueType 中文字体（如 simsun.ttc）。已查找：{tried}"
    ),
    "print.not_blank": "{kind} 不是申请表，没有空白表（tongban print --list 中标有“可打空白表”的才有）。",
    "print.escpos_no_port": "回执打印方式为 ESC/POS 直连，但没有设置打印机端口（receipt_printer_port）。",
    "print.escpos_failed": "无法连接回执打印机（{port}），请检查打印机电源、连线和端口设置。",
    "print.no_overlay": "{kind} 没有套打模式（可套打的文书：{kinds}）。",
    "print.calibration_bad_values": (
        "校准数值应为四个毫米数，用逗号分开：标记1左,标记1上,标记2左,标记2上（现为 {values}）。"
    ),
    "print.calibration_implausible": (
        "量得的位置（{values}）与校准页相差太大，可能量错或输错了。请确认以实际大小打印、"
        "从纸张左边和上边量到十字中心，再输入一次。"
    ),
    "print.escpos_receipt_only": "ESC/POS 直连只用于受理回执，{kind} 请用 A4 打印机。",
    "print.no_kind": "请指定文书种类（tongban print --list 列出全部种类）。",
    "print.unknown_kind": "没有这种文书：{kind}（tongban print --list 列出全部种类）。",
    "print.no_out": "请用 --out 指定输出的 PDF 文件。",
    "print.no_case": "请指定办件编号。",
    "print.no_rows": "同步对账单需要 --rows 指定的行数据（JSON 数组）。",
    "print.bad_rows": "对账行数据无法读取：{path}",
    "print.bad_set": "字段格式应为 KEY=VALUE：{value}",
    "print.unknown_clerk": "没有登录名为 {login} 的经办人员。",
    "print.clerk_not_signed_in": "打印记录只能记在已登录的经办人员 {signed_in} 名下，不能记为 {login}。",
    "print.paper_receipt_only": "80mm 热敏纸只用于受理回执，{kind} 请用 A4 纸。",
    "print.not_accepted": "办件 {case_no} 尚未受理，不能出具受理回执。",
    "print.certificate_not_accepted": "办件 {case_no} 状态为{state}，未受理的办件不能出具参保凭证。",
    "print.certificate_gaps": "参保凭证以下内容暂无数据，将留空：{labels}。请核对同步的参保数据或补录后再打印。",
    "print.nothing_missing": "办件 {case_no} 没有缺少的材料，无需出具一次性告知书。",
    "print.no_refusal_reason": "办件 {case_no} 没有记录不予受理的理由，不能出具不予受理通知书。",
    "print.no_applicant": "办件 {case_no} 没有申请人信息。",
    "print.no_assistance_category": "办件 {case_no} 没有救助对象类别（人员属性），无法核定救助金额。",
    "print.bad_copies": "打印份数应至少为 1（现为 {copies}）。",
    "print.reprint_reason_required": "该文书已打印过，补打须填写原因。",
    "print.no_printer": "没有可用的打印机，请在“打印 → 打印机设置”中指定 A4 打印机和回执打印机。",
    "print.not_finished": "办件 {case_no} 尚未在本服务点办结，不能出具办结通知书。",
    "print.nothing_to_print": "办件 {case_no} 当前没有需要打印的文书（草稿请先提交受理）。",
    "print.printer_failed": (
        "打印失败：打印机未能开始打印。请检查打印机是否连接、开机、有纸，"
        "或在“打印 → 打印机设置”中选择打印机后重试（F12）。"
    ),
    "print.batch_bad_range": "日期范围有误：结束日期 {last} 早于开始日期 {first}。",
    "print.batch_range_too_long": "批量打印一次最多选择 {days} 天。",
    "print.batch_unknown_kind": "{kind} 不能批量打印。",
    "assistance.no_policy": "没有县级行政区划代码 {county} 的医疗救助政策参数文件。",
    "assistance.alias_is_category": "救助参数表中“{category}”的别名“{alias}”是另一救助类别，类别不能互相替代。",
    "assistance.policy_unversioned": "{county} 的医疗救助参数表缺少版本号或政策文件依据，不能作正式参数。",
    "assistance.policy_bad_signature": "{county} 的医疗救助参数表（版本 {version}）签名无效或缺失，已拒绝。",
    "assistance.policy_not_newer": "{county} 的医疗救助参数表版本 {version} 不高于本机已有版本，已拒绝。",
    "assistance.bad_policy": "医疗救助政策参数文件格式有误：{detail}",
    "assistance.unknown_category": "县 {county} 的医疗救助政策没有“{category}”这一救助类别。",
    "assistance.bad_amount": "金额 {field} 应为不小于 0 的数字。",
    "assistance.bad_ratio": "救助类别 {category} 的救助比例不能大于 100%。",
    "assistance.compliant_over_total": "合规医疗费用不能大于医疗总费用。",
    "assistance.reimbursed_over_compliant": "医保报销、大病保险报销与其他渠道报销之和不能大于合规医疗费用。",
}
