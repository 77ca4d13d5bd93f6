"""Request bodies bounded before they are read (issue 17 item 7).

``BodyLimit`` is plain ASGI middleware: a ``Content-Length`` above the route's limit is refused
before a byte of the body is read, and a body sent without one (chunked) is cut off as soon as it
passes the limit. Either way the answer is a 413 in the platform's form (``infcode`` -1,
``err_code`` ``sync.too_large``), so a station reports a refusal rather than retrying a transport
failure. The app behind never sees more than the limit, so nothing it does buffers more.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sync import protocol as p

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: admin uploads (a signed catalog package) are read whole too: the same bound as a transaction
ADMIN_LIMIT = p.MAX_REQUEST_BYTES


def limit_for(method: str, path: str) -> int:
    """The most bytes a request to ``path`` may carry: a media chunk (with a little slack for
    nothing: the body is the chunk), a transaction, or nothing at all for a GET."""
    if method in ("GET", "HEAD", "OPTIONS"):
        return 0
    if method == "PUT" and path.startswith(f"{p.API_PREFIX}/media/"):
        return p.MAX_CHUNK_BYTES
    if path.startswith(p.API_PREFIX):
        return p.MAX_REQUEST_BYTES
    return ADMIN_LIMIT


class BodyLimit:
    def __init__(self, app: ASGIApp, limit: Callable[[str, str], int] = limit_for) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(scope["method"], scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(send, scope["path"], declared, limit)
            return
        received = 0
        exceeded = False
        response_started = False

        async def bounded_receive() -> Message:
            nonlocal received, exceeded
            if exceeded:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if exceeded:
                return  # the 413 below replaces whatever the app made of the cut-off body
            response_started = True
            await send(message)

        try:
            await self.app(scope, bounded_receive, guarded_send)
        except Exception:
            if not exceeded:
                raise
        if exceeded and not response_started:
            await _refuse(send, scope["path"], received, limit)


def _content_length(scope: Scope) -> int | None:
    """The declared length; a malformed one counts as too large (``2**63``)."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() and len(text) <= 18 else 2**63
    return None


async def _refuse(send: Send, path: str, size: int, limit: int) -> None:
    logger.info("request to %s refused: body of %s bytes over the limit of %d", path[:80], size, limit)
    body = json.dumps({
        "infcode": -1,
        "err_code": p.ERR_TOO_LARGE,
        "err_msg": f"request body over {limit} bytes",
        "output": {"limit": limit},
    }).encode()
    await send({
        "type": "http.response.start",
        "status": 413,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close")],
    })
    await send({"type": "http.response.body", "body": body})
