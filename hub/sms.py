"""The county's SMS gateway, as the hub sees it: one call per message.

``SmsGateway`` is the interface; ``LoggingGateway`` (the default) sends nothing and writes one log
line per message with the number masked and the text as its length and hash (the text names the
applicant, so it is never logged in clear). A county that has a gateway implements ``send`` (its
provider's HTTP API) and passes it to ``Hub(..., gateway=...)``; failures raise ``SmsError`` and
the message stays for the next delivery round.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Protocol

from models.masking import mask_phone

logger = logging.getLogger(__name__)


class SmsError(Exception):
    """The gateway did not take the message (kept ``failed``, tried again next round)."""


class SmsGateway(Protocol):
    def send(self, phone: str, text: str) -> str:
        """Hand one message to the gateway; returns the gateway's reference for it."""
        ...


class LoggingGateway:
    """Records what would be sent, in the hub's log, without personal data in clear."""

    name = "logging"

    def __init__(self) -> None:
        self.sent = 0

    def send(self, phone: str, text: str) -> str:
        self.sent += 1
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        logger.info(
            "sms to %s: %d characters, sha256 %s (logging gateway: not sent)", mask_phone(phone), len(text), digest
        )
        return f"log-{digest}"
