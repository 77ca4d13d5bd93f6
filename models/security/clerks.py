"""Managing clerks: add, list, disable, reset a password, change a role. Admin only, audited.

Each change is one DB transaction; the keyring file is written last inside it, so a failed
keyring write rolls the DB change back (and a failed commit after it leaves at worst a
wrapped copy for a clerk the table does not know, which opens nothing: login checks the row).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from models import audit
from models.db import key_for as db_key_for
from models.enums import ClerkRole
from models.errors import UserFacingError, ValidationError
from models.orm import Clerk
from models.paths import DataPaths
from models.permissions import Permission, require
from models.progress import CancelToken, ProgressFn, no_progress
from models.security import vault
from models.security.auth import ClerkSession
from models.security.keyring import clerk_slot
from models.security.rotation import RotationResult, rotate_data_key
from models.security.vault import Unlocked
from models.station_setup import add_clerk as _add_clerk_row
from models.station_setup import current_station
from models.validation import check_name

if TYPE_CHECKING:
    from models.store import Store


@dataclass(frozen=True)
class ClerkInfo:
    login: str
    name: str
    role: str
    active: bool
    has_password: bool
    locked: bool
    #: every role held, the main one (``role``) first
    roles: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "login": self.login,
            "name": self.name,
            "role": self.role,
            "roles": list(self.roles or (self.role,)),
            "active": self.active,
            "has_password": self.has_password,
            "locked": self.locked,
        }


def _data_key(store: Store) -> bytes:
    if store.unlocked is None:
        raise UserFacingError("auth.not_protected")
    return store.unlocked.data_key


def add_clerk(
    store: Store,
    actor: ClerkSession | None,
    login: str,
    name: str,
    role: ClerkRole,
    password: str,
    extra_roles: Sequence[ClerkRole] = (),
) -> None:
    """A new clerk with a main role and, for one-person stations, further roles."""
    require(actor, Permission.USER_ADMIN)
    login = login.strip()
    if not login or len(login) > 32 or not login.isascii() or not login.replace("_", "").replace(".", "").isalnum():
        raise ValidationError("clerk.bad_login")
    vault.check_password_policy(password)
    key = _data_key(store)
    with store.db.write() as session:
        station = current_station(session)
        if station is None:
            raise UserFacingError("station.not_initialised")
        clerk = _add_clerk_row(session, station, login, check_name(name) or login, role)
        clerk.extra_roles = _extra(role, extra_roles)
        audit.record(session, "clerk.add", f"clerk:{login}", clerk=actor, detail={"roles": _joined(clerk.roles)})
        clerk.password_hash = vault.set_password(store.paths, key, login, password)


def list_clerks(store: Store, actor: ClerkSession | None) -> list[ClerkInfo]:
    """Every clerk with role, state and lockout: admins only (``actor=None`` is the system)."""
    require(actor, Permission.USER_ADMIN)
    ring = vault.load_keyring(store.paths) if vault.is_protected(store.paths) else None
    locked = vault.locked_logins(store.paths) if ring else set()
    with store.db.read() as session:
        rows = session.scalars(select(Clerk).order_by(Clerk.id)).all()
        out = []
        for c in rows:
            out.append(
                ClerkInfo(
                    c.login,
                    c.name,
                    ClerkRole(c.role).value,
                    c.active,
                    bool(ring and f"clerk:{c.login}" in ring.slots),
                    c.login in locked,
                    tuple(r.value for r in c.roles),
                )
            )
        return out


def disable_clerk(store: Store, actor: ClerkSession | None, login: str) -> bool:
    """The clerk can no longer sign in: the row is kept (for the record), the wrapped key removed.

    Returns whether the clerk had a key slot (a password that opened the station): then the
    data key should be rotated (``rotate_key``), since the clerk may have copied the keyring.
    """
    require(actor, Permission.USER_ADMIN)
    had_slot = vault.is_protected(store.paths) and clerk_slot(login) in vault.load_keyring(store.paths).slots
    if actor is not None and actor.login == login:
        raise UserFacingError("clerk.cannot_disable_self")
    with store.db.write() as session:
        clerk = _find(session, login)
        if ClerkRole.ADMIN in clerk.roles and _active_admins(session) <= 1:
            raise UserFacingError("clerk.last_admin")
        clerk.active = False
        audit.record(session, "clerk.disable", f"clerk:{login}", clerk=actor)
        if vault.is_protected(store.paths):
            vault.remove_password(store.paths, login)
    return had_slot


def rotate_key(
    store: Store,
    actor: ClerkSession | None,
    *,
    reason: str = "manual",
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> RotationResult:
    """A new data key for the whole station (models/security/rotation.py); admin only.

    The store's connections are closed for the rotation and reopened on the new key, so
    ``store`` stays usable. Every other process must have closed the station.
    """
    require(actor, Permission.USER_ADMIN)
    unlocked = store.unlocked
    if unlocked is None:
        raise UserFacingError("auth.not_protected")
    # Entries held while the disk was full are sealed under the current key: chain them now,
    # or they could not be read after the rotation (a print never audited).
    from models import deferred_log

    deferred_log.flush(store.db)
    store.db.dispose()
    try:
        result = rotate_data_key(
            store.paths, unlocked.data_key, actor=actor, reason=reason, progress=progress, cancel=cancel
        )
        store.unlocked = Unlocked(
            db_key_for(store.paths.database) or unlocked.data_key, unlocked.login, unlocked.verifier
        )
    finally:
        store.db.reopen()  # whoever holds ``store.db`` carries on, under the new key
    return result


def reset_password(store: Store, actor: ClerkSession | None, login: str, password: str, *, via: str = "admin") -> None:
    """A new password (and a lifted lockout). ``actor=None`` with ``via="recovery_key"``."""
    require(actor, Permission.USER_ADMIN)
    vault.check_password_policy(password)
    key = _data_key(store)
    with store.db.write() as session:
        clerk = _find(session, login)
        if not clerk.active:
            raise UserFacingError("auth.clerk_disabled", login=login)
        audit.record(session, "clerk.reset_password", f"clerk:{login}", clerk=actor, detail={"via": via})
        clerk.password_hash = vault.set_password(store.paths, key, login, password)


def reset_with_recovery_key(paths: DataPaths, recovery_key: str, login: str, password: str) -> None:
    """Every password of ``login`` lost (the login dialog's 忘记密码 path, ``user reset-password
    --recovery-key-stdin``): the recovery key opens the station and sets a new password."""
    from models.store import open_store

    vault.check_password_policy(password)  # before the recovery key is tried (and counted)
    store = open_store(paths, credentials=vault.Credentials(recovery_key=recovery_key))
    try:
        reset_password(store, None, login.strip(), password, via="recovery_key")
    finally:
        store.close()


def set_role(store: Store, actor: ClerkSession | None, login: str, role: ClerkRole) -> None:
    """One role only (the further roles are dropped)."""
    set_roles(store, actor, login, [role])


def set_roles(store: Store, actor: ClerkSession | None, login: str, roles: Sequence[ClerkRole]) -> None:
    """The roles ``login`` holds, the main one first (at least one; audited)."""
    require(actor, Permission.USER_ADMIN)
    wanted = list(dict.fromkeys(ClerkRole(r) for r in roles))
    if not wanted:
        raise ValidationError("clerk.no_role")
    with store.db.write() as session:
        clerk = _find(session, login)
        before = clerk.roles
        if ClerkRole.ADMIN in before and ClerkRole.ADMIN not in wanted and _active_admins(session) <= 1:
            raise UserFacingError("clerk.last_admin")
        clerk.role = wanted[0]
        clerk.extra_roles = _extra(wanted[0], wanted[1:])
        audit.record(
            session,
            "clerk.role",
            f"clerk:{login}",
            clerk=actor,
            detail={"from": _joined(before), "to": _joined(clerk.roles)},
        )


def _extra(main: ClerkRole, extra: Sequence[ClerkRole]) -> str:
    return ",".join(dict.fromkeys(ClerkRole(r).value for r in extra if ClerkRole(r) is not main))


def _joined(roles: Sequence[ClerkRole]) -> str:
    return "、".join(ClerkRole(r).value for r in roles)


def unlock_clerk(store: Store, actor: ClerkSession | None, login: str) -> None:
    """Lift a lockout after repeated wrong passwords (管理员), audited."""
    require(actor, Permission.USER_ADMIN)
    vault.unlock_login(store.paths, login)
    with store.db.write() as session:
        audit.record(session, "clerk.unlock", f"clerk:{login}", clerk=actor)


def _find(session: Any, login: str) -> Clerk:
    clerk = session.scalar(select(Clerk).where(Clerk.login == login))
    if clerk is None:
        raise UserFacingError("clerk.not_found", login=login)
    return clerk


def _active_admins(session: Any) -> int:
    clerks = session.scalars(select(Clerk).where(Clerk.active.is_(True))).all()
    return sum(ClerkRole.ADMIN in c.roles for c in clerks)
