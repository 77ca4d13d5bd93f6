"""Running the hub: ``tongban hub serve`` in the foreground, or a background server on a
loopback port (demos, tests, the durability harness)."""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from hub.app import create_app
from hub.db import HubDb
from hub.service import Hub
from hub.sms import load_gateway


def admin_token(data: Path) -> str:
    """The operator token for the admin API, created once in the data directory (0600)."""
    path = data / "admin.token"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    # Written aside, then linked into place: two workers starting on one data directory end up
    # with the same token (the second link fails and that worker reads the first one's).
    temp = data / f".admin.token.{os.getpid()}.{secrets.token_hex(4)}"
    temp.write_text(token, encoding="utf-8")
    temp.chmod(0o600)
    try:
        os.link(temp, path)
    except FileExistsError:
        token = path.read_text(encoding="utf-8").strip()
    finally:
        temp.unlink()
    return token


#: the hub database's URL when not given (e.g. PostgreSQL for every ``tongban hub …`` command)
ENV_DB_URL = "TONGBAN_HUB_DB_URL"


def open_hub(
    data: Path, *, auto_approve: bool = False, url: str | None = None, sms_gateway: str | None = None
) -> Hub:
    """``sms_gateway``: the county's gateway as ``module:factory`` (hub/sms.py ``load_gateway``;
    default ``$TONGBAN_HUB_SMS_GATEWAY``, else the logging gateway)."""
    url = url or os.environ.get(ENV_DB_URL) or None
    gateway = load_gateway(sms_gateway)
    db = HubDb(url) if url else HubDb.in_dir(data)
    return Hub(db, data, auto_approve=auto_approve, gateway=gateway)


def build(data: Path, *, auto_approve: bool = False, db_url: str | None = None,
          token: str | None = None, sms_gateway: str | None = None) -> tuple[Hub, FastAPI]:
    hub = open_hub(data, auto_approve=auto_approve, url=db_url, sms_gateway=sms_gateway)
    return hub, create_app(hub, admin_token=token or admin_token(data))


def serve(app: FastAPI, host: str, port: int) -> None:
    uvicorn.run(app, host=host, port=port, log_level="warning")


def serve_workers(data: Path, host: str, port: int, workers: int, *, auto_approve: bool = False,
                  db_url: str | None = None) -> None:
    """``workers`` uvicorn processes on one port (hub/asgi.py), sharing ``data`` and the database."""
    os.environ["TONGBAN_HUB_DATA"] = str(data)
    os.environ["TONGBAN_HUB_AUTO_APPROVE"] = "1" if auto_approve else "0"
    if db_url:
        os.environ[ENV_DB_URL] = db_url
    uvicorn.run("hub.asgi:app", factory=True, host=host, port=port, workers=workers, log_level="warning")


class BackgroundServer:
    """uvicorn in a thread on a port the OS picks; ``url`` once ``start()`` returns."""

    def __init__(self, app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port))
        self.port = self._sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self._sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout_s: float = 10.0) -> BackgroundServer:
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while not self.server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("hub did not start")
            time.sleep(0.01)  # polling a flag set by the server thread
        return self

    def stop(self, timeout_s: float = 10.0) -> None:
        self.server.should_exit = True
        self._thread.join(timeout_s)
        self._sock.close()

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
