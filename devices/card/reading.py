"""The 社保卡 read sequence over any ``transmit(apdu) -> response`` function.

Shared by the PC/SC driver (transmit = SCardTransmit) and the in-process virtual card, so the
logic is tested without pyscard and the PC/SC tests only have to prove the transport. Raises
UserFacingError; transport errors (card removed, time-outs) come from ``transmit`` itself.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from models.errors import UserFacingError

from . import apdu
from .base import CardData, CardErrors, CardReadResult

logger = logging.getLogger(__name__)

Transmit = Callable[[bytes], bytes]

#: Limit on GET RESPONSE chaining, so that a card answering 61xx forever cannot hang the reader.
MAX_CHAINED = 16


@dataclass
class _Exchange:
    transmit: Transmit
    count: int = 0
    trace: list[str] = field(default_factory=list)

    def send(self, command: bytes) -> tuple[bytes, int]:
        """Send one command, following 6Cxx (resend with Le) and 61xx (GET RESPONSE)."""
        data, sw = self._raw(command)
        if sw >> 8 == 0x6C and len(command) == 5:  # case 2 (READ RECORD): resend with the right Le
            data, sw = self._raw(command[:4] + bytes([sw & 0xFF]))
        chained = 0
        while sw >> 8 == 0x61:
            chained += 1
            if chained > MAX_CHAINED:
                raise UserFacingError(CardErrors.READ_ERROR, sw=apdu.sw_hex(sw))
            more, sw = self._raw(apdu.get_response(sw & 0xFF))
            data += more
        return data, sw

    def _raw(self, command: bytes) -> tuple[bytes, int]:
        self.count += 1
        try:
            data, sw = apdu.split_sw(self.transmit(command))
        except apdu.ApduError as exc:
            raise UserFacingError(CardErrors.READ_ERROR, sw="----") from exc
        # Only the command header and status word: record data may be personal.
        self.trace.append(f"{command[:4].hex().upper()}→{apdu.sw_hex(sw)}")
        return data, sw


def _select(ex: _Exchange, command: bytes, *, what: str) -> int:
    _, sw = ex.send(command)
    if sw == apdu.SW_OK:
        return sw
    if sw == apdu.SW_SECURITY_NOT_SATISFIED:
        return sw
    if sw in apdu.SW_NOT_THIS_CARD:
        logger.info("card: %s not found (SW %s); not a 社保卡", what, apdu.sw_hex(sw))
        raise UserFacingError(CardErrors.UNSUPPORTED, sw=apdu.sw_hex(sw))
    raise UserFacingError(CardErrors.READ_ERROR, sw=apdu.sw_hex(sw))


def _read_records(
    ex: _Exchange, specs: tuple[apdu.RecordSpec, ...], values: dict[str, Any], refused: list[str]
) -> None:
    for spec in specs:
        le = spec.length + 2 if spec.length else 0
        data, sw = ex.send(apdu.read_record_by_tag(spec.tag, le))
        if sw == apdu.SW_OK:
            try:
                values[spec.field] = apdu.decode_field(spec.field, apdu.parse_record(data, spec.tag))
            except apdu.ApduError as exc:
                logger.warning("card: record %02X malformed: %s", spec.tag, exc)
                raise UserFacingError(CardErrors.INVALID_DATA, tag=f"{spec.tag:02X}") from exc
        elif sw == apdu.SW_SECURITY_NOT_SATISFIED:
            refused.append(spec.field)
        elif sw in (apdu.SW_RECORD_NOT_FOUND, 0x6A88, 0x6B00):
            # Optional records (姓名扩展 on 1st-generation cards, 初始化机构编号 on some issuers).
            continue
        else:
            raise UserFacingError(CardErrors.READ_ERROR, sw=apdu.sw_hex(sw))


def ssn_warnings(ssn: str | None) -> tuple[str, ...]:
    """A 社会保障号码 is the citizen ID number (GB 11643); python-stdnum checks it when present."""
    if not ssn:
        return ()
    try:
        from stdnum.cn import ric
    except ImportError:  # pragma: no cover - python-stdnum is a dependency; stay usable without
        return ()
    return () if ric.is_valid(ssn) else (CardErrors.SSN_INVALID,)


def read_social_security_card(
    transmit: Transmit, *, atr: bytes = b"", reader: str = "", backend: str = "pcsc"
) -> CardReadResult:
    """Select the 社会保障 application, read EF05 and EF06 by tag, and build the result."""
    started = time.perf_counter()
    ex = _Exchange(transmit)
    values: dict[str, Any] = {}
    refused: list[str] = []

    _select(ex, apdu.SELECT_SSSE, what="SSSE")
    if _select(ex, apdu.SELECT_EF05, what="EF05") == apdu.SW_SECURITY_NOT_SATISFIED:
        refused.append("EF05")
    else:
        _read_records(ex, apdu.EF05_RECORDS, values, refused)
    if _select(ex, apdu.SELECT_EF06, what="EF06") == apdu.SW_SECURITY_NOT_SATISFIED:
        refused.extend(s.field for s in apdu.EF06_RECORDS)
    else:
        _read_records(ex, apdu.EF06_RECORDS, values, refused)

    extension = values.pop("name_extension", None)
    if extension and values.get("name"):
        values["name"] = values["name"] + extension
    card_identifier = values.get("card_identifier")
    data = CardData(
        region_code=card_identifier[:6] if card_identifier else None,
        atr=atr.hex().upper() if atr else None,
        **values,
    )
    warnings = ssn_warnings(data.ssn)
    if data.is_expired():
        warnings += (CardErrors.EXPIRED,)
    elapsed = (time.perf_counter() - started) * 1000
    logger.debug("card: read %d APDUs in %.1f ms: %s", ex.count, elapsed, " ".join(ex.trace))
    return CardReadResult(
        data=data,
        reader=reader,
        backend=backend,
        personal_data_requires_authorised_interface=bool(refused),
        unreadable_fields=tuple(f for f in refused if f != "name_extension"),
        warnings=warnings,
        elapsed_ms=elapsed,
        apdu_count=ex.count,
    )
