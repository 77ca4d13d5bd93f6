"""pytest plugin: a real pcscd with the vsmartcard vpcd readers, and virtual 社保卡 to put in them.

``pcscd`` (session): reuses a pcscd that already serves the vpcd readers, else starts
``pcscd --foreground`` (root in CI; Debian packages pcscd + vsmartcard-vpcd, whose
/etc/reader.conf.d/vpcd declares two readers, "Virtual PCD 00 00" on TCP 35963 and
"Virtual PCD 00 01" on 35964) and stops it at the end. Without the packages the tests are
skipped locally and fail under CI=true, so CI cannot silently test nothing.

``card_slots`` (function): the vpcd readers as ``VirtualCardSlot``s; ``insert`` connects an
emulator and waits (on PC/SC events, not sleeps) until pcscd reports the card; every card
is removed at teardown.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from devices.card.virtual_card import (
    VPCD_DEFAULT_PORT,
    SocialSecurityCardApplet,
    VirtualCardProfile,
    VpcdCardEmulator,
)

VPCD_CONF = Path("/etc/reader.conf.d/vpcd")
VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
PCSCD_SOCKET = Path("/run/pcscd/pcscd.comm")
READY_TIMEOUT = 15.0


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PC/SC test stack unavailable in CI: {reason}")
    pytest.skip(reason)


def vpcd_base_port() -> int:
    """The first slot's port: vpcd's CHANNELID in reader.conf (slot n listens on port + n)."""
    try:
        match = re.search(r"^\s*CHANNELID\s+(\S+)", VPCD_CONF.read_text(), re.MULTILINE)
    except OSError:
        return VPCD_DEFAULT_PORT
    return int(match.group(1), 0) if match else VPCD_DEFAULT_PORT


def _vpcd_readers() -> list[str] | None:
    """The vpcd reader names, or None when no pcscd answers."""
    from smartcard import scard

    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hr != scard.SCARD_S_SUCCESS:
        return None
    try:
        hr, names = scard.SCardListReaders(ctx, [])
        if hr not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_NO_READERS_AVAILABLE):
            return None
        return sorted(n for n in (names or []) if n.startswith("Virtual PCD"))
    finally:
        scard.SCardReleaseContext(ctx)


@dataclass
class PcscdInfo:
    readers: list[str]
    ports: list[int]
    started_here: bool
    log: Path | None


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PcscdInfo]:
    if not sys.platform.startswith("linux"):
        pytest.skip("the vpcd test stack is Linux-only")
    pcscd_bin = shutil.which("pcscd") or ("/usr/sbin/pcscd" if Path("/usr/sbin/pcscd").exists() else None)
    if pcscd_bin is None or not VPCD_DRIVER.exists() or not VPCD_CONF.exists():
        _unavailable("needs the Debian packages pcscd and vsmartcard-vpcd")
    try:
        import smartcard.scard  # noqa: F401
    except ImportError:
        _unavailable("pyscard is not installed")

    proc: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    readers = _vpcd_readers()
    if readers is None:
        log = tmp_path_factory.mktemp("pcscd") / "pcscd.log"
        with log.open("wb") as out:
            # --foreground keeps it our child so that we can stop exactly this process.
            proc = subprocess.Popen([str(pcscd_bin), "--foreground"], stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + READY_TIMEOUT
        while readers is None or not readers:
            if proc.poll() is not None:
                _unavailable(f"pcscd exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
            if time.monotonic() > deadline:
                proc.terminate()
                _unavailable(f"pcscd did not serve the vpcd readers within {READY_TIMEOUT} s")
            time.sleep(0.05)  # start-up polling only; the tests themselves wait on PC/SC events
            readers = _vpcd_readers() if PCSCD_SOCKET.exists() else None
    if not readers:
        _unavailable("pcscd is running but lists no 'Virtual PCD' reader (is vsmartcard-vpcd configured?)")
    base = vpcd_base_port()
    info = PcscdInfo(
        readers=readers,
        ports=[base + i for i in range(len(readers))],
        started_here=proc is not None,
        log=log,
    )
    yield info
    if proc is not None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


class VirtualCardSlot:
    """One vpcd reader and the virtual card (if any) in it."""

    def __init__(self, reader: str, port: int) -> None:
        self.reader = reader
        self.port = port
        self.emulator: VpcdCardEmulator | None = None

    def insert(
        self,
        card: VirtualCardProfile | SocialSecurityCardApplet | None = None,
        *,
        wait: bool = True,
        response_delay: float = 0.0,
        remove_after_apdus: int | None = None,
    ) -> VpcdCardEmulator:
        self.remove()
        applet = card if isinstance(card, SocialSecurityCardApplet) else SocialSecurityCardApplet(card)
        emulator = VpcdCardEmulator(
            applet, port=self.port, response_delay=response_delay, remove_after_apdus=remove_after_apdus
        )
        emulator.insert(timeout=READY_TIMEOUT)
        self.emulator = emulator
        if wait:
            assert wait_card_state(self.reader, present=True), f"pcscd never saw the card in {self.reader}"
        return emulator

    def remove(self, *, wait: bool = True) -> None:
        if self.emulator is None:
            return
        self.emulator.remove()
        self.emulator = None
        if wait:
            assert wait_card_state(self.reader, present=False), f"pcscd never saw the card leave {self.reader}"


def wait_card_state(reader: str, *, present: bool, timeout: float = 10.0) -> bool:
    """Block on SCardGetStatusChange until the reader has (or has no) card."""
    from smartcard import scard

    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hr == scard.SCARD_S_SUCCESS
    try:
        deadline = time.monotonic() + timeout
        state = scard.SCARD_STATE_UNAWARE
        while True:
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if remaining_ms <= 0:
                return False
            hr, states = scard.SCardGetStatusChange(ctx, remaining_ms, [(reader, state)])
            if hr == scard.SCARD_E_TIMEOUT:
                return False
            assert hr == scard.SCARD_S_SUCCESS, scard.SCardGetErrorMessage(hr)
            state = states[0][1] & ~scard.SCARD_STATE_CHANGED
            if bool(state & scard.SCARD_STATE_PRESENT) == present and not state & scard.SCARD_STATE_MUTE:
                return True
    finally:
        scard.SCardReleaseContext(ctx)


@pytest.fixture
def card_slots(pcscd: PcscdInfo) -> Iterator[list[VirtualCardSlot]]:
    slots = [VirtualCardSlot(r, p) for r, p in zip(pcscd.readers, pcscd.ports, strict=True)]
    for slot in slots:  # a card left over by an interrupted run must not leak into this test
        assert wait_card_state(slot.reader, present=False), f"{slot.reader} still holds a card"
    yield slots
    for slot in slots:
        slot.remove()
