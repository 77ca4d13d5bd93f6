"""Chinese text for the core's error codes (models/)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Identifiers
    "id.first_generation": "这是15位的一代身份证号码，请使用18位公民身份号码。",
    "id.bad_length": "公民身份号码应为18位，当前为{length}位。",
    "id.bad_characters": "公民身份号码前17位应为数字，最后一位为数字或X。",
    "name.bad_character": "姓名或名称中含有不可见的控制字符（{codepoint}），请删除后重新输入。",
    "name.no_glyph": (
        "姓名或名称中的字符 {codepoint} 本系统的字库无法显示和打印（会印成空白方框），不能录入。"
        "请核对是否输入有误；确为生僻字的，请联系管理员更新字库后再办理。"
    ),
    "name.unreadable": ("姓名中有读卡器无法显示的字（□），请对照证件在姓名栏手工输入该字（用输入法），再确认身份。"),
    "id.bad_birth_date": "证件号码中的出生日期（{value}）不是有效日期。",
    "id.bad_region": "公民身份号码前6位（{value}）不是有效的行政区划代码。",
    "id.bad_check_digit": "公民身份号码校验位不正确，请核对后重新输入。",
    "permit.bad_length": "外国人永久居留身份证号码应为{expected}位，当前为{length}位。",
    "permit.bad_characters_2017": "外国人永久居留身份证号码（2017版）应为3位字母（国籍代码）加12位数字。",
    "permit.bad_characters_2023": "外国人永久居留身份证号码（2023版）应以9开头，前17位为数字，最后一位为数字或X。",
    "permit.bad_province": "外国人永久居留身份证号码中的受理地代码（{value}）不是有效的省级行政区划代码。",
    "permit.birth_date_mismatch": "证件号码中的出生日期与证件上的出生日期不一致，请核对证件。",
    "permit.bad_check_digit": "外国人永久居留身份证号码校验位不正确，请核对后重新输入。",
    "permit.not_foreign_number": (
        "证件类型为外国人永久居留证，但这不是外国人永久居留身份证号码"
        "（2017版为3位字母加12位数字，2023版为以9开头的18位）。"
    ),
    "permit.not_hmt_number": (
        "证件类型为港澳台居民居住证，但号码前6位（{value}）不是810000（香港）、820000（澳门）或830000（台湾）。"
    ),
    "uscc.bad_length": "统一社会信用代码应为18位，当前为{length}位。",
    "uscc.invalid": "统一社会信用代码不正确，请核对后重新输入。",
    "phone.bad_mobile": "手机号码应为11位，以1开头。",
    "phone.bad_number": "联系电话不正确：请输入11位手机号码或带区号的固定电话（如0854-8222222）。",
    "bank.bad_length": "银行账号应为12至19位数字。",
    "bank.bad_check_digit": "银行卡号校验不通过，请核对后重新输入。",
    "region.bad_shape": "行政区划代码应为6位（县）、9位（乡镇）或12位（村）数字。",
    "region.unknown": "行政区划代码{value}不存在。",
    "region.bad_table": "行政区划代码表无法使用（只读到{rows}行，缺少省级代码），未导入。",
    "date.invalid": "日期“{value}”无效，请按 年-月-日 输入，如 2026-11-23。",
    "money.invalid": "金额“{value}”无效：应为不小于0的数字，最多两位小数。",
    # The day's paperwork (models/ledger.py)
    "ledger.bad_range": "结束日期（{end}）早于开始日期（{start}），请重新选择。",
    "ledger.range_too_long": "台账一次最多统计{days}天，请缩短日期范围。",
    # Cases
    "case.bad_number": "办件编号格式不正确（应如 522701-007-20261123-0001）。",
    "case.not_found": "未找到办件 {case_no}。",
    "case.closed": "该办件已{state}，不能再修改。",
    "case.daily_serial_exhausted": "{day} 的办件编号已用完。",
    "case.illegal_transition": "当前状态为“{state}”的办件不能执行“{action}”。",
    "case.reason_required": "“{action}”需要填写原因。",
    "case.level_cannot_accept": "本服务点（{level}级）无权受理“{item}”。",
    "case.level_cannot_approve": "本服务点（{level}级）无权审核“{item}”，请转报上级。",
    "case.materials_missing": "还缺少{count}项材料：{names}。请出具一次性告知书，或在允许时选择容缺受理。",
    "case.materials_still_missing": "容缺材料尚未补齐。",
    "case.nothing_missing": "材料已齐全，无需退回补正。",
    "case.unknown_material": "该事项没有材料“{key}”。",
    # Station and clerks
    "station.already_initialised": "本机已经初始化过服务点，不能重复初始化。",
    "station.not_initialised": "本机尚未设置服务点，请联系县级医保经办机构或系统管理员完成安装设置。",
    "station.bad_number": "服务点编号应为3位数字（由县医保经办机构分配）。",
    "station.name_required": "请填写服务点名称。",
    "station.code_level_mismatch": "{level}级服务点的行政区划代码长度不应为{length}位。",
    "clerk.login_taken": "登录名“{login}”已被使用。",
    # Database and files
    "db.corrupt": "数据库文件已损坏，无法打开。请勿删除该文件，请联系县医保经办机构用备份恢复。",
    "db.newer_schema": "数据库由更新版本的医保通办创建（版本 {revision}），请升级本程序后再打开。数据未做任何改动。",
    "db.unknown_schema": "数据目录中的数据库不是医保通办的数据库，已停止以免损坏数据。",
    "db.locked": "数据库正被其他程序占用，请稍后重试。",
    # why a longer task stopped part-way ("cause" of another message)
    "cause.db.disk_full": "磁盘空间已满",
    "cause.disk.full": "磁盘剩余空间不足",
    "cause.db.read_only": "数据目录变为只读",
    "cause.db.locked": "数据库正被其他程序占用",
    "db.disk_full": "磁盘空间已满，本次操作未保存，已保存的数据没有丢失。请清理磁盘后重试。",
    "db.read_only": "数据目录为只读，当前只能查看，不能保存。",
    "db.read_only_needs_upgrade": "数据目录为只读，且数据库需要升级后才能打开。请把数据目录放到可写的磁盘上再打开。",
    "media.write_failed": "材料文件保存失败（{reason}），已保存的数据没有丢失。",
    "media.corrupt": "材料文件 {sha256} 内容已损坏。",
    "disk.full": "磁盘剩余空间不足（仅剩 {free_mb} MB），本次内容未保存，已保存的数据没有丢失。请清理磁盘后重试。",
    "disk.low": "磁盘剩余空间仅 {free_mb} MB，请尽快清理磁盘或更换备份U盘。",
    "backup.damaged": "备份文件已损坏（{entry} 校验不通过），不能用于恢复。",
    "backup.bad_entry": "备份文件含有不属于备份格式的条目（{entry}），已拒绝，未恢复任何内容。",
    "backup.credentials_do_not_open": (
        "所输入的密码或恢复密钥打不开这份备份（备份有自己的密钥文件）：请用制作备份时有效的管理员密码，"
        "或这份备份对应的恢复密钥。"
    ),
    "backup.needs_recovery_key": "数据库已损坏，无法核对登录人员的角色：请用恢复密钥从备份恢复。",
    "backup.unreadable": "无法读取备份文件 {name}：不是医保通办的备份，或文件不完整。",
}
