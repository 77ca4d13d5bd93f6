"""Chinese text for sync's error codes (sync/, hub/)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "sync.no_hub": "尚未设置中心端地址：请联系系统管理员登记本服务点；没有网络时可在同步中心用U盘同步。",
    "sync.not_enrolled": "本服务点尚未在中心端登记：请联系系统管理员登记；没有网络时可在同步中心用U盘同步。",
    "sync.not_approved": "本服务点已提交登记，正在等待中心端审核通过。",
    "sync.hub_not_trusted": (
        "中心端的应答没有登记时那个中心端的签名，已拒绝，未上传也未接收任何内容（可能连到了其他中心端）。"
        "请系统管理员核对中心端地址；确需更换中心端时，由管理员重新登记（tongban station enroll）。"
    ),
    "sync.key_change_refused": (
        "中心端已登记本服务点的另一把密钥，拒绝了新密钥：更换密钥须用原密钥签名；"
        "若原密钥已丢失，请中心端操作员核实后解除登记密钥（tongban hub reset-key），再重新登记。"
    ),
    "sync.bad_signature": "中心端拒绝了本机的签名，请联系县级经办机构核对本服务点的登记密钥。",
    "sync.replayed": "中心端判定请求重复（可能被重放），已拒绝，请稍后重试。",
    "sync.clock_skew": "本机时间与中心端相差过大，且自动校正失败，请检查系统时间。",
    "sync.unreachable": "无法连接中心端（{detail}），数据已安全保存在本机，网络恢复后将继续同步。",
    "sync.bad_answer": "中心端返回了无法识别的应答（HTTP {status}），请稍后重试。",
    "sync.refused": "中心端拒绝了请求（{hub_code}）。",
    "sync.plain_http": "中心端地址使用明文 http://，个人信息将不加密地传到 {host}。请改用 https:// 地址；"
    "如县里的专网本身已加密，须由管理员明确允许明文连接。",
    "sync.bad_hub_url": "中心端地址无效，应以 https:// 开头。",
    "sync.too_large": "请求超过中心端允许的大小，未被接收。",
    "sync.answer_too_large": "中心端的应答超过 {limit_mb} MB，已停止接收（可能不是真正的中心端，请核对中心端地址）。",
    "sync.bad_key": "本机同步密钥无法读取，请联系管理员。",
    "sync.catalog_hash": "下载的服务事项目录包校验不一致，已丢弃。",
    "hub.sms_gateway_bad": "短信网关配置不正确：{spec}（应为可导入的 模块:工厂函数，返回带 send 方法的网关）。",
    "hub.station_not_found": "中心端没有编码为 {code} 的服务点。",
    "hub.case_not_found": "中心端没有办件 {ref}。",
    "hub.bad_action": "审核结果应为 approve、reject、pay 或 complete 之一。",
    "hub.reason_required": "审核不通过需要填写原因。",
    "hub.case_rejected": "该办件上传时已被退回，不能作出审核结果。",
}
