"""Texts of the sync center screen, the sync status bar indicator and their error codes."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # error codes (sync/status.py, desktop/sync_controller.py)
    "sync_center.no_batch": "没有这个同步批次，请刷新后重新选择。",
    "sync_center.busy": "正在同步，请等本次同步结束后再操作。",
    # screen
    "sync_center.title": "同步中心",
    "sync_center.menu": "同步(&S)",
    "sync_center.open": "同步中心(&Y)",
    "sync_center.sync_now_menu": "立即同步(&N)",
    "sync_center.forbidden": "当前经办人没有“数据同步”权限。同步中心只供同步员和管理员使用。",
    "sync_center.counts": (
        "待上传 {pending} 件　已发送待确认 {sent} 件　已接收 {accepted} 件　被退回 {rejected} 件　"
        "待传材料 {media_pending} 个"
    ),
    "sync_center.last_run": "上次同步：{at}　{status}",
    "sync_center.last_run_none": "尚未同步过。",
    # U盘同步 (desktop/sync_usb.py)
    "sync_center.usb.title": "U盘同步（没有网络时）",
    "sync_center.usb.export": "导出同步包到U盘…",
    "sync_center.usb.import": "导入中心端回执包…",
    "sync_center.usb.hint": (
        "先导出同步包，把U盘送到县级经办机构导入；带回中心端的回执包后在这里导入，即可看到受理和审核结果。"
    ),
    "sync_center.usb.need_hub_key": "首次导出需要中心端公钥文件（由中心端提供，拷在U盘上），请选择该文件。",
    "sync_center.usb.exporting": "正在导出同步包，请不要拔出U盘……",
    "sync_center.usb.exported": (
        "已导出同步包 {file}：办件 {cases} 件，材料 {media} 个。请安全弹出U盘后送到中心端导入。"
    ),
    "sync_center.usb.media_corrupt": "有 {n} 个材料文件在本机已损坏或缺失，未能导出，请联系管理员检查数据。",
    "sync_center.usb.importing": "正在导入回执包……",
    "sync_center.usb.imported": (
        "已导入回执包：中心端接收 {accepted} 件，退回 {rejected} 件；审核结果 {results} 条，"
        "花名册 {roster} 条，节假日 {holidays} 条。"
    ),
    "sync_center.usb.already": "其中 {n} 批此前已导入过，未重复处理。",
    "sync_center.usb.reopened": "被退回的办件已重新打开为草稿，请补正后再次同步：{cases}。",
    "sync_center.usb.unknown": "有 {n} 批应答不属于本机导出的同步包，已忽略。",
    "sync_center.run_ok": "成功",
    "sync_center.run_failed": "失败（{error}）",
    "sync_center.run_cancelled": "已中止",
    "sync_center.run_running": "进行中",
    "sync_center.sync_now": "立即同步",
    "sync_center.pause": "暂停",
    "sync_center.resume": "继续",
    "sync_center.cancel": "取消",
    "sync_center.retry": "重试被拒办件",
    "sync_center.print": "打印对账单",
    "sync_center.refresh": "刷新",
    "sync_center.batches": "同步批次",
    "sync_center.cases_all": "办件同步状态（每件最新一次）",
    "sync_center.cases_batch": "批次 {batch_id} 的办件",
    "sync_center.pick_batch": "请先在“同步批次”中选中一个批次。",
    "sync_center.retry_done": (
        "已复查本机损坏的材料文件：{media_requeued} 个已恢复（随引用它的办件上传），{media_still_corrupt} 个仍损坏；"
        "{unanswered} 件待确认的办件本次重新发送。"
        "被中心端退回的 {rejected_final} 件已重新打开为草稿，须由受理员补正后再次受理。"
    ),
    "sync_center.reconciliation_title": "同步对账单 {batch_id}",
    # progress
    "sync_center.phase.collect": "准备上传…",
    "sync_center.phase.media": "上传材料",
    "sync_center.phase.cases": "上传办件",
    "sync_center.phase.results": "下载审核结果",
    "sync_center.phase.roster": "下载参保人员花名册",
    "sync_center.phase.done": "完成",
    "sync_center.progress": (
        "{phase}：{bytes_done} / {bytes_total}　批次 {items_done}/{items_total}　已发送 {wire}　{eta}"
    ),
    "sync_center.eta": "预计剩余 {eta}",
    "sync_center.eta_unknown": "预计剩余时间计算中",
    # states
    "sync_center.state.idle": "空闲",
    "sync_center.state.running": "同步中",
    "sync_center.state.pausing": "正在暂停…",
    "sync_center.state.paused": "已暂停（点“继续”从中断处接着传）",
    "sync_center.state.cancelling": "正在取消…",
    # status bar (no pop-ups: STYLE.md section 6)
    "sync_center.net.unknown": "中心端：检测中…",
    "sync_center.net.online": "中心端：已连接",
    "sync_center.net.offline": "中心端：未连接（{seconds} 秒后重试），数据安全保存在本机",
    "sync_center.net.no_hub": "中心端：未设置地址",
    "sync_center.status.running": "正在同步…",
    "sync_center.status.paused": "同步已暂停",
    "sync_center.status.ok": "同步完成：上传 {cases} 件，接收 {accepted}，退回 {rejected}（{at}）",
    "sync_center.status.failed": "同步未完成：{error}（{at}）",
    "sync_center.status.cancelled": "同步已取消，未传完的数据下次继续（{at}）",
    # columns
    "sync_center.col.batch_id": "批次号",
    "sync_center.col.batch_status": "状态",
    "sync_center.col.cases": "办件数",
    "sync_center.col.accepted": "已接收",
    "sync_center.col.rejected": "被退回",
    "sync_center.col.unanswered": "待确认",
    "sync_center.col.started_at": "发送时间",
    "sync_center.col.acked_at": "确认时间",
    "sync_center.col.case_no": "办件编号",
    "sync_center.col.item_name": "办理事项",
    "sync_center.col.revision": "版本",
    "sync_center.col.case_state": "办件状态",
    "sync_center.col.sync_state": "同步状态",
    "sync_center.col.answer": "中心端应答/原因",
    "sync_center.batch.sent": "已发送待确认",
    "sync_center.batch.acked": "已确认",
    "sync_center.batch.superseded": "已由后续批次重发",
    "sync_center.sync.pending": "待上传",
    "sync_center.sync.sent": "已发送待确认",
    "sync_center.sync.accepted": "已接收",
    "sync_center.sync.rejected": "被退回",
    "sync_center.duplicate": "（重复发送，已确认）",
    "sync_center.reopened": "已重新打开为草稿 {case_no}",
    # the hub's reason codes (hub/service.py _check_case) and the engine's own
    "sync_center.reason.field.invalid": "字段有误：{what}",
    "sync_center.reason.material.file_missing": "材料文件未收到：{what}",
    "sync_center.reason.case.foreign": "办件属于其他服务点",
    "sync_center.reason.case.missing_locally": "本机已找不到该办件",
}
