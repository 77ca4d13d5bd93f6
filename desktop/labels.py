"""Display names of the core's Chinese values, through Qt's translation system.

models/ is Qt-free, so its labels (work lists, case states, lifecycle actions, material and sync
statuses) are Chinese source strings there. They are repeated here inside
``QT_TRANSLATE_NOOP`` so that pyside6-lupdate collects them, and translated at display time
with :func:`shown`. The values themselves (states stored in the database, keys) never change;
only what the clerk reads does. tests/test_i18n.py checks that every label of the core is
listed here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

WORK_LISTS = (
    QT_TRANSLATE_NOOP("WorkList", "办理中"),
    QT_TRANSLATE_NOOP("WorkList", "今日受理"),
    QT_TRANSLATE_NOOP("WorkList", "即将到期"),
    QT_TRANSLATE_NOOP("WorkList", "已超期"),
    QT_TRANSLATE_NOOP("WorkList", "待补材料"),
    QT_TRANSLATE_NOOP("WorkList", "待同步"),
    QT_TRANSLATE_NOOP("WorkList", "被中心退回"),
    QT_TRANSLATE_NOOP("WorkList", "差评待整改"),
    QT_TRANSLATE_NOOP("WorkList", "退回补正"),
    QT_TRANSLATE_NOOP("WorkList", "草稿"),
    QT_TRANSLATE_NOOP("WorkList", "已办结/已终止"),
    QT_TRANSLATE_NOOP("WorkList", "全部"),
)

CASE_STATES = (
    QT_TRANSLATE_NOOP("CaseState", "草稿"),
    QT_TRANSLATE_NOOP("CaseState", "退回补正"),
    QT_TRANSLATE_NOOP("CaseState", "已受理"),
    QT_TRANSLATE_NOOP("CaseState", "已转报"),
    QT_TRANSLATE_NOOP("CaseState", "审核通过"),
    QT_TRANSLATE_NOOP("CaseState", "审核不通过"),
    QT_TRANSLATE_NOOP("CaseState", "已拨付"),
    QT_TRANSLATE_NOOP("CaseState", "已办结"),
    QT_TRANSLATE_NOOP("CaseState", "不予受理"),
    QT_TRANSLATE_NOOP("CaseState", "已撤回"),
)

#: Lifecycle actions (models.lifecycle.RULES labels) and the timeline's other events.
CASE_ACTIONS = (
    QT_TRANSLATE_NOOP("CaseAction", "受理"),
    QT_TRANSLATE_NOOP("CaseAction", "退回补正"),
    QT_TRANSLATE_NOOP("CaseAction", "不予受理"),
    QT_TRANSLATE_NOOP("CaseAction", "撤回"),
    QT_TRANSLATE_NOOP("CaseAction", "转报上级"),
    QT_TRANSLATE_NOOP("CaseAction", "审核通过"),
    QT_TRANSLATE_NOOP("CaseAction", "审核不通过"),
    QT_TRANSLATE_NOOP("CaseAction", "拨付"),
    QT_TRANSLATE_NOOP("CaseAction", "办结"),
    QT_TRANSLATE_NOOP("CaseAction", "容缺材料补齐"),
    QT_TRANSLATE_NOOP("CaseAction", "创建"),
    QT_TRANSLATE_NOOP("CaseAction", "中心退回"),
    QT_TRANSLATE_NOOP("CaseAction", "评价"),
)

#: models.intake.checklist.STATUS_LABELS
MATERIAL_STATUSES = (
    QT_TRANSLATE_NOOP("MaterialStatus", "已收取"),
    QT_TRANSLATE_NOOP("MaterialStatus", "未收取"),
    QT_TRANSLATE_NOOP("MaterialStatus", "容缺"),
    QT_TRANSLATE_NOOP("MaterialStatus", "不适用"),
)

#: models.case_views.OUTBOX_LABELS
SYNC_STATUSES = (
    QT_TRANSLATE_NOOP("SyncStatus", "待上传"),
    QT_TRANSLATE_NOOP("SyncStatus", "已发送，等待确认"),
    QT_TRANSLATE_NOOP("SyncStatus", "中心已接收"),
    QT_TRANSLATE_NOOP("SyncStatus", "中心已退回"),
)

#: models.intake.submit.RATINGS (好差评), stored with the case in Chinese.
RATINGS = (
    QT_TRANSLATE_NOOP("Rating", "非常满意"),
    QT_TRANSLATE_NOOP("Rating", "满意"),
    QT_TRANSLATE_NOOP("Rating", "基本满意"),
    QT_TRANSLATE_NOOP("Rating", "不满意"),
    QT_TRANSLATE_NOOP("Rating", "非常不满意"),
)


#: 男 / 女, as derived from an ID number or read from the card.
GENDERS = (QT_TRANSLATE_NOOP("Gender", "男"), QT_TRANSLATE_NOOP("Gender", "女"))
ROLE_LABELS = (
    QT_TRANSLATE_NOOP("ClerkRole", "受理员"),
    QT_TRANSLATE_NOOP("ClerkRole", "审核员"),
    QT_TRANSLATE_NOOP("ClerkRole", "打印员"),
    QT_TRANSLATE_NOOP("ClerkRole", "同步员"),
    QT_TRANSLATE_NOOP("ClerkRole", "管理员"),
)
LEVEL_LABELS = (
    QT_TRANSLATE_NOOP("StationLevel", "村"),
    QT_TRANSLATE_NOOP("StationLevel", "乡镇"),
    QT_TRANSLATE_NOOP("StationLevel", "县"),
    QT_TRANSLATE_NOOP("StationLevel", "市"),
    QT_TRANSLATE_NOOP("StationLevel", "省"),
)


def role_label(role: str) -> str:
    """A clerk's role (受理员 …) in the interface language."""
    return QCoreApplication.translate("ClerkRole", str(role)) if role else ""


def roles_label(roles: object) -> str:
    """Every role a clerk holds (a ClerkSession, ClerkInfo or a list), joined: 受理员、打印员."""
    held = getattr(roles, "roles", None) or ((getattr(roles, "role", None),) if hasattr(roles, "role") else roles)
    return "、".join(role_label(str(getattr(r, "value", r))) for r in (held or ()) if r)


def level_label(level: str) -> str:
    """A station's level (乡镇 …) in the interface language."""
    return QCoreApplication.translate("StationLevel", str(level)) if level else ""

#: Progress steps the core names (models/security/rotation.py).
#: models.ledger.HEADERS (办件台账 columns)
LEDGER_HEADERS = (
    QT_TRANSLATE_NOOP("Ledger", "受理时间"),
    QT_TRANSLATE_NOOP("Ledger", "办件编号"),
    QT_TRANSLATE_NOOP("Ledger", "办理事项"),
    QT_TRANSLATE_NOOP("Ledger", "申请人"),
    QT_TRANSLATE_NOOP("Ledger", "办理结果"),
    QT_TRANSLATE_NOOP("Ledger", "经办人"),
    QT_TRANSLATE_NOOP("Ledger", "好差评"),
    QT_TRANSLATE_NOOP("Ledger", "差评原因"),
)

ROTATION_STEPS = (
    QT_TRANSLATE_NOOP("RotationStep", "重新加密材料文件"),
    QT_TRANSLATE_NOOP("RotationStep", "切换到新密钥"),
)

TABLES: dict[str, tuple[str, ...]] = {
    "WorkList": WORK_LISTS,
    "CaseState": CASE_STATES,
    "CaseAction": CASE_ACTIONS,
    "MaterialStatus": MATERIAL_STATUSES,
    "SyncStatus": SYNC_STATUSES,
    "Rating": RATINGS,
    "Gender": GENDERS,
    "ClerkRole": ROLE_LABELS,
    "StationLevel": LEVEL_LABELS,
    "RotationStep": ROTATION_STEPS,
    "Ledger": LEDGER_HEADERS,
}


def shown(context: str, value: str) -> str:
    """``value`` (a Chinese label of the core) in the interface language; unknown values as they are."""
    if not value:
        return value
    return QCoreApplication.translate(context, value)


def state(value: str) -> str:
    return shown("CaseState", value)


def action(label: str) -> str:
    return shown("CaseAction", label)


def work_list(label: str) -> str:
    return shown("WorkList", label)


def material_status(label: str) -> str:
    return shown("MaterialStatus", label)


def sync_status(label: str) -> str:
    return shown("SyncStatus", label)


def rating(value: str) -> str:
    return shown("Rating", value)


def gender(value: str) -> str:
    return shown("Gender", value)
