"""Which role may do what: checked here, in the core, not only hidden in the GUI.

Every operation that matters is a ``Permission``; ``require(clerk, permission)`` raises
``UserFacingError("auth.forbidden", role=…, operation=…)`` when none of the clerk's roles has it
(one login may hold several roles: a village clerk is 受理员, 打印员 and 同步员 at once).
``clerk=None`` is the system itself (results synced back from the centre, set-up, tests of
other parts): the GUI and the CLI always pass the signed-in clerk.

Roles (issue 9): 受理员 takes cases in (and finishes, at submit, a 即办件 the station's level
may approve: issue 15 item 3); 审核员 approves at a township or county station;
打印员 prints and reprints; 同步员 runs sync; 管理员 manages the station and may do
everything (small stations have two or three clerks, and someone must be able to cover).
"""

from __future__ import annotations

import enum
from typing import Protocol

from models.enums import ClerkRole
from models.errors import UserFacingError
from models.lifecycle import Action


class Permission(enum.StrEnum):
    CASE_VIEW = "case.view"  # lists and details with masked personal data
    PERSON_VIEW_FULL = "person.view_full"  # full ID number and phone in the case detail
    CASE_INTAKE = "case.intake"  # open, fill in, accept, return, refuse, withdraw, forward
    CASE_REVIEW = "case.review"  # approve, reject, pay, complete
    #: 审核/办结 at submit of a 即办件 the station's level may approve (issue 15 item 3)
    CASE_FINISH_IMMEDIATE = "case.finish_immediate"
    PRINT = "print"
    REPRINT = "reprint"
    EXPORT = "export"  # cases or lists leaving the station on paper or file
    SYNC = "sync"
    STATION_ADMIN = "station.admin"  # settings, enrolment, catalog packages, backups
    USER_ADMIN = "user.admin"
    AUDIT_VIEW = "audit.view"


#: The operation's name for the clerk (domain words, as lifecycle labels are).
LABELS: dict[Permission, str] = {
    Permission.CASE_VIEW: "查看办件",
    Permission.PERSON_VIEW_FULL: "查看完整身份信息",
    Permission.CASE_INTAKE: "受理办件",
    Permission.CASE_REVIEW: "审核办件",
    Permission.CASE_FINISH_IMMEDIATE: "即办件当场办结",
    Permission.PRINT: "打印",
    Permission.REPRINT: "补打",
    Permission.EXPORT: "导出",
    Permission.SYNC: "数据同步",
    Permission.STATION_ADMIN: "服务点管理",
    Permission.USER_ADMIN: "经办人员管理",
    Permission.AUDIT_VIEW: "查看审计日志",
}

P = Permission
ROLE_PERMISSIONS: dict[ClerkRole, frozenset[Permission]] = {
    ClerkRole.INTAKE: frozenset({P.CASE_VIEW, P.PERSON_VIEW_FULL, P.CASE_INTAKE, P.CASE_FINISH_IMMEDIATE, P.PRINT}),
    ClerkRole.REVIEWER: frozenset({P.CASE_VIEW, P.PERSON_VIEW_FULL, P.CASE_REVIEW, P.CASE_FINISH_IMMEDIATE, P.PRINT}),
    ClerkRole.PRINTER: frozenset({P.CASE_VIEW, P.PRINT, P.REPRINT}),
    ClerkRole.SYNC: frozenset({P.CASE_VIEW, P.SYNC}),
    ClerkRole.ADMIN: frozenset(Permission),
}

#: The permission each lifecycle action needs.
ACTION_PERMISSIONS: dict[Action, Permission] = {
    Action.ACCEPT: P.CASE_INTAKE,
    Action.RETURN_FOR_SUPPLEMENT: P.CASE_INTAKE,
    Action.REFUSE: P.CASE_INTAKE,
    Action.WITHDRAW: P.CASE_INTAKE,
    Action.FORWARD: P.CASE_INTAKE,
    Action.SUPPLY_DEFICIENCY: P.CASE_INTAKE,
    Action.APPROVE: P.CASE_REVIEW,
    Action.REJECT: P.CASE_REVIEW,
    Action.PAY: P.CASE_REVIEW,
    Action.COMPLETE: P.CASE_REVIEW,
}


class HasRole(Protocol):
    """A clerk: ``role`` is the main role; ``roles`` (when present) every role held."""

    @property
    def role(self) -> ClerkRole: ...


def allowed(role: ClerkRole | str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(ClerkRole(role), frozenset())


def roles_of(clerk: HasRole) -> tuple[ClerkRole, ...]:
    """Every role ``clerk`` holds, the main one first."""
    held = [ClerkRole(clerk.role)]
    for role in getattr(clerk, "roles", ()) or ():
        if ClerkRole(role) not in held:
            held.append(ClerkRole(role))
    return tuple(held)


def permissions_of(role: ClerkRole | str) -> frozenset[Permission]:
    return ROLE_PERMISSIONS.get(ClerkRole(role), frozenset())


def clerk_may(clerk: HasRole | None, permission: Permission) -> bool:
    """Any role held gives the permission; ``None`` is the system itself."""
    return clerk is None or any(allowed(role, permission) for role in roles_of(clerk))


def require(clerk: HasRole | None, permission: Permission) -> None:
    """Raise ``auth.forbidden`` unless ``clerk`` (None: the system) may do ``permission``."""
    if clerk is None:
        return
    if not clerk_may(clerk, permission):
        role = "、".join(r.value for r in roles_of(clerk))
        raise UserFacingError("auth.forbidden", role=role, operation=LABELS[permission])


def require_action(clerk: HasRole | None, action: Action) -> None:
    require(clerk, ACTION_PERMISSIONS[action])


def can_act(clerk: HasRole | ClerkRole | str, action: Action) -> bool:
    """For the GUI: show only the buttons the clerk may press (the core checks again)."""
    if isinstance(clerk, str):
        return allowed(clerk, ACTION_PERMISSIONS[action])
    return clerk_may(clerk, ACTION_PERMISSIONS[action])
