"""The hub as an ASGI factory, for several uvicorn worker processes on one port:
``uvicorn --factory hub.asgi:app --workers N`` (or ``tongban hub serve --workers N``).

Each worker builds its own app from the environment: ``TONGBAN_HUB_DATA`` (the shared data
directory: media/, partial/, the hub's keys), ``TONGBAN_HUB_DB_URL`` (PostgreSQL: SQLite has one
writer, so several workers want PostgreSQL) and ``TONGBAN_HUB_AUTO_APPROVE`` ("1" for demos and
benchmarks). Workers keep nothing in process memory that another worker needs (hub/db.py), and
media are written into the shared data directory, so a photo's chunks may land on any worker.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from hub.server import ENV_DB_URL, build

ENV_DATA = "TONGBAN_HUB_DATA"
ENV_AUTO_APPROVE = "TONGBAN_HUB_AUTO_APPROVE"


def app() -> FastAPI:
    data = os.environ.get(ENV_DATA)
    if not data:
        raise RuntimeError(f"{ENV_DATA} must name the hub's data directory")
    _hub, application = build(Path(data), auto_approve=os.environ.get(ENV_AUTO_APPROVE) == "1",
                              db_url=os.environ.get(ENV_DB_URL) or None)
    return application
