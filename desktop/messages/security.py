"""Chinese text for security error codes: login, keys, clerks, permissions, audit."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Signing in
    "auth.bad_credentials": "登录名或密码不正确。",
    "auth.locked_out": "连续输错密码次数过多，该账号已锁定，请{minutes}分钟后再试，或请管理员解锁。",
    "auth.login_required": (
        "本服务点数据已加密，请先以经办人员身份登录（--login 登录名，--password-stdin 从标准输入读取密码）。"
    ),
    "auth.password_required": (
        "没有可输入密码的终端：请用 --password-stdin 从标准输入提供管理员密码。服务点不会在没有密码的情况下以明文建立。"
    ),
    "auth.clerk_disabled": "经办人员 {login} 已停用，不能登录。",
    "auth.unlock_other_clerk": "屏幕由 {login} 锁定，只能由本人或管理员解锁。",
    "auth.forbidden": "{role}无权执行“{operation}”。",
    "auth.weak_password": "密码至少需要{minimum}位。",
    # Keys
    "auth.bad_recovery_key": "恢复密钥不正确。",
    "auth.keyring_damaged": "密钥文件 keyring.json 已损坏或与数据库不匹配，请从备份恢复，或联系县医保经办机构。",
    "auth.not_protected": "本服务点尚未设置密码和数据加密，请联系系统管理员完成加密设置。",
    "auth.already_protected": "本服务点已设置数据加密。",
    "auth.not_demo_station": "这是正式服务点的数据目录，不能加载演示数据。",
    "auth.rotation_busy": "更换数据密钥前，请先关闭本机所有正在使用本服务点数据的柜台程序和命令。",
    "auth.keyring_busy": "另一个程序正在更换数据密钥或修改登录信息，请稍后再试。",
    "audit.bad_anchor": "{name} 不是审计日志链头文件（audit verify --json 的输出）或医保通办的备份。",
    "media.locked": "材料文件已加密，请先登录。",
    # Clerks
    "clerk.bad_login": "登录名只能使用英文字母、数字、下划线和点，最多32位。",
    "clerk.not_found": "未找到经办人员 {login}。",
    "clerk.cannot_disable_self": "不能停用当前登录的账号。",
    "clerk.no_role": "请至少选择一个角色。",
    "clerk.last_admin": "这是最后一名在用的管理员，不能停用或改为其他角色。",
    "clerk.password_mismatch": "两次输入的新密码不一致。",
}
