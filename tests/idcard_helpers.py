"""The virtual SAM reader (devices/idcard/virtual.py) in a second process on a real pty pair.

It acknowledges each control line only after it took effect, so tests never sleep.
"""

from __future__ import annotations

from collections.abc import Iterator

from tests.virtual_devices import VirtualDevice


class Emulator(VirtualDevice):
    """The SAM reader."""

    def __init__(self) -> None:
        super().__init__("devices.idcard.virtual")


def running_emulator() -> Iterator[Emulator]:
    """For a fixture: ``yield from running_emulator()``."""
    emu = Emulator()
    try:
        yield emu
    finally:
        emu.stop()
