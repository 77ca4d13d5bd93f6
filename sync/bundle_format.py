"""The USB bundle file format: container, keys, encryption, reader and writer (no database).

sync/bundle.py is the station side (export, import of the return), hub/bundle_import.py the
hub's. docs/sync-protocol.md ("USB bundles") describes the format; in short::

    MAGIC "TBBUNDLE" | version u8 | header_len u32 | header JSON (BundleHeader)
    segments: flag u8 (0 more, 1 last) | length u32 | AES-256-GCM ciphertext of ≤ 1 MiB
    signature: 64 bytes Ed25519 over SIG_CONTEXT + sha256(every byte before it)

The content key comes from X25519 between a fresh ephemeral key and the recipient's box key
(the hub's for upload bundles, the station's for return bundles), through HKDF-SHA256. Box
keys are derived from each side's Ed25519 signing key, so neither side stores a second secret.
The plaintext is a sequence of items ``tag u8 | meta_len u32 | meta JSON | data_len u64 |
data``: ``M`` media (meta ``BundleMedia``, data the file), then exactly one ``J`` manifest.

Every malformed input ends in a ``BundleError`` (a ``UserFacingError``), never another exception.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
import struct
import uuid as uuidlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Literal, TypeVar

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import BaseModel, Field

from models import clock, fsutil
from models.errors import UserFacingError
from sync import protocol as p

MAGIC = b"TBBUNDLE"
VERSION = 1
SIG_CONTEXT = b"tongban-bundle-v1\x00"
SEGMENT = 1 << 20
TAG_LEN = 16
SIG_LEN = 64
MAX_HEADER = 1 << 20
#: limits on one item (the stream is authenticated, these only keep memory bounded)
MAX_META = 512 << 20
MAX_DATA = 512 << 20
TAG_MEDIA = ord("M")
TAG_MANIFEST = ord("J")
BOX_INFO = b"tongban bundle x25519 box key"

Kind = Literal["upload", "return"]
_EXPECTED: dict[str, str] = {"upload": "bundle.expected_upload", "return": "bundle.expected_return"}
ManifestT = TypeVar("ManifestT", bound=BaseModel)


class BundleError(UserFacingError):
    """A bundle could not be written, read or trusted (texts in desktop/messages/bundle.py)."""


# --- keys ----------------------------------------------------------------------------------


def box_key(signing: Ed25519PrivateKey) -> X25519PrivateKey:
    """The X25519 key for receiving bundles, derived from the Ed25519 signing key (HKDF)."""
    raw = signing.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=BOX_INFO).derive(raw)
    return X25519PrivateKey.from_private_bytes(seed)


def _raw(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def x25519_b64(key: X25519PublicKey) -> str:
    return base64.b64encode(_raw(key)).decode()


class HubKeyCard(p.Wire):
    """The hub's public keys as ``tongban hub key --out`` writes them, for stations to trust."""

    format: Literal["tongban-hub-key"] = "tongban-hub-key"
    #: base64 raw Ed25519 key that signs return bundles
    sign_public: str
    #: base64 raw X25519 key that upload bundles are encrypted to
    box_public: str

    @property
    def fingerprint(self) -> str:
        return p.key_fingerprint(self.sign_public)

    @classmethod
    def for_key(cls, signing: Ed25519PrivateKey) -> HubKeyCard:
        box = x25519_b64(box_key(signing).public_key())
        return cls(sign_public=p.public_key_b64(signing.public_key()), box_public=box)

    @classmethod
    def parse(cls, data: bytes) -> HubKeyCard:
        try:
            card = cls.model_validate_json(data)
            p.load_public_key_b64(card.sign_public)
            X25519PublicKey.from_public_bytes(base64.b64decode(card.box_public, validate=True))
        except (ValueError, TypeError) as exc:
            raise BundleError("bundle.bad_hub_key") from exc
        return card


# --- format ----------------------------------------------------------------------------------


class BundleHeader(p.Wire):
    format: Literal["tongban-bundle"] = "tongban-bundle"
    kind: Literal["upload", "return"]
    bundle_id: str = Field(min_length=1, max_length=80)
    station_code: str = Field(min_length=9, max_length=9)
    created_at: dt.datetime
    #: base64 Ed25519 public key that signed this file
    signer: str
    #: base64 X25519 public key of the recipient, and the sender's ephemeral one
    recipient: str
    ephemeral: str
    nonce_prefix: str = Field(pattern=r"^[0-9a-f]{16}$")
    #: upload: the station's signed 9001 envelope (enrolment by USB) and its box key for the return
    enrol: p.Envelope | None = None
    box_public: str | None = None
    #: return: the upload bundle this answers
    answers: str | None = None


class BundleMedia(p.Wire):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)


class UploadManifest(p.Wire):
    bundle_id: str
    station_code: str
    batches: list[p.CaseBatchInput] = Field(default_factory=list)
    #: the media items before this manifest, in order
    media: list[BundleMedia] = Field(default_factory=list)
    #: the station's downstream cursors: the return carries what follows them
    results_cursor: int = 0
    holidays_cursor: int = 0
    roster_cursor: int = 0
    #: since V1.1: the return's roster records may carry ``insurance`` (a station of V1.0 sends
    #: no such field and gets records without it)
    roster_insurance: bool = False


class ReturnManifest(p.Wire):
    bundle_id: str
    station_code: str
    answers: list[p.CaseBatchOutput] = Field(default_factory=list)
    #: files of the upload bundle that the hub now holds, verified by sha256
    media_held: list[BundleMedia] = Field(default_factory=list)
    results_from: int = 0
    results: p.ResultsOutput
    holidays_from: int = 0
    holidays: p.HolidaysOutput
    roster_from: int = 0
    roster: p.RosterOutput


def _content_key(shared: bytes, ephemeral: bytes, recipient: bytes, kind: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=b"tongban-bundle-v1 " + kind.encode()
    ).derive(shared)


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


class BundleWriter:
    """Writes one bundle to ``fh``: ``add_media``…, ``add_manifest``, then ``finish``."""

    def __init__(
        self,
        fh: IO[bytes],
        *,
        kind: Kind,
        bundle_id: str,
        station_code: str,
        signer: Ed25519PrivateKey,
        recipient_b64: str,
        enrol: p.Envelope | None = None,
        box_public: str | None = None,
        answers: str | None = None,
    ) -> None:
        try:
            recipient = X25519PublicKey.from_public_bytes(base64.b64decode(recipient_b64, validate=True))
        except (ValueError, TypeError) as exc:
            raise BundleError("bundle.bad_hub_key") from exc
        ephemeral = X25519PrivateKey.generate()
        eph_raw, rec_raw = _raw(ephemeral.public_key()), _raw(recipient)
        self._aead = AESGCM(_content_key(ephemeral.exchange(recipient), eph_raw, rec_raw, kind))
        self._prefix = secrets.token_bytes(8)
        self.header = BundleHeader(
            kind=kind,
            bundle_id=bundle_id,
            station_code=station_code,
            created_at=clock.now(),
            signer=p.public_key_b64(signer.public_key()),
            recipient=recipient_b64,
            ephemeral=base64.b64encode(eph_raw).decode(),
            nonce_prefix=self._prefix.hex(),
            enrol=enrol,
            box_public=box_public,
            answers=answers,
        )
        head = self.header.model_dump_json().encode()
        prologue = MAGIC + bytes([VERSION]) + struct.pack(">I", len(head)) + head
        self._aad = hashlib.sha256(prologue).digest()
        self._fh = fh
        self._signer = signer
        self._digest = hashlib.sha256()
        self._buffer = bytearray()
        self._index = 0
        self.bytes_written = 0
        self._emit(prologue)

    def _emit(self, data: bytes) -> None:
        self._fh.write(data)
        self._digest.update(data)
        self.bytes_written += len(data)

    def _seal(self, plain: bytes, last: bool) -> None:
        flag = 1 if last else 0
        ct = self._aead.encrypt(_nonce(self._prefix, self._index), plain, self._aad + bytes([flag]))
        self._index += 1
        self._emit(bytes([flag]) + struct.pack(">I", len(ct)) + ct)

    def _write_plain(self, data: bytes) -> None:
        self._buffer += data
        while len(self._buffer) > SEGMENT:  # keep a remainder so the last segment is flagged
            self._seal(bytes(self._buffer[:SEGMENT]), last=False)
            del self._buffer[:SEGMENT]

    def _item(self, tag: int, meta: bytes, data: bytes = b"") -> None:
        self._write_plain(bytes([tag]) + struct.pack(">I", len(meta)) + meta + struct.pack(">Q", len(data)))
        for start in range(0, len(data), SEGMENT):
            self._write_plain(data[start : start + SEGMENT])

    def add_media(self, sha: str, data: bytes) -> None:
        self._item(TAG_MEDIA, BundleMedia(sha256=sha, size=len(data)).model_dump_json().encode(), data)

    def add_manifest(self, manifest: BaseModel) -> None:
        self._item(TAG_MANIFEST, manifest.model_dump_json().encode())

    def add_raw(self, tag: int, meta: bytes, data: bytes = b"") -> None:
        """An item with arbitrary bytes (tests of a reader facing authentic but malformed content)."""
        self._item(tag, meta, data)

    def finish(self) -> None:
        self._seal(bytes(self._buffer), last=True)
        self._buffer.clear()
        signature = self._signer.sign(SIG_CONTEXT + self._digest.digest())
        self._fh.write(signature)
        self.bytes_written += len(signature)


def _read_exact(fh: IO[bytes], n: int) -> bytes:
    data = fh.read(n)
    if len(data) != n:
        raise BundleError("bundle.truncated")
    return data


class BundleReader:
    """Reads a bundle from a seekable file: ``header`` at once, ``verify`` the whole file's
    signature, then ``items`` decrypts. Nothing is decrypted before the signature verified."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        start = fh.read(len(MAGIC) + 1)
        if len(start) < len(MAGIC) + 1 or start[: len(MAGIC)] != MAGIC:
            raise BundleError("bundle.not_a_bundle")
        if start[-1] != VERSION:
            raise BundleError("bundle.unsupported_version", version=start[-1])
        (length,) = struct.unpack(">I", _read_exact(fh, 4))
        if length > MAX_HEADER:
            raise BundleError("bundle.damaged")
        head = _read_exact(fh, length)
        try:
            self.header = BundleHeader.model_validate_json(head)
        except ValueError as exc:
            raise BundleError("bundle.damaged") from exc
        prologue = start + struct.pack(">I", length) + head
        self._aad = hashlib.sha256(prologue).digest()
        self._prologue = prologue
        self._body = fh.tell()
        self._verified = False

    def _segments(self) -> Iterator[tuple[int, bytes]]:
        """(flag, ciphertext) of every segment up to the last one; then the signature must follow."""
        self._fh.seek(self._body)
        while True:
            head = self._fh.read(5)
            if len(head) < 5:
                raise BundleError("bundle.truncated")
            flag, length = head[0], struct.unpack(">I", head[1:])[0]
            if flag not in (0, 1) or not TAG_LEN <= length <= SEGMENT + TAG_LEN:
                raise BundleError("bundle.damaged")
            yield flag, head + _read_exact(self._fh, length)
            if flag == 1:
                return

    def verify(self, signer_b64: str) -> None:
        """Check the structure and the Ed25519 signature over everything before it."""
        try:
            key = p.load_public_key_b64(signer_b64)
        except (ValueError, TypeError) as exc:
            raise BundleError("bundle.damaged") from exc
        digest = hashlib.sha256(self._prologue)
        for _flag, raw in self._segments():
            digest.update(raw)
        signature = self._fh.read(SIG_LEN)
        if len(signature) < SIG_LEN:
            raise BundleError("bundle.truncated")
        if self._fh.read(1):
            raise BundleError("bundle.damaged")
        try:
            key.verify(signature, SIG_CONTEXT + digest.digest())
        except InvalidSignature as exc:
            raise BundleError("bundle.bad_signature") from exc
        self._verified = True

    def _plain(self, box: X25519PrivateKey) -> Iterator[bytes]:
        h = self.header
        try:
            eph_raw = base64.b64decode(h.ephemeral, validate=True)
            rec_raw = base64.b64decode(h.recipient, validate=True)
            shared = box.exchange(X25519PublicKey.from_public_bytes(eph_raw))
        except (ValueError, TypeError) as exc:
            raise BundleError("bundle.damaged") from exc
        if rec_raw != _raw(box.public_key()):
            raise BundleError("bundle.not_for_us")
        aead = AESGCM(_content_key(shared, eph_raw, rec_raw, h.kind))
        prefix = bytes.fromhex(h.nonce_prefix)
        for index, (flag, raw) in enumerate(self._segments()):
            try:
                yield aead.decrypt(_nonce(prefix, index), raw[5:], self._aad + bytes([flag]))
            except InvalidTag as exc:
                raise BundleError("bundle.damaged") from exc

    def items(self, box: X25519PrivateKey) -> Iterator[tuple[int, bytes, bytes]]:
        """(tag, meta, data) of each plaintext item, in order; the stream must end on an item."""
        if not self._verified:
            raise BundleError("bundle.bad_signature")
        stream = _PlainStream(self._plain(box))
        while not stream.at_end():
            tag = stream.read(1)[0]
            if tag not in (TAG_MEDIA, TAG_MANIFEST):
                raise BundleError("bundle.damaged")
            (meta_len,) = struct.unpack(">I", stream.read(4))
            if meta_len > MAX_META:
                raise BundleError("bundle.damaged")
            meta = stream.read(meta_len)
            (data_len,) = struct.unpack(">Q", stream.read(8))
            if data_len > MAX_DATA:
                raise BundleError("bundle.damaged")
            yield tag, meta, stream.read(data_len)


class _PlainStream:
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buf = bytearray()
        self._done = False

    def _fill(self) -> bool:
        if self._done:
            return False
        try:
            self._buf += next(self._chunks)
        except StopIteration:
            self._done = True
            return False
        return True

    def at_end(self) -> bool:
        while not self._buf:
            if not self._fill():
                return True
        return False

    def read(self, n: int) -> bytes:
        while len(self._buf) < n:
            if not self._fill():
                raise BundleError("bundle.damaged")  # authentic, but ends inside an item
        out = bytes(self._buf[:n])
        del self._buf[:n]
        return out


def parse_manifest(model: type[ManifestT], meta: bytes) -> ManifestT:
    try:
        return model.model_validate_json(meta)
    except ValueError as exc:
        raise BundleError("bundle.damaged") from exc


def read_items(reader: BundleReader, box: X25519PrivateKey) -> Iterator[tuple[BundleMedia | None, bytes]]:
    """Media items as (BundleMedia, data) checked against their sha256, then (None, manifest meta)."""
    manifest_seen = False
    for tag, meta, data in reader.items(box):
        if manifest_seen:
            raise BundleError("bundle.damaged")  # the manifest is the last item
        if tag == TAG_MANIFEST:
            manifest_seen = True
            yield None, meta
            continue
        item = parse_manifest(BundleMedia, meta)
        if item.size != len(data) or hashlib.sha256(data).hexdigest() != item.sha256:
            raise BundleError("bundle.damaged")
        yield item, data
    if not manifest_seen:
        raise BundleError("bundle.damaged")


def open_for_reading(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise BundleError("bundle.read_failed", path=str(path), detail=exc.strerror or type(exc).__name__) from exc


def new_bundle_id(station_code: str) -> str:
    return f"{station_code}-{clock.now().astimezone(clock.CHINA):%Y%m%d%H%M%S}-{uuidlib.uuid4().hex[:8]}"


def atomic_write(target: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write via a temp file beside ``target``: fsync, rename, directory fsync (USB sticks get
    pulled out; one that refuses a directory fsync is not an error); a failure leaves no half
    bundle under the final name."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fsutil.atomic_write(target, write, suffix=".part", best_effort_dir_sync=True)
    except OSError as exc:
        raise BundleError("bundle.write_failed", path=str(target), detail=exc.strerror or type(exc).__name__) from exc


@contextmanager
def read_bundle(path: Path, kind: Kind) -> Iterator[BundleReader]:
    """The bundle at ``path`` opened and its header read, refused unless it is of ``kind``
    (``bundle.expected_upload`` / ``bundle.expected_return``); nothing verified or decrypted yet."""
    with open_for_reading(path) as fh:
        reader = BundleReader(fh)
        if reader.header.kind != kind:
            raise BundleError(_EXPECTED[kind])
        yield reader
