"""Chinese text for 管理 → 设备 and ``tongban devices`` (desktop/device_check.py)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "devices.card_ok": "社保卡读卡器正常：{readers}",
    "devices.card_none": "未检测到社保卡读卡器。请检查 USB 连线和读卡器驱动（PC/SC 服务），或选择厂商读卡库。",
    "devices.card_off": "本机不使用社保卡读卡器。",
    "devices.idcard_ok": "身份证阅读器应答正常（安全模块 SAM 正常）：{reader}",
    "devices.idcard_virtual": "虚拟身份证阅读器（演示用，数据为虚构）应答正常。",
    "devices.camera_ok": "摄像头正常：{source}，实际分辨率 {width}×{height}",
    "devices.camera_resolution": "摄像头不支持所选分辨率 {wanted}，实际为 {width}×{height}。请改选摄像头支持的分辨率。",
    "devices.camera_no_frame": (
        "摄像头（{source}）已打开，但取不到画面。请检查镜头盖、USB 连线，或关闭占用摄像头的程序。"
    ),
    "devices.bad_resolution": "分辨率“{value}”格式不对，请写成 宽x高，例如 2592x1944。",
    "devices.evaluator_screen": "评价方式为客户屏评价，不需要评价器设备。",
    "devices.evaluator_ok": "评价器正常：{where}",
    "devices.printer_ok": "已向 {printer} 发送测试页，请查看是否打印出来。",
    "devices.printer_pdf_ok": "测试页已保存为 {path}。",
    "devices.printer_missing": "找不到打印机“{printer}”。请确认打印机已安装并开机，或重新选择。",
    "devices.printer_no_default": "本机没有默认打印机。请安装打印机，或在 管理 → 设备 中选择一台。",
    "devices.printer_failed": "打印机“{printer}”无法打印测试页。请检查打印机是否开机、有纸、未卡纸。",
    "devices.printer_folder": "不能写入文件夹 {path}。请检查文件夹是否存在、是否有写入权限。",
    "devices.receipt_none": "未设置回执打印机：受理回执用 A4 打印机打印。",
    "devices.escpos_ok": "已在回执打印机（{port}）打印测试条，打印机应答正常。",
    "devices.escpos_sent": "测试条已写入 {port}，请查看是否打印出来。",
    "receipt.port_missing": (
        "找不到回执打印机的端口（{port}）。请检查打印机连线和端口设置（Linux 下 USB 打印机一般为 /dev/usb/lp0）。"
    ),
    "receipt.port_denied": (
        "没有权限打开回执打印机端口（{port}）。统信UOS/麒麟 下请把操作员账户加入 lp（USB 打印机）"
        "或 dialout（串口）组后重新登录，见 docs/devices.md。"
    ),
    "receipt.port_busy": "回执打印机端口（{port}）正被其他程序占用。请关闭占用它的程序后再试。",
    "receipt.no_answer": "回执打印机（{port}）没有应答。请检查打印机电源、纸卷和连线，以及波特率设置。",
    "receipt.offline": "回执打印机（{port}）处于离线状态（缺纸或开盖）。请装好纸卷、合上盖子后再试。",
    "devices.unknown": "没有名为 {name} 的设备。可用：{names}",
}
