"""Who is at the counter: login, screen unlock, clerk switch, logout, all audited.

Qt-free: desktop/login.py and desktop/screen_lock.py call these, and so does the CLI.

A store that cannot be written (read-only media, a full disk) still lets a clerk sign in: the
password is checked against the clerk table in a read transaction, and the audit entry that
cannot be written now is deferred (models/deferred_log.py) and added to the hash chain, with its
original time, by the next write that succeeds (the next login on a writable store at the latest).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import deferred_log
from models.enums import ClerkRole
from models.errors import UserFacingError
from models.orm import Clerk
from models.paths import DataPaths
from models.permissions import Permission, clerk_may, roles_of
from models.security import vault
from models.security.vault import Credentials

if TYPE_CHECKING:
    from models.store import Store


@dataclass(frozen=True)
class ClerkSession:
    """The signed-in clerk. Pass it as ``clerk`` to permission checks and the audit log."""

    clerk_id: int
    login: str
    name: str
    role: ClerkRole
    #: Every role held, the main one first (one login may be 受理员, 打印员 and 同步员).
    roles: tuple[ClerkRole, ...] = ()

    def may(self, permission: Permission) -> bool:
        return clerk_may(self, permission)

    def holds(self, role: ClerkRole) -> bool:
        return role in roles_of(self)


def open_and_login(paths: DataPaths, credentials: Credentials) -> tuple[Store, ClerkSession]:
    """Start of the day: unlock the store with a clerk's password and sign the clerk in."""
    from models.store import open_store

    if not credentials.login:
        raise UserFacingError("auth.login_required")
    store = open_store(paths, credentials=credentials)
    try:
        return store, start_session(store)
    except BaseException:
        store.close()
        raise


def start_session(store: Store, *, via: str = "gui") -> ClerkSession:
    """Sign in the clerk whose password opened ``store`` (checked against the clerk table)."""
    unlocked = store.unlocked
    if unlocked is None:
        raise UserFacingError("auth.not_protected")
    if unlocked.login is None:
        raise UserFacingError("auth.login_required")  # the recovery key is not a clerk
    with store.db.read() as session:
        who = _session_of(_checked_clerk(session, unlocked.login, unlocked.verifier))
    deferred_log.record_audit(store.db, "login", f"clerk:{who.login}", clerk=who, detail={"via": via})
    return who


def authenticate(store: Store, login: str, password: str, *, purpose: str = "unlock") -> ClerkSession:
    """Check a password while the store is open: screen unlock (``unlock``) or ``switch``.

    Wrong passwords count towards the lockout like at login, and are audited.
    """
    try:
        unlocked = vault.unlock(store.paths, Credentials(login.strip(), password))
    except UserFacingError as exc:
        if exc.code in ("auth.bad_credentials", "auth.locked_out"):
            deferred_log.record_audit(
                store.db, f"{purpose}_failed", f"clerk:{login.strip()[:32]}", clerk=None, detail={"reason": exc.code}
            )
        raise
    with store.db.read() as session:
        who = _session_of(_checked_clerk(session, login.strip(), unlocked.verifier))
    deferred_log.record_audit(store.db, purpose, f"clerk:{who.login}", clerk=who)
    return who


def unlock_screen(store: Store, locked_for: ClerkSession, login: str, password: str) -> ClerkSession:
    """The clerk who locked the screen, or an admin, may unlock it; returns who is now signed in."""
    if login.strip() == locked_for.login:
        return authenticate(store, login, password, purpose="unlock")
    who = authenticate(store, login, password, purpose="unlock_by_other")
    if not who.holds(ClerkRole.ADMIN):
        record_event(store, who, "unlock_refused", {"locked_for": locked_for.login})
        raise UserFacingError("auth.unlock_other_clerk", login=locked_for.login)
    return who


def record_event(store: Store, clerk: ClerkSession | None, action: str, detail: dict[str, str] | None = None) -> None:
    """``logout``, ``lock`` and the like: no password involved, only the record (deferred when
    the store cannot be written now)."""
    target = f"clerk:{clerk.login}" if clerk else "station"
    deferred_log.record_audit(store.db, action, target, clerk=clerk, detail=detail)


def logout(store: Store, clerk: ClerkSession) -> None:
    record_event(store, clerk, "logout")


def current_clerk_row(session: Session, clerk: ClerkSession) -> Clerk:
    row = session.get(Clerk, clerk.clerk_id)
    if row is None or not row.active:
        raise UserFacingError("auth.clerk_disabled", login=clerk.login)
    return row


def _checked_clerk(session: Session, login: str, verifier: bytes | None) -> Clerk:
    clerk = session.scalar(select(Clerk).where(Clerk.login == login))
    if clerk is None or not vault.verifier_matches(clerk.password_hash, verifier):
        raise UserFacingError("auth.bad_credentials")
    if not clerk.active:
        raise UserFacingError("auth.clerk_disabled", login=login)
    return clerk


def _session_of(clerk: Clerk) -> ClerkSession:
    return ClerkSession(clerk.id, clerk.login, clerk.name, ClerkRole(clerk.role), clerk.roles)
