"""Role checks per action, in the core; clerk management through the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.messages import render
from models.cases import apply_action, open_case
from models.enums import ClerkRole
from models.errors import UserFacingError
from models.lifecycle import Action
from models.orm import Case, Clerk
from models.permissions import ACTION_PERMISSIONS, Permission, allowed, require
from models.store import Store


def _clerk(session: Session, login: str) -> Clerk:
    clerk = session.scalar(select(Clerk).where(Clerk.login == login))
    assert clerk is not None
    return clerk


@pytest.mark.parametrize(
    ("role", "may"),
    [
        (ClerkRole.INTAKE, {Action.ACCEPT, Action.REFUSE, Action.WITHDRAW, Action.FORWARD,
                            Action.RETURN_FOR_SUPPLEMENT, Action.SUPPLY_DEFICIENCY}),
        (ClerkRole.REVIEWER, {Action.APPROVE, Action.REJECT, Action.PAY, Action.COMPLETE}),
        (ClerkRole.PRINTER, set()),
        (ClerkRole.SYNC, set()),
        (ClerkRole.ADMIN, set(Action)),
    ],
)
def test_which_role_may_move_a_case(role: ClerkRole, may: set[Action]) -> None:
    for action, permission in ACTION_PERMISSIONS.items():
        assert allowed(role, permission) == (action in may), (role, action)


def test_printer_cannot_accept_and_the_message_is_chinese(demo_store: Store) -> None:
    with demo_store.db.write() as session:
        draft = session.scalar(select(Case).where(Case.state == "草稿"))
        assert draft is not None
        from models.catalog import load_catalog

        item = load_catalog().get(draft.item_code)
        with pytest.raises(UserFacingError) as exc:
            apply_action(session, draft, Action.ACCEPT, item=item, clerk=_clerk(session, "dayin"))
        assert exc.value.code == "auth.forbidden"
        assert render(exc.value) == "打印员无权执行“受理办件”。"
        with pytest.raises(UserFacingError) as opening:
            open_case(session, station=draft.station, item=item, catalog_version="x", clerk=_clerk(session, "tongbu"))
        assert render(opening.value) == "同步员无权执行“受理办件”。"


def test_the_desk_offers_a_clerk_only_the_actions_of_their_roles(demo_store: Store) -> None:
    from models.intake.submit import case_actions

    with demo_store.db.read() as session:
        case = session.scalar(select(Case).where(Case.state == "退回补正"))
        assert case is not None
        unchecked = {c.action: c for c in case_actions(session, case.case_no)}
        assert unchecked[Action.ACCEPT].enabled  # the lifecycle allows it: who may is the question
        printer = {c.action: c for c in case_actions(session, case.case_no, _clerk(session, "dayin").id)}
        intake = {c.action: c for c in case_actions(session, case.case_no, _clerk(session, "shouli").id)}
    assert not any(c.enabled for c in printer.values())
    assert printer[Action.ACCEPT].why_not == "当前经办人的角色（打印员）不能受理"
    assert intake[Action.ACCEPT].enabled and intake[Action.REFUSE].enabled


def test_intake_cannot_approve_but_reviewer_can(demo_store: Store) -> None:
    from models.catalog import load_catalog

    with demo_store.db.write() as session:
        case = session.scalar(select(Case).where(Case.state == "已受理").order_by(Case.id))
        assert case is not None
        item = load_catalog().get(case.item_code)
        with pytest.raises(UserFacingError) as exc:
            apply_action(session, case, Action.APPROVE, item=item, clerk=_clerk(session, "shouli"))
        assert render(exc.value) == "受理员无权执行“审核办件”。"
        if item.can_approve(case.station.level):
            apply_action(session, case, Action.APPROVE, item=item, clerk=_clerk(session, "shenhe"))
            assert case.state.value == "审核通过"


def test_only_admin_manages_users_and_reads_the_audit_log() -> None:
    class Who:
        def __init__(self, role: ClerkRole) -> None:
            self.role = role

    for role in ClerkRole:
        for permission in (Permission.USER_ADMIN, Permission.AUDIT_VIEW):
            if role is ClerkRole.ADMIN:
                require(Who(role), permission)
            else:
                with pytest.raises(UserFacingError):
                    require(Who(role), permission)
    assert allowed(ClerkRole.SYNC, Permission.SYNC) and not allowed(ClerkRole.INTAKE, Permission.SYNC)
    assert allowed(ClerkRole.PRINTER, Permission.REPRINT) and not allowed(ClerkRole.INTAKE, Permission.REPRINT)
    assert not allowed(ClerkRole.PRINTER, Permission.PERSON_VIEW_FULL)


def tongban(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TONGBAN_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "desktop.cli.main", *args], capture_output=True, text=True,
                          env=env, input=stdin, timeout=120)


def test_user_commands_add_disable_reset_role(tongban_home: Path) -> None:
    assert tongban("init", "--demo", home=tongban_home).returncode == 0
    add = tongban("user", "add", "xiaoli", "--name", "李受理", "--role", "受理员", "--password-stdin",
                  home=tongban_home, stdin="xiaoli-pass-1\n")
    assert add.returncode == 0, add.stderr
    # The new clerk can sign in, but may not manage clerks.
    denied = tongban("user", "list", "--login", "xiaoli", "--password-stdin", home=tongban_home,
                     stdin="xiaoli-pass-1\n")
    assert denied.returncode == 1 and "受理员无权执行“经办人员管理”" in denied.stderr
    role = tongban("user", "role", "xiaoli", "审核员", home=tongban_home)
    assert role.returncode == 0, role.stderr
    listed = tongban("user", "list", home=tongban_home)
    assert "xiaoli" in listed.stdout and "审核员" in listed.stdout
    reset = tongban("user", "reset-password", "xiaoli", "--password-stdin", home=tongban_home,
                    stdin="xiaoli-pass-2\n")
    assert reset.returncode == 0, reset.stderr
    assert tongban("user", "list", "--login", "xiaoli", "--password-stdin", home=tongban_home,
                   stdin="xiaoli-pass-1\n").returncode == 1
    disable = tongban("user", "disable", "xiaoli", home=tongban_home)
    assert disable.returncode == 0, disable.stderr
    gone = tongban("user", "list", "--login", "xiaoli", "--password-stdin", home=tongban_home,
                   stdin="xiaoli-pass-2\n")
    assert gone.returncode == 1 and "登录名或密码不正确" in gone.stderr
    last_admin = tongban("user", "disable", "admin", home=tongban_home)
    assert last_admin.returncode == 1 and "当前登录" in last_admin.stderr
    trail = tongban("audit", "list", "--action", "clerk.", "--json", home=tongban_home)
    actions = [e["action"] for e in json.loads(trail.stdout)]
    assert {"clerk.add", "clerk.role", "clerk.reset_password", "clerk.disable"} <= set(actions)


def test_one_login_holds_several_roles_and_any_of_them_permits(protected_store: Store) -> None:
    """A village clerk is 受理员, 打印员 and 同步员 at once: the sign-in carries every role."""
    from models.print_log import check_print_allowed, may_reprint
    from models.security.auth import authenticate
    from models.security.clerks import list_clerks, set_roles

    set_roles(protected_store, None, "shouli", [ClerkRole.INTAKE, ClerkRole.PRINTER, ClerkRole.SYNC])
    who = authenticate(protected_store, "shouli", "demo-shouli")
    assert who.roles == (ClerkRole.INTAKE, ClerkRole.PRINTER, ClerkRole.SYNC)
    for permission in (Permission.CASE_INTAKE, Permission.PRINT, Permission.REPRINT, Permission.SYNC):
        require(who, permission)
    with protected_store.db.read() as session:
        assert may_reprint(session, who.clerk_id)
        assert check_print_allowed(session, who.clerk_id, reprint=True) is not None
    with pytest.raises(UserFacingError) as refused:
        require(who, Permission.CASE_REVIEW)
    assert render(refused.value) == "受理员、打印员、同步员无权执行“审核办件”。"
    info = {c.login: c for c in list_clerks(protected_store, None)}["shouli"]
    assert info.roles == ("受理员", "打印员", "同步员") and info.as_dict()["roles"] == ["受理员", "打印员", "同步员"]
    with protected_store.db.read() as session:  # the core's checks on the clerk row see every role too
        from models.permissions import require_action

        require_action(_clerk(session, "shouli"), Action.ACCEPT)
        with pytest.raises(UserFacingError):
            require_action(_clerk(session, "shouli"), Action.APPROVE)
    # The last admin keeps the admin role, as a further role too.
    with pytest.raises(UserFacingError) as last:
        set_roles(protected_store, None, "admin", [ClerkRole.INTAKE])
    assert last.value.code == "clerk.last_admin"
    set_roles(protected_store, None, "admin", [ClerkRole.INTAKE, ClerkRole.ADMIN])
    assert authenticate(protected_store, "admin", "demo-admin").may(Permission.USER_ADMIN)


def test_user_role_command_gives_several_roles(tongban_home: Path) -> None:
    assert tongban("init", "--demo", home=tongban_home).returncode == 0
    role = tongban("user", "role", "tongbu", "同步员", "受理员", "打印员", home=tongban_home)
    assert role.returncode == 0, role.stderr
    assert "同步员、受理员、打印员" in role.stdout
    listed = json.loads(tongban("user", "list", "--json", home=tongban_home).stdout)
    assert {c["login"]: c["roles"] for c in listed}["tongbu"] == ["同步员", "受理员", "打印员"]
    plain = tongban("user", "list", home=tongban_home)
    assert "同步员、受理员、打印员" in plain.stdout


def test_a_disabled_clerk_opens_no_command_at_all(tongban_home: Path) -> None:
    """Issue 17 item 16: commands that start no session (case list, db info, station show…)
    opened for a disabled clerk whose keyring slot was still there (a keyring restored from an
    older backup, or a removal that could not be written). Every store opened with a clerk's
    password now checks the clerk."""
    from sqlalchemy import update

    from models.orm import Clerk
    from models.paths import DataPaths
    from models.security import vault
    from models.security.setup import ensure_demo

    paths = DataPaths(tongban_home)
    st, _recovery, _summary = ensure_demo(paths)
    try:
        with st.db.write() as session:
            session.execute(update(Clerk).where(Clerk.login == "dayin").values(active=False))
    finally:
        st.close()
    assert "clerk:dayin" in vault.load_keyring(paths).slots  # the slot outlived the clerk
    for args in (["case", "list"], ["db", "info"], ["station", "show"], ["sync", "status"]):
        run = tongban("--login", "dayin", "--password-stdin", *args, home=tongban_home, stdin="demo-dayin\n")
        assert run.returncode == 1 and "已停用" in run.stderr, (args, run.stderr)
    ok = tongban("--login", "shouli", "--password-stdin", "case", "list", home=tongban_home, stdin="demo-shouli\n")
    assert ok.returncode == 0, ok.stderr
