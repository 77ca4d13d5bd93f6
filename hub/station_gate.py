"""Transactions from unknown stations refused from the headers, before the body is read
(issue 17 item 7: "reject unknown stations from the headers first").

Stations of this version send ``X-Tongban-Station`` (their code) and ``X-Tongban-Nonce`` (the
nonce of the envelope in the body) with every ``POST /api/v1/{infno}``. A code the hub has never
enrolled is answered at once with ``sync.unknown_station``, signed over the header's nonce so the
station can check it, and not a byte of the body is read. Enrolment (9001) is the one transaction
an unknown station may send. Requests without the header (stations of the previous version) go on
to the body-bounded path as before; the route then checks that a header that was sent names the
envelope's own station, so the header cannot be used to slip past this gate with another's code
(the body is bounded by ``BodyLimit`` either way).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from sync import protocol as p

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: what a station code and a nonce look like on the wire; anything else in the headers is
#: treated as absent (the envelope in the body is then checked as before)
_CODE = re.compile(r"[0-9A-Za-z_-]{1,40}")
_NONCE = re.compile(r"[0-9A-Za-z_-]{1,64}")


def station_headers(scope: Scope) -> tuple[str, str] | None:
    """(station code, nonce) from a request's headers, or None when the station sent none."""
    code = nonce = ""
    for name, value in scope.get("headers", ()):
        if name == p.STATION_HEADER.lower().encode():
            code = value.decode("latin-1").strip()
        elif name == p.NONCE_HEADER.lower().encode():
            nonce = value.decode("latin-1").strip()
    if not _CODE.fullmatch(code):
        return None
    return code, nonce if _NONCE.fullmatch(nonce) else ""


class StationGate:
    """ASGI middleware: ``known(code)`` (a blocking database read, run in a thread) decides;
    ``refusal(nonce)`` is the signed answer for an unknown station."""

    def __init__(self, app: ASGIApp, known: Callable[[str], bool], refusal: Callable[[str], Response]) -> None:
        self.app = app
        self.known = known
        self.refusal = refusal
        self._gated = {f"{p.API_PREFIX}/{tx.value}" for tx in p.Tx if tx is not p.Tx.ENROL}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] in self._gated:
            sent = station_headers(scope)
            if sent is not None and not await run_in_threadpool(self.known, sent[0]):
                await self.refusal(sent[1])(scope, receive, send)
                return
        await self.app(scope, receive, send)
