"""Wiring for the CLI and the desktop: a store + a hub URL → an enrolled client and an engine."""

from __future__ import annotations

import ipaddress
from typing import Any

import httpx

from models import audit, clock
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
    store: Store,
    hub_url: str,
    *,
    transport: httpx.BaseTransport | None = None,
    allow_http: bool = False,
    clerk: Any = None,
) -> p.StationStatusOutput:
    """``tongban station enroll``: create the key if needed, send it, remember the hub and pin
    the key it signs its answers with. Enrolling (or moving to another hub) decides where every
    case goes: ``clerk`` (None: the system) must be an admin, and it is audited. ``allow_http``
    (the operator's explicit ``--allow-http``) is remembered with it."""
    require(clerk, Permission.STATION_ADMIN)
    allow_http = allow_http or HUB_ALLOW_HTTP.get(store.settings)
    with store.db.write() as session:
        data = enrol_input(session)
        auth = station_auth(session)
        before = identity(session)
        previous_url = before.hub_url if before else None
    with http_client(hub_url, transport, allow_http=allow_http) as http:
        client = HubClient(http, auth)
        status = enrol(client, data)
    with store.db.write() as session:
        ident = ensure_identity(session)
        ident.hub_url, ident.status, ident.enrolled_at = hub_url, status.status, clock.now()
        ident.hub_key = client.seen_hub_key  # None from a hub of the previous version
        audit.record(
            session,
            "station.enroll",
            f"hub:{httpx.URL(hub_url).host}",
            clerk=clerk,
            detail={
                "hub_url": hub_url,
                "previous_hub_url": previous_url,
                "status": status.status,
                "key_fingerprint": p.key_fingerprint(ident.public_key),
                "hub_key_fingerprint": p.key_fingerprint(ident.hub_key) if ident.hub_key else None,
            },
        )
    HUB_URL.set(store.settings, hub_url)
    HUB_ALLOW_HTTP.set(store.settings, allow_http)
    store.settings.save()
    return status


def run_hub_url(store: Store, explicit: str | None, clerk: Any) -> str:
    """The hub for ``sync run [--hub URL]``: a URL other than the enrolled one is changing the
    hub for this run, which needs an admin and is audited (the pinned hub key is checked too)."""
    if not explicit:
        return hub_url_for(store)
    with store.db.read() as session:
        ident = identity(session)
    enrolled = (ident.hub_url if ident else None) or HUB_URL.get(store.settings) or ""
    if explicit.rstrip("/") == enrolled.rstrip("/"):
        return enrolled
    require(clerk, Permission.STATION_ADMIN)
    with store.db.write() as session:
        audit.record(session, "station.hub_change", f"hub:{httpx.URL(explicit).host}", clerk=clerk,
                     detail={"hub_url": explicit, "enrolled_hub_url": enrolled})
    return explicit


def pin_hub_key(store: Store, client: HubClient) -> bool:
    """A station enrolled before hubs signed their answers learns the key after a good exchange
    (True when it pinned one now); from then on answers signed otherwise are refused."""
    if client.hub_key or not client.seen_hub_key:
        return False
    with store.db.write() as session:
        ident = identity(session)
        if ident is None or ident.hub_key:
            return False
        ident.hub_key = client.seen_hub_key
        audit.record(session, "sync.hub_key_pinned", "station", clerk=None,
                     detail={"hub_key_fingerprint": p.key_fingerprint(ident.hub_key)})
    return True


def refresh_status(store: Store, hub_url: str | None = None,
                   *, transport: httpx.BaseTransport | None = None) -> p.StationStatusOutput:
    url = hub_url_for(store, hub_url)
    with store.db.read() as session:
        auth = station_auth(session)
        ident = identity(session)
        pinned = ident.hub_key if ident else None
    with http_client(url, transport, allow_http=HUB_ALLOW_HTTP.get(store.settings)) as http:
        client = HubClient(http, auth, hub_key=pinned)
        status = p.StationStatusOutput.model_validate(client.call(p.Tx.STATION_STATUS, {}))
    with store.db.write() as session:
        ident = ensure_identity(session)
        ident.status = status.status
    pin_hub_key(store, client)
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
        ident = identity(session)
        pinned = ident.hub_key if ident else None
    client = HubClient(http, auth, retries=retries, backoff_s=backoff_s, hub_key=pinned)
    engine = SyncEngine(store.db, store.paths.media, client, options)
    engine.after_good_run = lambda: pin_hub_key(store, client)
    engine.audit_clerk = clerk
    return engine
