"""USB scanner guns type the code as keystrokes plus Enter, much faster than a person.

``KeyBurstParser`` is fed characters with their times and answers the text when a fast burst
ends with Enter. People type at most ~15 keys a second (≥ 60 ms between keys); scanner guns
send a key every 1–20 ms, so a gap over ``max_gap_ms`` starts a new burst. The Qt side is
desktop/scanner_gun.py; this module knows no Qt so that the rules are testable on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Guns configured as "keyboard wedge" commonly end with CR, LF or Tab.
TERMINATORS = frozenset({"\r", "\n"})


@dataclass
class KeyBurstParser:
    max_gap_ms: float = 40.0
    min_length: int = 8
    max_length: int = 512
    _buffer: list[str] = field(default_factory=list, init=False)
    _last_ms: float | None = field(default=None, init=False)
    _burst_ms: float = field(default=0.0, init=False)

    def reset(self) -> None:
        self._buffer.clear()
        self._last_ms = None

    @property
    def pending(self) -> str:
        """Characters of the burst in progress (for removing them from a text field)."""
        return "".join(self._buffer)

    def feed(self, char: str, now_ms: float) -> str | None:
        """Feed one typed character (or a terminator). Returns the burst text on a fast Enter."""
        gap = None if self._last_ms is None else now_ms - self._last_ms
        slow = gap is not None and gap > self.max_gap_ms
        if char in TERMINATORS:
            text = "".join(self._buffer)
            fast = gap is not None and not slow
            self.reset()
            if fast and len(text) >= self.min_length:
                return text
            return None
        if len(char) != 1 or not char.isprintable():
            self.reset()  # arrows, function keys: a person at the keyboard
            return None
        if slow or len(self._buffer) >= self.max_length:
            self._buffer.clear()
        self._buffer.append(char)
        self._last_ms = now_ms
        return None

    def is_burst_in_progress(self, now_ms: float) -> bool:
        """True while the keys so far look like a gun (used to hold back Enter from widgets)."""
        return (
            self._last_ms is not None
            and now_ms - self._last_ms <= self.max_gap_ms
            and len(self._buffer) >= self.min_length
        )
