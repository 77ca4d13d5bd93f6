"""One line of a sync batch's reconciliation list (同步对账单), as plain data.

sync/status.py fills the lines from the batch and the hub's answers; printing/reconciliation.py
prints them. The type lives here so that neither imports the other: sync reports, the shell
(desktop/sync_center.py, ``tongban print reconciliation``) has it printed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReconciliationRow:
    case_no: str
    item_name: str
    revision: int
    status: str  # 已确认 / 待确认 / 被拒绝 …
    at: str = ""
    note: str = ""
