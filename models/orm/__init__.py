"""Mapped classes. Import from here: ``from models.orm import Case, Person``."""

from models.orm.base import Base
from models.orm.case import Case, CaseEvent, CaseFieldValue
from models.orm.clock_state import ClockState
from models.orm.holiday import HolidayOverride
from models.orm.material import MaterialEntry, MaterialFile
from models.orm.outbox import Notification, PrintLog, SyncOutbox
from models.orm.person import Person, PersonContribution, PersonInsurance
from models.orm.security import AuditEntry
from models.orm.station import CaseSequence, Clerk, Station
from models.orm.sync_state import SyncBatch, SyncBatchItem, SyncCursor, SyncIdentity, SyncInbox, SyncMedia, SyncRun

__all__ = [
    "AuditEntry",
    "Base",
    "Case",
    "CaseEvent",
    "CaseFieldValue",
    "CaseSequence",
    "Clerk",
    "ClockState",
    "HolidayOverride",
    "MaterialEntry",
    "MaterialFile",
    "Notification",
    "Person",
    "PersonContribution",
    "PersonInsurance",
    "PrintLog",
    "Station",
    "SyncBatch",
    "SyncBatchItem",
    "SyncCursor",
    "SyncIdentity",
    "SyncInbox",
    "SyncMedia",
    "SyncOutbox",
    "SyncRun",
]
