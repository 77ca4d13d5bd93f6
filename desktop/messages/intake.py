"""Chinese text for the counter's intake codes (models/intake, desktop/intake)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "intake.required": "请填写“{label}”。",
    "intake.bad_integer": "“{label}”应为整数。",
    "intake.bad_number": "“{label}”应为数字。",
    "intake.bad_option": "“{label}”请从以下选项中选择：{options}。",
    "intake.bad_boolean": "“{label}”请选择“是”或“否”。",
    "intake.bad_postal_code": "邮政编码应为6位数字。",
    "intake.bad_unit_code": "单位编码只能包含字母和数字，最长30位。",
    "intake.name_required": "请填写申请人姓名。",
    "intake.not_a_draft": "办件 {case_no} 已{state}，不能再按草稿修改。",
    "intake.empty_file": "所选文件是空的，未保存。",
    "intake.not_a_page": "所选文件不是 JPG、PNG 照片或 PDF，无法作为材料页面显示，未保存。请重新拍照或选择扫描件。",
    "intake.file_too_large": "文件超过{mb}MB，请压缩或分页扫描后再上传。",
    "intake.form_invalid": "受理信息有{count}处需要更正，请先更正“{first}”。",
    "rating.reason_required": "请选择不满意的原因，或写下您的意见。",
    "rating.already_rated": "办件 {case_no} 已评价为“{rating}”，每次服务只评价一次。",
    "rating.followup_required": "请填写整改情况。",
    "rating.not_bad": "办件 {case_no} 没有差评，无需整改。",
    "rating.already_followed_up": "办件 {case_no} 的差评已登记整改。",
    "intake.bad_rating": "请选择评价：非常满意、满意、基本满意、不满意或非常不满意。",
    "intake.no_identity": "请先核验申请人身份：插入社保卡、扫描医保电子凭证或输入公民身份号码。",
    "intake.evoucher_pending": "已读取医保电子凭证（{token}），需联网核验；请同时输入公民身份号码和姓名。",
    "intake.no_item": "请先选择服务事项。",
    "intake.item_not_allowed": "本服务点（{level}级）不能受理“{item}”。",
    "intake.card_no_personal_data": "该社保卡的个人信息需通过授权读卡接口读取，请输入公民身份号码。",
}
