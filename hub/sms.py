"""The county's SMS gateway, as the hub sees it: one call per message.

``SmsGateway`` is the interface; ``LoggingGateway`` (the default) sends nothing and writes one log
line per message with the number masked and the text as its length and hash (the text names the
applicant, so it is never logged in clear). A county that has a gateway implements ``send`` (its
provider's HTTP API) and passes it to ``Hub(..., gateway=...)``; failures raise ``SmsError`` and
the message stays for the next delivery round.

A county configures its gateway without editing the hub: ``tongban hub serve --sms-gateway
county_sms:make_gateway`` (or ``TONGBAN_HUB_SMS_GATEWAY``) names an importable factory that
returns an ``SmsGateway`` (``load_gateway``); nothing named, the logging one.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
from typing import Protocol

from models.errors import UserFacingError
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


#: ``module:factory`` of the county's gateway when ``--sms-gateway`` is not given
ENV_GATEWAY = "TONGBAN_HUB_SMS_GATEWAY"


def load_gateway(spec: str | None = None) -> SmsGateway:
    """The gateway named by ``spec`` (else ``$TONGBAN_HUB_SMS_GATEWAY``) as ``module:factory``:
    the factory is called with no arguments and must return an object with ``send``. Nothing
    named: ``LoggingGateway``. A name that does not resolve stops the hub from starting (a county
    that configured a gateway must not silently get the logging one)."""
    text = (spec if spec is not None else os.environ.get(ENV_GATEWAY, "")).strip()
    if not text:
        return LoggingGateway()
    module, _, name = text.partition(":")
    try:
        factory = getattr(importlib.import_module(module.strip()), name.strip())
        gateway = factory()
    except (ImportError, AttributeError, TypeError, ValueError) as exc:
        raise UserFacingError("hub.sms_gateway_bad", spec=text) from exc
    if not callable(getattr(gateway, "send", None)):
        raise UserFacingError("hub.sms_gateway_bad", spec=text)
    logger.info("SMS gateway: %s (%s)", text, type(gateway).__name__)
    return gateway
