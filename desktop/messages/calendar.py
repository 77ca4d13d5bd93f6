"""Chinese text for the holiday schedule's (models/holiday_notice.py) and the 短信 consent's
(models/sms_consent.py) error codes."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "calendar.file_too_large": "节假日安排文件超过 {kb} KB，不是正常的安排文件。",
    "calendar.not_utf8": "节假日安排文件不是 UTF-8 编码的文本。",
    "calendar.unreadable": "无法读取节假日安排文件 {file}。",
    "calendar.bad_line": "第 {line} 行格式不正确：应为“日期,休”或“日期,班”（如 2027-02-14,班）。",
    "calendar.bad_date": "第 {line} 行的日期不正确（应为 YYYY-MM-DD）。",
    "calendar.wrong_year": "第 {line} 行的日期 {day} 不在 {year} 年内。",
    "calendar.duplicate_day": "第 {line} 行的日期 {day} 与第 {first} 行重复。",
    "calendar.conflict": "第 {line} 行的日期 {day} 与第 {first} 行矛盾（同一天既休又班）。",
    "calendar.makeup_not_weekend": "第 {line} 行：{day} 是工作日，调休上班日只能是周六或周日。",
    "calendar.no_days_off": "文件中没有放假日（“休”），不是节假日安排。",
    "calendar.year_in_library": "{year} 年的节假日已由程序内置节假日库提供（至 {last} 年），无需导入。",
    "calendar.year_held": "本机已有 {year} 年的节假日安排（{count} 条）且与文件不同；确认替换请加 --replace。",
    "calendar.bad_year": "年份 {year} 不正确。",
    "notify.bad_phone": "接收短信的手机号码不正确（应为 11 位手机号）。",
}
