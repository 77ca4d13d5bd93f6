"""Talking to the hub: signed envelopes over an injected ``httpx.Client``, retries with backoff
(how many and how long: sync/policy.py).

Transport failures and 5xx answers are retried (a fresh envelope, so a fresh nonce, each time);
a refusal (``infcode`` -1) is not, except two that say nothing about the request itself: a
clock-skew refusal, corrected once with the hub's time and sent again, and a replay refusal.
This client never reuses a nonce, so a replay refusal means something on the way (a proxy or
load balancer retrying on its own) delivered our request twice and we were handed the answer to
the copy; the original was handled, and every transaction is idempotent, so it is sent once more
with a fresh nonce.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel, ValidationError

from models import clock
from sync import protocol as p
from sync.errors import REFUSALS, SyncError
from sync.policy import CLI_RETRIES, RetryPolicy

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StationAuth:
    station_code: str
    admdvs: str
    key: Ed25519PrivateKey
    opter: str = ""
    opter_name: str = ""
    opter_type: Literal["1", "2", "3"] = "2"


class HubRefused(SyncError):
    """The hub answered ``infcode`` -1. ``hub_code`` is its err_code, ``output`` its detail."""

    def __init__(self, hub_code: str, output: dict[str, Any]) -> None:
        super().__init__(REFUSALS.get(hub_code, "sync.refused"), hub_code=hub_code)
        self.hub_code = hub_code
        self.output = output


class HubClient:
    def __init__(
        self,
        http: httpx.Client,
        auth: StationAuth,
        *,
        retries: int = CLI_RETRIES.retries,
        backoff_s: float = CLI_RETRIES.backoff_s,
        max_backoff_s: float = CLI_RETRIES.max_backoff_s,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], dt.datetime] = clock.now,
        hub_key: str | None = None,
    ) -> None:
        self.http = http
        self.auth = auth
        #: The hub key this station pinned (base64 Ed25519): every answer must be signed by it.
        self.hub_key = hub_key
        #: With no pin yet: the key that signed this run's good answers, to pin after it.
        self.seen_hub_key: str | None = None
        self._nonce = ""
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.sleep = sleep
        self.now = now
        #: hub time minus station time (seconds), learnt from answers
        self.clock_offset = 0.0
        self.bytes_sent = 0

    def envelope(self, tx: p.Tx, payload: BaseModel | dict[str, Any]) -> p.Envelope:
        a = self.auth
        env = p.build_envelope(
            infno=tx.value, station_code=a.station_code, admdvs=a.admdvs, payload=payload, key=a.key,
            now=self.now(), clock_offset=self.clock_offset, opter=a.opter, opter_name=a.opter_name,
            opter_type=a.opter_type,
        )
        self._nonce = env.nonce  # the answer to this request is signed over it
        return env

    def call(self, tx: p.Tx, payload: BaseModel | dict[str, Any]) -> dict[str, Any]:
        """Send one transaction; the ``output`` of a successful answer."""

        def send() -> httpx.Response:
            env = self.envelope(tx, payload)
            body = env.model_dump_json().encode()
            self.bytes_sent += len(body)
            return self._bounded(self.http.build_request(
                "POST", f"{p.API_PREFIX}/{tx.value}", content=body,
                headers={"Content-Type": "application/json", p.STATION_HEADER: env.station_code,
                         p.NONCE_HEADER: env.nonce},
            ))

        return self._exchange(send)

    def put_chunk(self, data: p.MediaChunkInput, body: bytes) -> dict[str, Any]:
        def send() -> httpx.Response:
            env = self.envelope(p.Tx.MEDIA_CHUNK, data)
            self.bytes_sent += len(body)
            return self._bounded(self.http.build_request(
                "PUT", f"{p.API_PREFIX}/media/{data.sha256}", content=body,
                headers={p.ENVELOPE_HEADER: p.envelope_header(env), "Content-Type": "application/octet-stream"},
            ))

        return self._exchange(send)

    def _bounded(self, request: httpx.Request) -> httpx.Response:
        """The answer read as it arrives and refused past ``MAX_ANSWER_BYTES`` (decoded bytes, so
        a compressed bomb is cut off too): a hostile or broken hub cannot fill the station's
        memory (issue 17 item 10). A refusal, not a transport failure: it is not retried."""
        response = self.http.send(request, stream=True)
        try:
            limit = p.MAX_ANSWER_BYTES
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit and not response.headers.get("content-encoding"):
                raise SyncError("sync.answer_too_large", limit_mb=limit >> 20)
            content = bytearray()
            for piece in response.iter_bytes():
                content += piece
                if len(content) > limit:
                    raise SyncError("sync.answer_too_large", limit_mb=limit >> 20)
        finally:
            response.close()
        skip = {"content-encoding", "content-length", "transfer-encoding"}
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in skip]
        return httpx.Response(response.status_code, headers=headers, content=bytes(content), request=request)

    def _exchange(self, send: Callable[[], httpx.Response]) -> dict[str, Any]:
        skew_corrected = replay_retried = False
        attempt = 0
        while True:
            try:
                response = send()
            except httpx.TransportError as exc:
                self._backoff(attempt, type(exc).__name__)
                attempt += 1
                continue
            if response.status_code >= 500:
                self._backoff(attempt, f"HTTP {response.status_code}")
                attempt += 1
                continue
            self._check_hub_signature(response)
            answer = self._parse(response)
            self._learn_clock(answer)
            if answer.infcode == 0:
                return answer.output
            if answer.err_code == p.ERR_STALE and not skew_corrected:
                skew_corrected = True  # clock_offset was just learnt from this answer
                continue
            if answer.err_code == p.ERR_REPLAYED and not replay_retried:
                replay_retried = True
                logger.info("hub saw this request twice (duplicated on the way); sending it afresh")
                continue
            raise HubRefused(answer.err_code or "sync.refused", answer.output)

    def _check_hub_signature(self, response: httpx.Response) -> None:
        """With a pinned hub key, an answer not signed by it is refused (another hub, or one in
        the way); not retried. Without one (a station enrolled before hubs signed), the key that
        signed a verifying answer is noted for the caller to pin after a good run."""
        key = response.headers.get(p.HUB_KEY_HEADER, "")
        signature = response.headers.get(p.HUB_SIGNATURE_HEADER, "")
        if self.hub_key:
            if not signature or not p.answer_verifies(self.hub_key, self._nonce, response.content, signature):
                logger.warning("answer not signed by the pinned hub key: refused")
                raise SyncError("sync.hub_not_trusted")
        elif key and signature and p.answer_verifies(key, self._nonce, response.content, signature):
            if self.seen_hub_key not in (None, key):
                raise SyncError("sync.hub_not_trusted")  # two hubs answering within one run
            self.seen_hub_key = key

    @property
    def retry_policy(self) -> RetryPolicy:
        """sync/policy.py's policy for these settings (tests and callers may change them)."""
        return RetryPolicy(self.retries, self.backoff_s, self.max_backoff_s)

    def _backoff(self, attempt: int, why: str) -> None:
        policy = self.retry_policy
        if policy.gives_up(attempt):
            logger.info("hub unreachable after %d attempts (%s)", attempt + 1, why)
            raise SyncError("sync.unreachable", detail=why)
        delay = policy.delay(attempt)
        logger.info("hub exchange failed (%s); retry %d in %.1fs", why, attempt + 1, delay)
        self.sleep(delay)

    @staticmethod
    def _parse(response: httpx.Response) -> p.Answer:
        try:
            return p.Answer.model_validate_json(response.content)
        except ValidationError as exc:
            raise SyncError("sync.bad_answer", status=response.status_code) from exc

    def _learn_clock(self, answer: p.Answer) -> None:
        if answer.server_time:
            self.clock_offset = answer.server_time - self.now().timestamp()
