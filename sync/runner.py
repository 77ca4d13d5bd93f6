"""Wiring for the CLI and the desktop: a store + a hub URL → an enrolled client and an engine."""

from __future__ import annotations

from typing import Any

import httpx

from models import clock
from models.permissions import Permission, require
from models.settings import HUB_URL
from models.store import Store
from sync import protocol as p
from sync.client import HubClient
from sync.engine import SyncEngine, SyncOptions
from sync.errors import SyncError
from sync.identity import enrol, enrol_input, ensure_identity, identity, station_auth
from sync.policy import CLI_RETRIES

TIMEOUT = httpx.Timeout(30.0, connect=10.0)


def http_client(hub_url: str, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    return httpx.Client(base_url=hub_url.rstrip("/"), timeout=TIMEOUT, transport=transport)


def hub_url_for(store: Store, explicit: str | None = None) -> str:
    if explicit:
        return explicit
    with store.db.read() as session:
        ident = identity(session)
    url = (ident.hub_url if ident else None) or HUB_URL.get(store.settings)
    if not url:
        raise SyncError("sync.no_hub")
    return url


def enroll_station(
    store: Store, hub_url: str, *, transport: httpx.BaseTransport | None = None
) -> p.StationStatusOutput:
    """``tongban station enroll``: create the key if needed, send it, remember the hub."""
    with store.db.write() as session:
        data = enrol_input(session)
        auth = station_auth(session)
    with http_client(hub_url, transport) as http:
        status = enrol(HubClient(http, auth), data)
    with store.db.write() as session:
        ident = ensure_identity(session)
        ident.hub_url, ident.status, ident.enrolled_at = hub_url, status.status, clock.now()
    HUB_URL.set(store.settings, hub_url)
    store.settings.save()
    return status


def refresh_status(store: Store, hub_url: str | None = None,
                   *, transport: httpx.BaseTransport | None = None) -> p.StationStatusOutput:
    url = hub_url_for(store, hub_url)
    with store.db.read() as session:
        auth = station_auth(session)
    with http_client(url, transport) as http:
        status = p.StationStatusOutput.model_validate(HubClient(http, auth).call(p.Tx.STATION_STATUS, {}))
    with store.db.write() as session:
        ident = ensure_identity(session)
        ident.status = status.status
    return status


def make_engine(
    store: Store,
    http: httpx.Client,
    options: SyncOptions | None = None,
    *,
    opter: str = "",
    opter_name: str = "",
    opter_type: str = "2",
    retries: int = CLI_RETRIES.retries,
    backoff_s: float = CLI_RETRIES.backoff_s,
    clerk: Any = None,
) -> SyncEngine:
    """An engine for one run; ``clerk`` (None: the system, e.g. the automatic background sync)
    must hold the 数据同步 permission and is named in the run's audit entries."""
    require(clerk, Permission.SYNC)
    if clerk is not None and not opter:  # the envelope's operator (opter) is the signed-in clerk
        opter, opter_name = clerk.login, opter_name or clerk.name
    with store.db.read() as session:
        auth = station_auth(session, opter, opter_name, opter_type)
    client = HubClient(http, auth, retries=retries, backoff_s=backoff_s)
    engine = SyncEngine(store.db, store.paths.media, client, options)
    engine.audit_clerk = clerk
    return engine
