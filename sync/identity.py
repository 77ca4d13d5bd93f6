"""The station's signing key and its enrolment with a hub."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import clock
from models.orm import Station, SyncIdentity
from models.security.keys import open_secret, seal_secret
from models.station_setup import current_station
from sync import protocol as p
from sync.client import HubClient, StationAuth
from sync.errors import SyncError

SECRET_PURPOSE = "sync-identity"


def identity(session: Session) -> SyncIdentity | None:
    return session.scalar(select(SyncIdentity).order_by(SyncIdentity.id))


def ensure_identity(session: Session) -> SyncIdentity:
    """This station's key pair, created on first use (inside the caller's write transaction)."""
    station = _station(session)
    found = identity(session)
    if found is not None:
        return found
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    # Sealed with the station's data key (a second layer inside the encrypted database).
    sealed = seal_secret(session, pem, SECRET_PURPOSE)
    found = SyncIdentity(
        station_code=station.code,
        private_key=sealed,
        public_key=p.public_key_b64(key.public_key()),
        status="none",
        created_at=clock.now(),
    )
    session.add(found)
    session.flush()
    return found


def private_key(session: Session, ident: SyncIdentity) -> Ed25519PrivateKey:
    pem = open_secret(session, ident.private_key, SECRET_PURPOSE)
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise SyncError("sync.bad_key")
    return key


def station_auth(session: Session, opter: str = "", opter_name: str = "", opter_type: str = "2") -> StationAuth:
    station = _station(session)
    ident = identity(session)
    if ident is None:
        raise SyncError("sync.not_enrolled")
    kind = opter_type if opter_type in ("1", "2", "3") else "2"
    return StationAuth(station.code, station.admdvs, private_key(session, ident), opter, opter_name, kind)  # type: ignore[arg-type]


def enrol_input(session: Session) -> p.EnrolInput:
    station = _station(session)
    ident = ensure_identity(session)
    return p.EnrolInput(
        station_code=station.code,
        name=station.name,
        admdvs=station.admdvs,
        level=str(station.level),
        public_key=ident.public_key,
    )


def enrol(client: HubClient, data: p.EnrolInput) -> p.StationStatusOutput:
    """Network part of ``tongban station enroll``: send the public key (signed with it)."""
    return p.StationStatusOutput.model_validate(client.call(p.Tx.ENROL, data))


def _station(session: Session) -> Station:
    station = current_station(session)
    if station is None:
        raise SyncError("station.not_initialised")
    return station
