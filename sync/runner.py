"""Wiring for the CLI and the desktop: a store + a hub URL → an enrolled client and an engine."""

from __future__ import annotations

import ipaddress
from typing import Any

import httpx

from models import clock
from models.permissions import Permission, require
from models.settings import HUB_ALLOW_HTTP, HUB_URL
from models.store import Store
from sync import protocol as p
from sync.client import HubClient
from sync.engine import SyncEngine, SyncOptions
from sync.errors import SyncError
from sync.identity import enrol, enrol_input, ensure_identity, identity, station_auth
from sync.policy import CLI_RETRIES

TIMEOUT = httpx.Timeout(30.0, connect=10.0)


def http_client(
    hub_url: str, transport: httpx.BaseTransport | None = None, *, allow_http: bool = False
) -> httpx.Client:
    """A client for the hub at ``hub_url``. Plain ``http://`` to another machine is refused unless
    ``allow_http`` (the operator's ``hub_allow_http`` setting); an injected transport (tests,
    benches: no network between the two ends) is the caller's choice."""
    if transport is None:
        check_hub_url(hub_url, allow_http=allow_http)
    return httpx.Client(base_url=hub_url.rstrip("/"), timeout=TIMEOUT, transport=transport)


def check_hub_url(hub_url: str, *, allow_http: bool = False) -> None:
    """``https://`` anywhere, ``http://`` to this PC, or ``http://`` elsewhere only when allowed."""
    try:
        url = httpx.URL(hub_url)
    except (httpx.InvalidURL, TypeError):
        raise SyncError("sync.bad_hub_url") from None
    if url.scheme == "https" and url.host:
        return
    if url.scheme != "http" or not url.host:
        raise SyncError("sync.bad_hub_url")
    if not (allow_http or is_loopback(url.host)):
        raise SyncError("sync.plain_http", host=url.host)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def store_http_client(store: Store, hub_url: str) -> httpx.Client:
    """``http_client`` with this station's ``hub_allow_http`` setting."""
    return http_client(hub_url, allow_http=HUB_ALLOW_HTTP.get(store.settings))


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
    store: Store, hub_url: str, *, transport: httpx.BaseTransport | None = None, allow_http: bool = False
) -> p.StationStatusOutput:
    """``tongban station enroll``: create the key if needed, send it, remember the hub.
    ``allow_http`` (the operator's explicit ``--allow-http``) is remembered with it."""
    allow_http = allow_http or HUB_ALLOW_HTTP.get(store.settings)
    with store.db.write() as session:
        data = enrol_input(session)
        auth = station_auth(session)
    with http_client(hub_url, transport, allow_http=allow_http) as http:
        status = enrol(HubClient(http, auth), data)
    with store.db.write() as session:
        ident = ensure_identity(session)
        ident.hub_url, ident.status, ident.enrolled_at = hub_url, status.status, clock.now()
    HUB_URL.set(store.settings, hub_url)
    HUB_ALLOW_HTTP.set(store.settings, allow_http)
    store.settings.save()
    return status


def refresh_status(store: Store, hub_url: str | None = None,
                   *, transport: httpx.BaseTransport | None = None) -> p.StationStatusOutput:
    url = hub_url_for(store, hub_url)
    with store.db.read() as session:
        auth = station_auth(session)
    with http_client(url, transport, allow_http=HUB_ALLOW_HTTP.get(store.settings)) as http:
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
