"""Who may do what with one item at a station of a given level (issue 18 §1, issue 15 item 3).

From the item's 受理层级 (003 (六)受理层级, or a county's override with its own citation, e.g.
002 for 黔南州): whether the level may accept (受理), approve and finish (审核、办结), what a
即办件 does at the counter (finished by the clerk who took it in, or forwarded), and what the
station promises the applicant. ``tongban catalog show`` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.catalog.item import ServiceItem
from models.enums import StationLevel


@dataclass(frozen=True)
class LevelHandling:
    level: StationLevel
    accept: bool
    approve: bool
    #: a 即办件 finished (办结) at submit by the clerk who took it in
    finish_at_counter: bool
    #: the level a case goes to when this one may not approve ("" when it may)
    forward_to: str
    #: the lowest level above that approves it ("" when this one does)
    approver: str
    #: the 办理时限 this station promises (seed text for the level, or 由上级经办机构办理)
    promise: str
    #: where the level rights come from: the seed line (or the override's citation)
    source: str
    note: str
    #: 003 left the level to the locality (口), and no local rule has decided it
    decided_locally: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "level": self.level.value,
            "accept": self.accept,
            "approve": self.approve,
            "finish_at_counter": self.finish_at_counter,
            "forward_to": self.forward_to,
            "approver": self.approver,
            "promise": self.promise,
            "source": self.source,
            "note": self.note,
            "decided_locally": self.decided_locally,
        }


def handling_at(item: ServiceItem, level: StationLevel) -> LevelHandling:
    approve = item.can_approve(level)
    forward = approver = ""
    if not approve:
        upper = sorted((lv for lv in StationLevel if lv.rank > level.rank), key=lambda lv: lv.rank)
        forward = upper[0].value if upper else ""
        approver = next((lv.value for lv in upper if item.can_approve(lv)), "")
    return LevelHandling(
        level=level,
        accept=item.can_accept(level),
        approve=approve,
        finish_at_counter=item.finishes_at_counter(level),
        forward_to=forward,
        approver=approver,
        promise=item.counter_limit(level).text,
        source=item.levels.source,
        note=item.levels.note,
        decided_locally=item.levels.decided_locally,
    )


def describe(handling: LevelHandling) -> str:
    """One line for the clerk or the admin, in Chinese."""
    h = handling
    if not h.accept:
        return f"{h.level.value}级：不受理该事项"
    if h.finish_at_counter:
        return f"{h.level.value}级：受理、审核并当场办结（即办件，受理人办结）；办理时限：{h.promise}"
    if h.approve:
        return f"{h.level.value}级：受理、审核、办结；办理时限：{h.promise}"
    by = f"，由{h.approver}级审核办结" if h.approver and h.approver != h.forward_to else "审核办结"
    return f"{h.level.value}级：受理后转报{h.forward_to}级{by}；本级承诺：{h.promise}"
