"""Chinese text for the 社保卡 reader's error codes (devices/card, desktop/card_bridge.py)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "card.no_reader": "未检测到读卡器。请检查读卡器的 USB 连线，或在设置中选择读卡方式。",
    "card.reader_not_found": "找不到读卡器“{reader}”。请检查连线，或改选其他读卡器。",
    "card.reader_busy": "读卡器正被其他程序占用，请关闭其他读卡软件后重试。",
    "card.reader_error": "读卡器通讯异常，请重新插拔读卡器后重试。",
    "card.no_card": "读卡器中没有卡。请将社保卡芯片朝上插入读卡器。",
    "card.removed": "读卡过程中卡被拔出，请重新插入社保卡，读完前不要拔卡。",
    "card.unresponsive": "卡片无应答。请确认插入的是社保卡、芯片朝上且插到底。",
    "card.unsupported": "这不是社会保障卡，或卡片插反了。请确认卡片后芯片朝上重新插入。",
    "card.auth_required": "该卡（第三代社保卡）的个人信息需通过人社部授权的读卡接口（含 PSAM 卡）读取。",
    "card.auth_failed": "卡片认证失败，请确认读卡器中的 PSAM 卡与本地区匹配。",
    "card.psam_missing": "读卡器中未检测到 PSAM 卡，无法读取个人信息。请联系设备管理员。",
    "card.psam_error": "PSAM 卡不支持该卡片或权限不足，请联系设备管理员。",
    "card.pin_wrong": "密码错误，还可尝试 {tries} 次。",
    "card.pin_locked": "社保卡密码已锁定，请持卡到社保经办机构解锁。",
    "card.pin_cancelled": "密码输入已取消或超时。",
    "card.expired": "社保卡已过有效期（{expiry}），请提醒参保人到发卡机构换卡。",
    "card.invalid_data": "卡内数据格式异常，无法识别。请改用身份证号或电子凭证办理。",
    "card.read_error": "读卡失败（状态码 {sw}），请重新插卡后重试。",
    "card.timeout": "读卡超时（{seconds} 秒无响应），请重新插卡或重新插拔读卡器。",
    "card.pcsc_unavailable": "智能卡服务未运行（Windows 的 Smart Card 服务或 Linux 的 pcscd），请启动后重试。",
    "card.driver_unavailable": "读卡组件未安装，无法使用读卡器。",
    "card.library_not_found": "找不到读卡器厂商的读卡库（{path}），请在站点设置中检查路径。",
    "card.library_error": "读卡器厂商的读卡库调用失败（返回码 {rc}），请联系设备厂商。",
    "card.ssn_invalid": "卡内社会保障号码校验未通过，请核对证件。",
}
