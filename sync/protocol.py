"""Wire protocol between a station and the hub, shared by sync/ and hub/.

Every request is an envelope modelled on the national medical-insurance platform's interface
conventions (``infno``, ``msgid``, ``inf_time``, ``opter``…, ``input``) and every answer carries
``infcode`` (0 ok), ``inf_refmsgid``, ``err_msg`` and ``output``, so integrators who know the
national platform recognise it. docs/sync-protocol.md describes it in full.

Requests are signed with the station's Ed25519 key: the signature covers the canonical JSON of
the whole envelope (minus ``cainfo``, which carries the signature), including ``sign_time`` and
a random ``nonce``; the hub refuses a signature that does not verify, a ``sign_time`` outside its
window and a nonce it has seen (replay).
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import hashlib
import itertools
import json
import secrets
import threading
from decimal import Decimal
from typing import Annotated, Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, Field

from models.clock import CHINA

#: The interface version a station sends in every envelope. V1.1 (schema 0011): 4301 roster
#: records may carry the person's insurance data (``RosterRecord.insurance``); a hub sends it only
#: to a station whose envelope says V1.1 or later, so stations of V1.0 (which forbid unknown
#: fields) get the records they know. A hub of V1.0 ignores ``infver``.
INFVER = "V1.1"
#: The first version whose 4301 records carry ``insurance``.
INFVER_ROSTER_INSURANCE = "V1.1"
SIGNTYPE = "ED25519"
API_PREFIX = "/api/v1"
#: HTTP header carrying the signed envelope of a binary media chunk (JSON, ASCII only).
ENVELOPE_HEADER = "X-Tongban-Envelope"
#: Headers of every transaction POST (since issue 17): the station's code and the
#: body envelope's nonce, so a hub refuses an unknown station before reading the body
#: (docs/sync-protocol.md, "Unknown stations from the headers"). Stations of the previous
#: version send neither and are served as before.
STATION_HEADER = "X-Tongban-Station"
NONCE_HEADER = "X-Tongban-Nonce"
#: Every answer to a transaction carries the hub's Ed25519 public key and its signature over
#: ``answer_message`` (docs/sync-protocol.md, "The hub's key"): headers, so stations of the
#: previous version, which do not know them, read the answers as before.
HUB_KEY_HEADER = "X-Tongban-Hub-Key"
HUB_SIGNATURE_HEADER = "X-Tongban-Hub-Signature"
ANSWER_CONTEXT = b"tongban-answer-v1\0"
#: How far ``sign_time`` may be from the hub's clock (seconds). Stations correct for clock
#: skew with the hub time returned in every answer (see ``Answer.server_time``).
SIGN_WINDOW_S = 300

# --- sizes and ranges, checked at the edge (issue 17 items 7, 8 and 10) -------------------
#: Largest request body the hub reads for a transaction. The largest legitimate one is a
#: 3101 batch: 50 cases (``SyncOptions.batch_size``) of a few KiB each, well under 1 MiB.
MAX_REQUEST_BYTES = 16 << 20
#: Largest media chunk body (stations send 256 KiB, ``SyncOptions.chunk_size``).
MAX_CHUNK_BYTES = 4 << 20
#: Largest media file a station may declare (as for USB bundles, sync/bundle_format.MAX_DATA).
MAX_MEDIA_BYTES = 512 << 20
#: Largest answer a station reads from a hub; the largest legitimate one is a 4401 catalog
#: package (base64, under 2 MiB today).
MAX_ANSWER_BYTES = 32 << 20
#: Integers on the wire fit a signed 64-bit column: anything larger is refused by validation
#: (an input error), never by the database (which would be a 500).
Int64 = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
Count = Annotated[int, Field(ge=0, le=2**63 - 1)]
MediaSize = Annotated[int, Field(ge=0, le=MAX_MEDIA_BYTES)]


class Tx(enum.StrEnum):
    """Transaction codes (``infno``). 9xxx: station management; 3xxx: upload; 4xxx: download;
    1162: e-voucher resolution, numbered as the national platform numbers it in some regions."""

    ENROL = "9001"  # station enrolment (public key), like the national 9001 签到
    STATION_STATUS = "9002"  # enrolment status and hub time
    CASE_BATCH = "3101"  # upload a batch of case revisions
    MEDIA_STATUS = "3201"  # how many bytes of a media file the hub holds
    MEDIA_CHUNK = "3202"  # one chunk of a media file (binary body, envelope in a header)
    RESULTS = "4101"  # case results and status changes from the centre, by cursor
    HOLIDAYS = "4201"  # statutory holidays and 调休 working days
    ROSTER = "4301"  # insured persons of the station's area, by cursor
    CATALOG = "4401"  # newest signed catalog package
    EVOUCHER = "1162"  # resolve an e-voucher QR code to a person


#: Machine-readable error codes in ``Answer.err_code`` (``err_msg`` is a short English text).
ERR_BAD_ENVELOPE = "sync.bad_envelope"
ERR_UNKNOWN_STATION = "sync.unknown_station"
ERR_NOT_APPROVED = "sync.not_approved"
ERR_BAD_SIGNATURE = "sync.bad_signature"
ERR_STALE = "sync.clock_skew"
ERR_REPLAYED = "sync.replayed"
ERR_MEDIA_OFFSET = "sync.media_offset"
ERR_MEDIA_HASH = "sync.media_hash"
ERR_NOT_FOUND = "sync.not_found"
ERR_KEY_CHANGE = "sync.key_change_refused"
#: the request body is over the route's limit (HTTP 413): ``output.limit`` says how many bytes
ERR_TOO_LARGE = "sync.too_large"


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Envelope(Wire):
    infno: str = Field(min_length=4, max_length=6)
    #: station code (9) + yyyyMMddHHmmss (14) + serial (4)
    msgid: str = Field(min_length=27, max_length=30)
    #: station's local time, ``yyyy-MM-dd HH:mm:ss`` (China Standard Time), for people reading logs
    inf_time: str
    infver: str = INFVER
    opter: str = ""
    opter_name: str = ""
    #: 1 staff, 2 self-service, 3 mobile; automatic background sync sends 2
    opter_type: Literal["1", "2", "3"] = "1"
    station_code: str = Field(min_length=9, max_length=9)
    #: 行政区划代码 of the place the station serves
    admdvs: str
    signtype: str = SIGNTYPE
    #: seconds since the epoch, corrected by the station for its skew against the hub
    sign_time: Int64
    nonce: str = Field(min_length=16, max_length=64)
    #: base64 Ed25519 signature over ``canonical_bytes`` (the national field for CA data)
    cainfo: str = ""
    input: dict[str, Any] = Field(default_factory=dict)


class Answer(Wire):
    infcode: Int64  # 0 success, -1 failure
    inf_refmsgid: str = ""
    refmsg_time: str = ""
    respond_time: str = ""
    err_code: str = ""
    err_msg: str = ""
    warn_msg: str = ""
    #: hub clock, seconds since the epoch: stations correct ``sign_time`` with it
    server_time: Int64 = 0
    output: dict[str, Any] = Field(default_factory=dict)


# --- transaction inputs and outputs -------------------------------------------------------


class EnrolInput(Wire):
    station_code: str
    name: str
    admdvs: str
    level: str
    public_key: str  # base64 raw Ed25519 public key
    #: Only to change the key of a station the hub knows: base64 Ed25519 signature by the
    #: station's *current* key over ``rekey_message`` (docs/sync-protocol.md, Authentication).
    previous_key_signature: str | None = None


class AuditAnchor(Wire):
    seq: int = Field(ge=0, le=2**62)
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class StatusInput(Wire):
    """9002 input: empty from stations of the previous version; since issue 17 the station's
    audit-chain head, which the hub keeps as an anchor."""

    audit_head: AuditAnchor | None = None


class StationStatusOutput(Wire):
    station_code: str
    status: Literal["pending", "approved", "revoked"]


class MediaRef(Wire):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: MediaSize
    mime: str
    page_no: Int64 = 1


class MaterialRecord(Wire):
    key: str
    name: str
    status: str
    satisfied_by: str | None = None
    files: list[MediaRef] = Field(default_factory=list)


class EventRecord(Wire):
    seq: Int64
    action: str
    from_state: str | None
    to_state: str
    actor: str | None = None
    clerk_login: str | None = None
    at: dt.datetime
    reason: str | None = None
    #: The station-wide event sequence (models/clock_guard.py): the order of events across cases
    #: that a clock set back cannot change. Optional: None from stations (or events) before it.
    station_seq: Int64 | None = None
    #: ``at`` was read from a clock that looked wrong at the station (set back, or skewed from the
    #: hub's time): the centre should not trust it. Optional: False from stations before it.
    clock_suspect: bool = False


class PersonRecord(Wire):
    id_number: str
    name: str
    gender: str | None = None
    birth_date: dt.date | None = None
    card_number: str | None = None


class RatingRecord(Wire):
    """好差评 of the case (models/rating.py): optional on CaseRecord, so older stations still validate."""

    rating: str
    reason: str | None = None
    comment: str | None = None
    rated_at: dt.datetime | None = None
    #: "screen" (the customer screen) or "device:<name>" (an evaluator device)
    channel: str | None = None
    followup_at: dt.datetime | None = None
    followup_note: str | None = None
    followup_by: str | None = None  # the clerk's login


class NotificationRecord(Wire):
    """One 消息推送 made at the station when the case reached ``state`` (models/notify.py)."""

    #: the station's notification id: with the case's uuid, the hub records each one once
    id: Int64
    event: str  # 受理 / 补正 / 未办结 / 办结
    state: str
    text: str
    #: the applicant's number, only when they agreed to 短信 notices; else null (not sent)
    phone: str | None = None
    #: the seed citation (003#…) or composed:<event> for a template written at the station
    template_source: str = ""
    composed: bool = False
    created_at: dt.datetime


class CaseRecord(Wire):
    uuid: str
    revision: Int64
    parent_uuid: str | None = None
    case_no: str
    item_code: str
    item_name: str
    catalog_version: str
    state: str
    deficiency_accepted: bool = False
    by_agent: bool = False
    created_at: dt.datetime
    updated_at: dt.datetime
    accepted_at: dt.datetime | None = None
    promised_date: dt.date | None = None
    person: PersonRecord | None = None
    fields: dict[str, str] = Field(default_factory=dict)
    materials: list[MaterialRecord] = Field(default_factory=list)
    events: list[EventRecord] = Field(default_factory=list)
    #: since schema 0007; None when not rated (and from older stations)
    rating: RatingRecord | None = None
    #: since schema 0009 (issue 18): the deadline counted into a year without holiday data
    #: (如遇法定节假日顺延), the date on the receipt and the date counted once the year's schedule
    #: arrived; ``promised_date`` is the binding one. Defaults for older stations.
    deadline_provisional: bool = False
    promised_date_given: dt.date | None = None
    promised_date_exact: dt.date | None = None
    #: since schema 0009: 消息推送 rendered at the station (empty from older stations)
    notifications: list[NotificationRecord] = Field(default_factory=list)

    @property
    def event_seq(self) -> int:
        return max((e.seq for e in self.events), default=0)


class CaseBatchInput(Wire):
    batch_id: str
    cases: list[CaseRecord]


class CaseAck(Wire):
    uuid: str
    revision: Int64
    result: Literal["accepted", "rejected"]
    #: True when the hub already held this revision (a resend): acknowledged, not stored again
    duplicate: bool = False
    reason_code: str = ""
    #: the field key or material key the rejection is about
    field: str | None = None
    material: str | None = None
    reason: str = ""


class CaseBatchOutput(Wire):
    batch_id: str
    acks: list[CaseAck]


class MediaStatusInput(Wire):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: MediaSize


class MediaStatusOutput(Wire):
    sha256: str
    offset: Count
    complete: bool


class MediaChunkInput(Wire):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: MediaSize
    offset: int = Field(ge=0, le=MAX_MEDIA_BYTES)
    length: int = Field(ge=0, le=MAX_CHUNK_BYTES)
    #: sha256 of this chunk's bytes: binds the binary body to the signed envelope
    chunk_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class CursorInput(Wire):
    cursor: Count = 0
    limit: int = Field(default=200, ge=1, le=1000)


class ResultRecord(Wire):
    id: Int64
    case_uuid: str
    action: Literal["approve", "reject", "pay", "complete"]
    reason: str | None = None
    decided_at: dt.datetime


class Page(Wire):
    """One page of a downstream source: ``cursor`` to ask from next, ``more`` if pages follow."""

    cursor: Int64
    more: bool


class ResultsOutput(Page):
    results: list[ResultRecord]


class HolidayRecord(Wire):
    day: dt.date
    is_workday: bool
    note: str | None = None


class HolidaysOutput(Page):
    holidays: list[HolidayRecord]


YearMonth = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


class ContributionRecord(Wire):
    """One line of the person's 缴费记录 (参保缴费证明): a period, its 险种, 缴费基数 and amount."""

    period_from: YearMonth
    period_to: YearMonth
    insurance_type: str = Field(max_length=40)
    base: Money | None = None
    amount: Money
    status: str = Field(default="已缴费", max_length=10)


class RosterInsurance(Wire):
    """The person's 参保信息 as the centre holds it (表8 参保凭证, 参保缴费证明), since V1.1.
    Every field is optional: the hub sends what it has."""

    household_place: str | None = Field(default=None, max_length=200)  # 户籍所在地
    household_type: str | None = Field(default=None, max_length=20)  # 户籍类型
    insurance_type: str | None = Field(default=None, max_length=40)  # 基本医疗保险类型
    insured_admdvs: str | None = Field(default=None, pattern=r"^\d{6,12}$")  # 参保地
    insured_from: YearMonth | None = None  # 参保时间 起
    insured_to: YearMonth | None = None  # 参保时间 止 (none while insured)
    paid_months: Count | None = None  # 累计实际缴费月数
    account_balance: Money | None = None  # 个人账户余额
    #: the day the centre's figures are from
    as_of: dt.date | None = None
    contributions: list[ContributionRecord] = Field(default_factory=list, max_length=600)


class RosterRecord(Wire):
    seq: Int64
    id_number: str
    name: str
    gender: str | None = None
    birth_date: dt.date | None = None
    card_number: str | None = None
    #: since V1.1: only in answers to a station whose envelope says V1.1 or later. Left out of
    #: the JSON when None (not ``null``): a V1.0 station forbids the unknown key even when null.
    insurance: RosterInsurance | None = Field(default=None, exclude_if=lambda v: v is None)


class RosterOutput(Page):
    persons: list[RosterRecord]


class CatalogInput(Wire):
    current_version: str | None = None


class CatalogOutput(Wire):
    version: str | None = None
    sha256: str | None = None
    #: base64 of the signed package (zip); empty when the station is up to date
    package: str = ""


class EvoucherInput(Wire):
    qr: str = Field(min_length=28, max_length=28)


class EvoucherOutput(Wire):
    ec_token: str
    id_number: str
    name: str
    gender: str | None = None
    birth_date: dt.date | None = None
    insu_org: str | None = None


def infver_at_least(infver: str, wanted: str) -> bool:
    """``V1.1`` ≥ ``V1.0`` by number; an unreadable version counts as the oldest (V1.0)."""

    def parts(text: str) -> tuple[int, ...]:
        try:
            return tuple(int(x) for x in text.strip().lstrip("Vv").split("."))
        except ValueError:
            return (1, 0)

    return parts(infver) >= parts(wanted)


# --- message ids, times, signing ---------------------------------------------------------

_serial = itertools.count(1)
_serial_lock = threading.Lock()


def make_msgid(station_code: str, moment: dt.datetime) -> str:
    with _serial_lock:
        serial = next(_serial) % 10000
    return f"{station_code}{moment.astimezone(CHINA):%Y%m%d%H%M%S}{serial:04d}"


def inf_time(moment: dt.datetime) -> str:
    return f"{moment.astimezone(CHINA):%Y-%m-%d %H:%M:%S}"


def respond_time(moment: dt.datetime) -> str:
    local = moment.astimezone(CHINA)
    return f"{local:%Y%m%d%H%M%S}{local.microsecond // 1000:03d}"


def canonical_bytes(envelope: Envelope) -> bytes:
    """The bytes that are signed: the envelope without ``cainfo``, sorted keys, no spaces."""
    data = envelope.model_dump(mode="json", exclude={"cainfo"})
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def public_key_b64(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def load_public_key_b64(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))


def answer_message(request_nonce: str, body: bytes) -> bytes:
    """What the hub signs: the answer's exact body, bound to the request's nonce (so an answer
    cannot be replayed to another request)."""
    return ANSWER_CONTEXT + request_nonce.encode("ascii", "replace") + b"\0" + body


def sign_answer(key: Ed25519PrivateKey, request_nonce: str, body: bytes) -> str:
    return base64.b64encode(key.sign(answer_message(request_nonce, body))).decode()


def answer_verifies(public_b64: str, request_nonce: str, body: bytes, signature_b64: str) -> bool:
    try:
        load_public_key_b64(public_b64).verify(
            base64.b64decode(signature_b64, validate=True), answer_message(request_nonce, body)
        )
    except (ValueError, InvalidSignature):
        return False
    return True


REKEY_CONTEXT = b"tongban-rekey-v1\0"


def rekey_message(station_code: str, new_public_key_b64: str) -> bytes:
    """What a station's current key signs to hand its identity to a new key."""
    return REKEY_CONTEXT + station_code.encode("ascii") + b"\0" + new_public_key_b64.encode("ascii")


def key_fingerprint(public_b64: str) -> str:
    """Short id for people comparing keys (enrolment approval): sha256 of the raw key, 16 hex."""
    return hashlib.sha256(base64.b64decode(public_b64)).hexdigest()[:16]


def build_envelope(
    *,
    infno: str,
    station_code: str,
    admdvs: str,
    payload: BaseModel | dict[str, Any],
    key: Ed25519PrivateKey,
    now: dt.datetime,
    clock_offset: float = 0.0,
    opter: str = "",
    opter_name: str = "",
    opter_type: Literal["1", "2", "3"] = "1",
    infver: str = INFVER,
) -> Envelope:
    """A signed envelope. ``clock_offset`` (hub time minus station time) corrects ``sign_time``;
    ``infver`` other than today's only to speak as an older station (tests)."""
    data = payload.model_dump(mode="json") if isinstance(payload, BaseModel) else payload
    env = Envelope(
        infno=infno,
        infver=infver,
        msgid=make_msgid(station_code, now),
        inf_time=inf_time(now),
        opter=opter,
        opter_name=opter_name,
        opter_type=opter_type,
        station_code=station_code,
        admdvs=admdvs,
        sign_time=int(now.timestamp() + clock_offset),
        nonce=secrets.token_hex(16),
        input=data,
    )
    env.cainfo = base64.b64encode(key.sign(canonical_bytes(env))).decode()
    return env


def verify_envelope(envelope: Envelope, public: Ed25519PublicKey) -> bool:
    try:
        public.verify(base64.b64decode(envelope.cainfo, validate=True), canonical_bytes(envelope))
    except (InvalidSignature, ValueError):
        return False
    return True


def envelope_header(envelope: Envelope) -> str:
    """The envelope as an ASCII-only JSON header value (for binary media chunks)."""
    return json.dumps(envelope.model_dump(mode="json"), separators=(",", ":"), ensure_ascii=True)
