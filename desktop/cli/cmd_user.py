"""``tongban user``: 经办人员管理 (add, list, disable, reset-password, role, unlock). Admin only."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli import unlock
from desktop.cli.output import emit_json

ROLES = ["受理员", "审核员", "打印员", "同步员", "管理员"]


def register(sub: Any) -> None:
    parser = sub.add_parser("user", help="经办人员管理（新增、列表、停用、重置密码、角色）")
    users = parser.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    add = users.add_parser("add", help="新增经办人员（密码在提示时输入，或用 --password-stdin）")
    add.add_argument("new_login", metavar="LOGIN")
    add.add_argument("--name", required=True, help="姓名")
    add.add_argument("--role", required=True, choices=ROLES)
    unlock.add_arguments(add)
    add.set_defaults(func=_add)

    lst = users.add_parser("list", help="列出经办人员")
    lst.add_argument("--json", action="store_true")
    unlock.add_arguments(lst)
    lst.set_defaults(func=_list)

    dis = users.add_parser("disable", help="停用经办人员（其密码不再能打开本服务点数据）")
    dis.add_argument("target_login", metavar="LOGIN")
    unlock.add_arguments(dis)
    dis.set_defaults(func=_disable)

    reset = users.add_parser("reset-password", help="重置密码（管理员，或凭恢复密钥）")
    reset.add_argument("target_login", metavar="LOGIN")
    unlock.add_arguments(reset, recovery=True)
    reset.set_defaults(func=_reset)

    role = users.add_parser("role", help="修改角色")
    role.add_argument("target_login", metavar="LOGIN")
    role.add_argument("role", choices=ROLES)
    unlock.add_arguments(role)
    role.set_defaults(func=_role)

    unl = users.add_parser("unlock", help="解除因多次输错密码造成的锁定")
    unl.add_argument("target_login", metavar="LOGIN")
    unlock.add_arguments(unl)
    unl.set_defaults(func=_unlock)


def _open(args: argparse.Namespace) -> tuple[Any, Any]:
    from models.security.auth import start_session
    from models.store import open_store

    st = open_store(credentials=unlock.credentials(args))
    try:
        if st.unlocked is None:
            from models.errors import UserFacingError

            raise UserFacingError("auth.not_protected")
        actor = start_session(st, via="cli") if st.unlocked.login else None
    except BaseException:
        st.close()
        raise
    return st, actor


def _new_password(args: argparse.Namespace) -> str:
    from models.errors import UserFacingError

    first = unlock.read_secret(args, "新密码：")
    interactive = not (args.password_stdin or getattr(args, "recovery_key_stdin", False))
    if interactive and unlock.read_secret(args, "再次输入新密码：") != first:
        raise UserFacingError("clerk.password_mismatch")
    return first


def _add(args: argparse.Namespace) -> int:
    from models.enums import ClerkRole
    from models.security.clerks import add_clerk

    st, actor = _open(args)
    try:
        add_clerk(st, actor, args.new_login, args.name, ClerkRole(args.role), _new_password(args))
    finally:
        st.close()
    print(f"已新增经办人员 {args.new_login}（{args.role}）。")
    return 0


def _list(args: argparse.Namespace) -> int:
    from models.errors import UserFacingError
    from models.permissions import Permission
    from models.security.clerks import list_clerks

    st, actor = _open(args)
    try:
        if actor is not None and not actor.may(Permission.USER_ADMIN):
            raise UserFacingError("auth.forbidden", role=actor.role.value, operation="经办人员管理")
        rows = list_clerks(st)
    finally:
        st.close()
    if args.json:
        emit_json([r.as_dict() for r in rows])
        return 0
    for r in rows:
        state = "在用" if r.active else "已停用"
        if r.locked:
            state += "，已锁定"
        if r.active and not r.has_password:
            state += "，未设密码"
        print(f"{r.login:<16}{r.role:<6}{state:<12}{r.name}")
    return 0


def _disable(args: argparse.Namespace) -> int:
    from models.security.clerks import disable_clerk

    st, actor = _open(args)
    try:
        disable_clerk(st, actor, args.target_login)
    finally:
        st.close()
    print(f"已停用经办人员 {args.target_login}。")
    return 0


def _reset(args: argparse.Namespace) -> int:
    from models.security.clerks import reset_password

    st, actor = _open(args)
    try:
        via = "recovery_key" if actor is None else "admin"
        reset_password(st, actor, args.target_login, _new_password(args), via=via)
    finally:
        st.close()
    print(f"已重置 {args.target_login} 的密码。")
    return 0


def _role(args: argparse.Namespace) -> int:
    from models.enums import ClerkRole
    from models.security.clerks import set_role

    st, actor = _open(args)
    try:
        set_role(st, actor, args.target_login, ClerkRole(args.role))
    finally:
        st.close()
    print(f"已将 {args.target_login} 的角色改为{args.role}。")
    return 0


def _unlock(args: argparse.Namespace) -> int:
    from models import audit
    from models.permissions import Permission, require
    from models.security import vault

    st, actor = _open(args)
    try:
        require(actor, Permission.USER_ADMIN)
        vault.unlock_login(st.paths, args.target_login)
        with st.db.write() as session:
            audit.record(session, "clerk.unlock", f"clerk:{args.target_login}", clerk=actor)
    finally:
        st.close()
    print(f"已解除 {args.target_login} 的锁定。")
    return 0
