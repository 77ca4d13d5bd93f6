"""Chinese text for the evaluator pad's codes (devices/evaluator, desktop/evaluator_bridge.py)."""

from __future__ import annotations

CASE_FALLBACK = "办件不受影响。可按 F11 再请评价器评价，或按 F4 请申请人在客户屏上评价。"

MESSAGES: dict[str, str] = {
    "evaluator.not_configured": "评价器未设置完整（串口或厂商库、函数名）。请在 管理 → 设备 中设置，或改用客户屏评价。",
    "evaluator.port_not_found": "找不到评价器的串口（{port}）。请检查 USB 连线。" + CASE_FALLBACK,
    "evaluator.port_busy": "评价器的串口（{port}）被其他程序占用或无权限打开。" + CASE_FALLBACK,
    "evaluator.port_lost": "评价器（{port}）连接中断，可能被拔出。" + CASE_FALLBACK,
    "evaluator.timeout": "申请人在 {seconds} 秒内未按评价键。" + CASE_FALLBACK,
    "evaluator.garbled": "评价器返回了无法识别的数据。请确认所选串口连接的是评价器。" + CASE_FALLBACK,
    "evaluator.device_error": "评价器报告故障（{detail}）。" + CASE_FALLBACK,
    "evaluator.no_answer": "评价器没有应答（{port}）。请确认已通电、端口和波特率正确。" + CASE_FALLBACK,
    "evaluator.library_not_found": "找不到或无法加载评价器厂商库：{path}",
    "evaluator.library_function": "评价器厂商库 {path} 中没有函数 {function}。请核对 evaluator_function 设置。",
    "evaluator.library_code": "评价器厂商库返回了错误代码 {result}。" + CASE_FALLBACK,
    "evaluator.serial_unavailable": "串口组件不可用（未安装 pyserial），请联系技术支持。",
}
