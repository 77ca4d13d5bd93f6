"""``tongban user``: 经办人员管理 (add, list, disable, reset-password, role, unlock). Admin only."""

from __future__ import annotations

import argparse
import sys
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
    add.add_argument("--role", required=True, choices=ROLES, action="append", help="角色；可重复，一人兼多个角色")
    unlock.add_arguments(add)
    add.set_defaults(func=_add)

    lst = users.add_parser("list", help="列出经办人员")
    lst.add_argument("--json", action="store_true")
    unlock.add_arguments(lst)
    lst.set_defaults(func=_list)

    dis = users.add_parser("disable", help="停用经办人员（其密码不再能打开本服务点数据；默认随即更换数据密钥）")
    dis.add_argument("target_login", metavar="LOGIN")
    rot = dis.add_mutually_exclusive_group()
    rot.add_argument(
        "--rotate-key",
        dest="rotate_key",
        action="store_true",
        default=None,
        help="停用后更换数据密钥并生成新的恢复密钥（该人员有密码时默认如此）",
    )
    rot.add_argument("--no-rotate-key", dest="rotate_key", action="store_false", help="只停用，不更换数据密钥")
    dis.add_argument("--json", action="store_true")
    unlock.add_arguments(dis)
    dis.set_defaults(func=_disable)

    rk = users.add_parser("rotate-key", help="更换数据密钥（重新加密数据库和材料文件），并生成新的恢复密钥")
    rk.add_argument("--json", action="store_true")
    unlock.add_arguments(rk)
    rk.set_defaults(func=_rotate)

    reset = users.add_parser("reset-password", help="重置密码（管理员，或凭恢复密钥）")
    reset.add_argument("target_login", metavar="LOGIN")
    unlock.add_arguments(reset, recovery=True)
    reset.set_defaults(func=_reset)

    role = users.add_parser("role", help="修改角色（可一人兼多个角色，如：受理员 打印员 同步员）")
    role.add_argument("target_login", metavar="LOGIN")
    role.add_argument("role", choices=ROLES, nargs="+", help="所持角色，第一个为主要角色")
    unlock.add_arguments(role)
    role.set_defaults(func=_role)

    unl = users.add_parser("unlock", help="解除因多次输错密码造成的锁定")
    unl.add_argument("target_login", metavar="LOGIN")
    unlock.add_arguments(unl)
    unl.set_defaults(func=_unlock)


def _open(args: argparse.Namespace) -> tuple[Any, Any]:
    from desktop.cli.common import store_with_actor
    from models.errors import UserFacingError

    st, actor = store_with_actor(args=args)
    if st.unlocked is None:  # clerks and their passwords exist only on a protected station
        st.close()
        raise UserFacingError("auth.not_protected")
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
        roles = [ClerkRole(r) for r in args.role]
        add_clerk(st, actor, args.new_login, args.name, roles[0], _new_password(args), roles[1:])
    finally:
        st.close()
    print(f"已新增经办人员 {args.new_login}（{'、'.join(dict.fromkeys(args.role))}）。")
    return 0


def _list(args: argparse.Namespace) -> int:
    from models.security.clerks import list_clerks

    st, actor = _open(args)
    try:
        rows = list_clerks(st, actor)
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
        print(f"{r.login:<16}{'、'.join(r.roles or (r.role,)):<14}{state:<12}{r.name}")
    return 0


def _disable(args: argparse.Namespace) -> int:
    from models.security.clerks import disable_clerk, rotate_key

    st, actor = _open(args)
    result = None
    try:
        had_slot = disable_clerk(st, actor, args.target_login)
        # Default: rotate when the clerk's password opened the station (they may have copied
        # keyring.json); docs/security.md "Rotating the data key".
        if args.rotate_key or (args.rotate_key is None and had_slot):
            result = rotate_key(st, actor, reason="disable", progress=_progress)
    finally:
        st.close()
    if args.json:
        emit_json({"disabled": args.target_login, "rotation": result.as_dict() if result else None})
        return 0
    print(f"已停用经办人员 {args.target_login}。")
    if result is not None:
        _print_rotation(result)
    return 0


def _rotate(args: argparse.Namespace) -> int:
    from models.security.clerks import rotate_key

    st, actor = _open(args)
    try:
        result = rotate_key(st, actor, reason="manual", progress=_progress)
    finally:
        st.close()
    if args.json:
        emit_json(result.as_dict())
    else:
        _print_rotation(result)
    return 0


def _progress(step: Any) -> None:
    if step.total and (step.done == step.total or step.done % 200 == 0):
        print(f"  {step.label}：{step.done}/{step.total}", file=sys.stderr)


def _print_rotation(result: Any) -> None:
    counts = f"重新加密材料文件 {result.media_files} 个，数据库副本 {result.database_copies} 个"
    print(f"已更换数据密钥（{result.key_id}）：{counts}。")
    print("新的恢复密钥（只显示这一次，请打印或抄写后放入服务点保险柜，旧恢复密钥已作废）：")
    print(f"    {result.recovery_key}")
    if result.damaged_files:
        print(f"有 {len(result.damaged_files)} 个材料文件已损坏，未能重新加密，请运行 tongban db check --deep。")
    if result.need_password_reset:
        names = "、".join(result.need_password_reset)
        print(f"以下经办人员需由管理员重置密码后才能登录：{names}")
    print("此前的备份文件仍用旧密钥加密、含旧的密钥文件：请新做一次备份，并按规定销毁或封存旧备份。")


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
    from models.security.clerks import set_roles

    st, actor = _open(args)
    try:
        set_roles(st, actor, args.target_login, [ClerkRole(r) for r in args.role])
    finally:
        st.close()
    print(f"已将 {args.target_login} 的角色改为{'、'.join(dict.fromkeys(args.role))}。")
    return 0


def _unlock(args: argparse.Namespace) -> int:
    from models.security import clerks

    st, actor = _open(args)
    try:
        clerks.unlock_clerk(st, actor, args.target_login)
    finally:
        st.close()
    print(f"已解除 {args.target_login} 的锁定。")
    return 0
