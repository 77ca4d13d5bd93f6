"""Sync errors: codes for desktop/messages/sync.py, never personal data in parameters."""

from __future__ import annotations

from models.errors import UserFacingError


class SyncError(UserFacingError):
    """Sync could not go on: hub unreachable, station not enrolled or not approved, refused."""


#: hub err_code → the code shown to the clerk (anything else: sync.refused with the hub's code)
REFUSALS = {
    "sync.unknown_station": "sync.not_enrolled",
    "sync.not_approved": "sync.not_approved",
    "sync.bad_signature": "sync.bad_signature",
    "sync.replayed": "sync.replayed",
    "sync.clock_skew": "sync.clock_skew",
    "sync.too_large": "sync.too_large",
}
