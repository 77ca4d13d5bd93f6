"""Errors the clerk may see, as codes with parameters; the text lives in desktop/messages.py."""

from __future__ import annotations

from typing import Any


class UserFacingError(Exception):
    """An error to show to the clerk: a stable code plus parameters, no UI text.

    ``code`` is a dotted English identifier (``id.bad_check_digit``); desktop/messages.py
    maps it to Simplified Chinese. ``params`` fill the message's placeholders and must not
    hold personal data that would end up in a log (pass a masked value instead).
    """

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        if not self.params:
            return self.code
        detail = ", ".join(f"{k}={v}" for k, v in sorted(self.params.items()))
        return f"{self.code} ({detail})"


class ValidationError(UserFacingError):
    """Bad input: an identifier, a date, a field value."""


class IllegalTransition(UserFacingError):
    """A case lifecycle transition that the state machine forbids."""


class DatabaseError(UserFacingError):
    """The database cannot be used: corrupt, newer than the application, locked."""


class Cancelled(Exception):  # named like Anki's Interrupted, Electrum's UserCancelled
    """Raised by long work when its CancelToken is set; the GUI ignores it silently."""
