"""A fault-injecting HTTP/1.1 proxy on loopback, between a station's httpx client and real hubs.

Real sockets both ways: the station talks to ``proxy.url`` exactly as it would to a hub, and the
proxy forwards each request on a fresh connection to the current upstream (``proxy.upstreams``,
taken in turn, so two hub processes can share the traffic). A plan decides per request whether
to forward it untouched or to inject a fault:

- ``DROP_BEFORE``: close the station's connection; the hub never sees the request.
- ``CUT_BODY``: pass half of the body to the hub, then cut both connections (dropped mid-upload).
- ``DROP_AFTER``: the hub handles the request, its answer is lost (connection closed).
- ``ERROR_500``: answer 500 without passing the request on; ``ERROR_500_AFTER``: pass it on, the
  hub handles it, and the station gets a 500 instead of the answer.
- ``TIMEOUT``: the hub handles it, the answer is held back for ``stall_s`` (past the station's
  read time-out) and never sent.
- ``DUPLICATE``: the same bytes go to the hub twice (a middlebox retry; the copy to the next
  upstream, so with two hubs the copies race at different workers); the station gets the first
  answer. ``DUPLICATE_LATE``: the station gets the second answer (the hub's refusal of a replay).
- ``REORDER``: the request is held and the station's connection is closed; the held bytes reach
  the hub only after the next request, as a late retransmission overtaken by the retry.
- ``HOLD``: the request is kept and the station's connection closed (so it retries); the kept
  request reaches the hub only when ``release_held()`` is called, e.g. after the station has
  since sent a newer version of the case: a stale request, never seen, authentic.

A shaped link is available for benchmarks: ``rate_bps`` (both directions share one link),
``rtt_s`` per request, and ``loss`` (a seeded fraction of requests hit by ``DROP_AFTER`` or
``CUT_BODY``). The proxy counts bytes on the wire both ways.
"""

from __future__ import annotations

import enum
import json
import random
import socket
import socketserver
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Fault(enum.Enum):
    FORWARD = "forward"
    DROP_BEFORE = "drop_before"
    CUT_BODY = "cut_body"
    DROP_AFTER = "drop_after"
    ERROR_500 = "error_500"
    ERROR_500_AFTER = "error_500_after"
    TIMEOUT = "timeout"
    DUPLICATE = "duplicate"
    DUPLICATE_LATE = "duplicate_late"
    REORDER = "reorder"
    HOLD = "hold"


@dataclass(frozen=True)
class RequestInfo:
    """What a plan sees: the n-th request (from 1), its method, path and transaction code."""

    n: int
    method: str
    path: str
    body_size: int

    @property
    def tx(self) -> str:
        """``3101`` for ``POST /api/v1/3101``, ``3202`` for a media ``PUT``, else the last path part."""
        if self.method == "PUT" and "/media/" in self.path:
            return "3202"
        return self.path.rstrip("/").rsplit("/", 1)[-1]


Plan = Callable[[RequestInfo], Fault]


@dataclass
class _Rule:
    tx: str | None
    fault: Fault
    skip: int
    times: int
    seen: int = 0


@dataclass
class Stats:
    requests: int = 0
    bytes_up: int = 0  # station → proxy
    bytes_down: int = 0  # proxy → station
    #: bytes of requests hit by a fault: the station sends each of them again
    faulted_up: int = 0
    faults: dict[str, int] = field(default_factory=dict)


_OK_500 = (
    b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: text/plain\r\ncontent-length: 21\r\n\r\nInternal Server Error"
)


class FaultProxy:
    def __init__(
        self,
        upstream: str | list[str],
        *,
        rate_bps: int | None = None,
        rtt_s: float = 0.0,
        loss: float = 0.0,
        seed: int = 8,
        stall_s: float = 5.0,
    ) -> None:
        self.upstreams = [upstream] if isinstance(upstream, str) else list(upstream)
        self.rate_bps, self.rtt_s, self.loss, self.stall_s = rate_bps, rtt_s, loss, stall_s
        self.stats = Stats()
        self._rules: list[_Rule] = []
        self._plan: Plan | None = None
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._link = threading.Lock()  # one shaped link for every connection
        self._held: list[bytes] = []
        self._kept: list[bytes] = []
        self._turn = 0
        self.log: list[tuple[RequestInfo, Fault, str]] = []  # (request, fault, upstream used)
        self.on_request: Callable[[RequestInfo], None] | None = None
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._serve_connection(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # --- control ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def inject(self, fault: Fault, tx: str | None = None, *, skip: int = 0, times: int = 1) -> None:
        """Hit the requests of transaction ``tx`` (any when None): let ``skip`` pass, then
        apply ``fault`` to the next ``times`` of them."""
        with self._lock:
            self._rules.append(_Rule(tx, fault, skip, times))

    def set_plan(self, plan: Plan | None) -> None:
        with self._lock:
            self._plan = plan

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
            self._plan = None

    def kept_bodies(self) -> list[bytes]:
        """The bodies of the requests ``HOLD`` is keeping."""
        with self._lock:
            return [raw.split(b"\r\n\r\n", 1)[1] for raw in self._kept]

    def release_held(self) -> int:
        """Deliver the requests kept by ``HOLD`` now; the number of hub answers that said ok."""
        with self._lock:
            kept, self._kept = self._kept, []
        ok = 0
        for raw in kept:
            answer = _exchange(self._next_upstream(), raw)
            if answer is not None:
                ok += int(json.loads(answer.split(b"\r\n\r\n", 1)[1] or b"{}").get("infcode") == 0)
        return ok

    def faults_applied(self) -> int:
        return sum(n for name, n in self.stats.faults.items() if name != Fault.FORWARD.value)

    # --- one connection -----------------------------------------------------------------

    def _decide(self, info: RequestInfo) -> Fault:
        with self._lock:
            if self._plan is not None:
                fault = self._plan(info)
                if fault is not Fault.FORWARD:
                    return fault
            hit: Fault | None = None
            for rule in self._rules:  # every rule counts its transaction's requests
                if rule.tx is not None and rule.tx != info.tx:
                    continue
                rule.seen += 1
                if hit is None and rule.skip < rule.seen <= rule.skip + rule.times:
                    hit = rule.fault
            if hit is not None:
                return hit
            if self.loss and self._random.random() < self.loss:
                return Fault.CUT_BODY if info.body_size > 1024 and self._random.random() < 0.5 else Fault.DROP_AFTER
            return Fault.FORWARD

    def _next_upstream(self) -> str:
        with self._lock:
            up = self.upstreams[self._turn % len(self.upstreams)]
            self._turn += 1
            return up

    def _serve_connection(self, conn: socket.socket) -> None:
        reader = _Reader(conn)
        try:
            while True:
                request = reader.read_message(is_request=True)
                if request is None:
                    return
                head, body = request
                self._transmit(len(head) + len(body), up=True)
                with self._lock:
                    self.stats.requests += 1
                    n = self.stats.requests
                method, path = head.split(b" ", 2)[:2]
                info = RequestInfo(n, method.decode(), path.decode(), len(body))
                if self.on_request is not None:
                    self.on_request(info)
                fault = self._decide(info)
                with self._lock:
                    self.stats.faults[fault.value] = self.stats.faults.get(fault.value, 0) + 1
                    if fault is not Fault.FORWARD:
                        self.stats.faulted_up += len(head) + len(body)
                raw = _with_connection_close(head) + body
                if not self._handle(conn, info, fault, raw, len(head)):
                    return
        except OSError:
            return
        finally:
            conn.close()

    def _handle(self, conn: socket.socket, info: RequestInfo, fault: Fault, raw: bytes, head_len: int) -> bool:
        """Apply ``fault`` to one request; False when the station's connection is to be closed."""
        with self._lock:
            held, self._held = self._held, []
            if fault is Fault.REORDER:
                self._held = [*held, raw]
                return False
        upstream = self._next_upstream()
        self.log.append((info, fault, upstream))
        if fault is Fault.DROP_BEFORE:
            self._release(held, upstream)
            return False
        if fault is Fault.ERROR_500:
            self._reply(conn, _OK_500)
            self._release(held, upstream)
            return True
        if fault is Fault.CUT_BODY:
            cut = head_len + max(1, (len(raw) - head_len) // 2)
            _send_partial(upstream, raw[:cut])
            self._release(held, upstream)
            return False
        if fault is Fault.HOLD:
            with self._lock:
                self._kept.append(raw)
            self._release(held, upstream)
            return False
        answer = _exchange(upstream, raw)
        self._release(held, upstream)
        if fault in (Fault.DUPLICATE, Fault.DUPLICATE_LATE):
            second = _exchange(self._next_upstream(), raw)
            if fault is Fault.DUPLICATE_LATE:
                answer = second
        if answer is None or fault is Fault.DROP_AFTER:
            return False
        if fault is Fault.TIMEOUT:
            time.sleep(self.stall_s)
            return False
        if fault is Fault.ERROR_500_AFTER:
            answer = _OK_500
        self._reply(conn, answer)
        return True

    def _release(self, held: list[bytes], upstream: str) -> None:
        for raw in held:  # the late retransmission: its answer goes nowhere
            _exchange(upstream, raw)

    def _reply(self, conn: socket.socket, data: bytes) -> None:
        self._transmit(len(data), up=False)
        conn.sendall(data)

    def _transmit(self, nbytes: int, *, up: bool) -> None:
        """Shape: half the round trip per direction, and the bytes at the link rate."""
        with self._lock:
            if up:
                self.stats.bytes_up += nbytes
            else:
                self.stats.bytes_down += nbytes
        wait = self.rtt_s / 2
        if self.rate_bps:
            with self._link:
                time.sleep(nbytes / self.rate_bps)
        if wait:
            time.sleep(wait)


# --- HTTP plumbing ----------------------------------------------------------------------


class _Reader:
    """Reads HTTP/1.1 messages (Content-Length or chunked bodies) from a socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buf = b""

    def _fill(self) -> bool:
        data = self.sock.recv(65536)
        if not data:
            return False
        self.buf += data
        return True

    def read_message(self, *, is_request: bool) -> tuple[bytes, bytes] | None:
        while b"\r\n\r\n" not in self.buf:
            if not self._fill():
                return None
        end = self.buf.index(b"\r\n\r\n") + 4
        head, self.buf = self.buf[:end], self.buf[end:]
        headers = _headers(head)
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._read_chunked()
            head = _replace_chunked(head, len(body))
        else:
            length = int(headers.get("content-length", "0"))
            while len(self.buf) < length:
                if not self._fill():
                    return None
            body, self.buf = self.buf[:length], self.buf[length:]
        return head, body

    def _read_chunked(self) -> bytes:
        body = b""
        while True:
            while b"\r\n" not in self.buf:
                if not self._fill():
                    raise OSError("chunked body cut")
            line, self.buf = self.buf.split(b"\r\n", 1)
            size = int(line.split(b";")[0], 16)
            while len(self.buf) < size + 2:
                if not self._fill():
                    raise OSError("chunked body cut")
            body, self.buf = body + self.buf[:size], self.buf[size + 2 :]
            if size == 0:
                return body


def _headers(head: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            out[k.strip().lower()] = v.strip()
    return out


def _replace_chunked(head: bytes, length: int) -> bytes:
    lines = [ln for ln in head.rstrip(b"\r\n").split(b"\r\n") if not ln.lower().startswith(b"transfer-encoding")]
    return b"\r\n".join([*lines, b"content-length: %d" % length]) + b"\r\n\r\n"


def _with_connection_close(head: bytes) -> bytes:
    lines = [ln for ln in head.rstrip(b"\r\n").split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n"


def _without_connection(head: bytes) -> bytes:
    lines = [ln for ln in head.rstrip(b"\r\n").split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _address(upstream: str) -> tuple[str, int]:
    hostport = upstream.split("://", 1)[-1].rstrip("/")
    host, port = hostport.rsplit(":", 1)
    return host, int(port)


def _exchange(upstream: str, raw: bytes) -> bytes | None:
    """Send one request on a fresh connection; the whole answer, or None if the hub is down."""
    try:
        with socket.create_connection(_address(upstream), timeout=30) as sock:
            sock.sendall(raw)
            message = _Reader(sock).read_message(is_request=False)
    except OSError:
        return None
    if message is None:
        return None
    head, body = message
    return _without_connection(head) + body


def _send_partial(upstream: str, raw: bytes) -> None:
    try:
        with socket.create_connection(_address(upstream), timeout=30) as sock:
            sock.sendall(raw)
            time.sleep(0.05)  # let the hub start reading, then the line goes dead
    except OSError:
        pass


def describe(proxy: FaultProxy) -> dict[str, Any]:
    """Counters for test messages and benchmark reports."""
    return {
        "requests": proxy.stats.requests,
        "bytes_up": proxy.stats.bytes_up,
        "bytes_down": proxy.stats.bytes_down,
        "faults": dict(proxy.stats.faults),
    }
