"""Chinese text for batch intake codes (models/batch_import, desktop/batch_import.py)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "batch.file_not_found": "找不到文件“{file}”。",
    "batch.file_too_large": "文件超过{mb}MB，请分成几个文件导入。",
    "batch.partly_saved": (
        "已建立 {saved} 件办件（共 {total} 件）后停止：{cause}。这 {saved} 件已保存，没有丢失；"
        "问题解决后再次导入同一文件，已建立的行会跳过，只建立其余 {remaining} 件。"
    ),
    "batch.inflated_too_large": (
        "Excel 文件解压后超过{mb}MB（可能含超长内容），已拒绝读取。请另存为新文件或分成几个文件导入。"
    ),
    "batch.empty_file": "文件是空的，没有可导入的内容。",
    "batch.xls_unsupported": (
        "不支持旧版 Excel 97-2003（.xls）文件：请在 Excel 中“另存为”Excel 工作簿（.xlsx）或 CSV 后再导入。"
    ),
    "batch.bad_encoding": "无法识别文件的文字编码：请保存为 UTF-8 或 GBK 编码的 CSV，或 Excel 工作簿（.xlsx）。",
    "batch.unreadable": "文件无法按{kind}格式读取（文件已损坏或不是{kind}文件）。",
    "batch.too_many_rows": "文件超过{limit}行，请分成几个文件导入。",
    "batch.item_not_personal": "“{item}”不是个人办理的事项，不能批量导入（每行须有姓名和公民身份号码）。",
    "batch.no_header": "没有找到列名行：第一个工作表的前10行中应有模板的列名（必填列：{columns}）。请先下载模板。",
    "batch.missing_columns": "文件缺少必填列：{columns}。请按模板填写。",
    "batch.duplicate_column": "列“{column}”在文件中出现了两次，请删除重复的列。",
    "batch.no_rows": "文件中没有数据行（列名行下面是空的）。",
    "batch.template_suffix": "模板只能保存为 .xlsx 或 .csv 文件。",
    "batch.number_rounded": (
        "该单元格是数字格式，Excel 只保留15位有效数字，号码已被改变：请将该列设为文本格式后重新填写。"
    ),
    "batch.cell_too_long": "内容过长（超过{limit}个字符）。",
    "batch.bad_characters": "含有无法识别的控制字符，请重新输入该单元格。",
    "batch.id_type_unsupported": (
        "证件类型为“{id_type}”：批量导入仅支持居民身份证、港澳台居民居住证和外国人永久居留证，"
        "其他证件请到柜台逐件受理。"
    ),
    "batch.birth_date_mismatch": "出生日期与证件号码中的出生日期不一致。",
    "batch.birth_date_ambiguous": (
        "2017版外国人永久居留身份证号码中的出生日期可读作{first}或{second}，"
        "请填写证件上的出生日期（名单无出生日期列时请到柜台读卡受理）。"
    ),
    "batch.gender_mismatch": "性别与公民身份号码不一致。",
    "batch.duplicate_in_file": "与第{first_row}行是同一人（公民身份号码重复）。",
    "batch.name_mismatch": "姓名与本服务点已登记的该公民身份号码人员（{known}）不一致，请核对。",
    "batch.open_case": "该人员已有未办结的“{item}”办件 {case_no}，不能重复受理。",
}
