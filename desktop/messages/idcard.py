"""Chinese text for the ID card reader's codes (devices/idcard, desktop/idcard_bridge.py)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "idcard.port_not_found": "找不到身份证阅读器的串口（{port}）。请检查 USB 连线，或在 管理 → 设备 中重新选择端口。",
    "idcard.library_port_not_found": (
        "厂商读卡库打不开端口号 {port} 上的身份证阅读器（厂商读卡库的端口号：USB 口为 1001–1016，串口为 1–16）。"
        "请检查 USB 连线，或在 管理 → 设备 中改为阅读器实际所在的端口号。"
    ),
    "idcard.port_busy": (
        "串口 {port} 正被其他程序占用或没有使用权限。请关闭厂商读卡软件；统信UOS/麒麟上请把本账号加入 dialout 组。"
    ),
    "idcard.port_lost": "身份证阅读器（{port}）连接中断，可能被拔出。请重新插好后再读卡，已录入的内容不受影响。",
    "idcard.no_answer": "身份证阅读器没有应答。请确认端口和波特率设置正确、阅读器已通电。",
    "idcard.garbage": "身份证阅读器返回了无法识别的数据。请确认所选端口连接的是身份证阅读器，或重新插拔后重试。",
    "idcard.checksum": "与身份证阅读器通讯校验出错（已重试）。请检查连线后重新读卡。",
    "idcard.incomplete": "读卡数据不完整（传输中断）。请将身份证平放在读卡区，读完前不要移动，然后重试。",
    "idcard.no_card": "读卡区没有身份证。请将证件平放在阅读器感应区上。",
    "idcard.select_failed": "选卡失败。请将身份证平放在感应区，不要移动，然后重试。",
    "idcard.removed": "读卡过程中证件被移开，请重新放好身份证，读完前不要拿起。",
    "idcard.auth_failed": "证件认证未通过（状态 {sw}）。证件可能损坏或非有效证件，请查验证件原件。",
    "idcard.unknown_card": "阅读器上的不是可识别的身份证件。",
    "idcard.kind_unsupported": "已识别为{kind}，本系统暂不支持读取该证件，请对照证件手工录入证件号码和姓名。",
    "idcard.sam_fault": "身份证阅读器的安全模块（SAM）故障（状态 {sw}），请联系设备厂商。",
    "idcard.sam_unauthorised": "身份证阅读器的安全模块（SAM）未经授权，无法使用，请联系设备厂商。",
    "idcard.rejected": "身份证阅读器拒绝了命令（状态 {sw}）。请确认设备型号与读卡方式匹配。",
    "idcard.invalid_data": "证件数据格式异常，无法识别。请重新读卡，或手工录入。",
    "idcard.timeout": "读卡超时（{seconds} 秒无响应）。请重新插拔阅读器后重试。",
    "idcard.not_configured": "尚未设置身份证阅读器。请在 管理 → 设备 中选择端口或厂商读卡库。",
    "idcard.library_not_found": "找不到身份证阅读器的厂商读卡库（{path}），请在 管理 → 设备 中检查路径。",
    "idcard.library_error": "身份证阅读器的厂商读卡库调用失败（{rc}），请联系设备厂商。",
    "idcard.serial_unavailable": "串口组件未安装，无法使用串口设备。",
    "idcard.expired": "证件已过有效期（{expiry}），请按规定请申请人出示有效证件。",
    "idcard.number_invalid": "证件号码校验未通过，请核对证件原件。",
    "idcard.rare_character": "姓名中有读卡器无法显示的生僻字（显示为□），请对照证件手工输入完整姓名。",
    "idcard.photo_unavailable": "照片不可用（未配置经授权的照片解码库），请核对证件原件上的照片。",
    "idcard.photo_decoder_failed": "照片解码失败，照片不可用，请核对证件原件上的照片。",
}
