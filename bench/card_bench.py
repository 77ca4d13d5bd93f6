"""Card read time: a full 社保卡 read through pcscd + vpcd against the same reads in-process.

The PC/SC figure is what a clerk waits for after inserting a card (minus the physical
reader's own speed, which vpcd does not have); the in-process virtual driver runs the same
APDU sequence without PC/SC, so the ratio is the cost of the PC/SC stack and its thread hop.
Needs root (to start pcscd) and the Debian packages pcscd and vsmartcard-vpcd.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time

from devices.card.manager import CardManager
from devices.card.virtual_card import SocialSecurityCardApplet, VirtualCardDriver, VpcdCardEmulator


def _readers() -> list[str]:
    try:
        from smartcard.System import readers

        return [str(r) for r in readers() if "Virtual PCD" in str(r)]
    except Exception:
        return []


def measure(reads: int = 200) -> dict[str, float]:
    proc = None
    if not _readers():
        exe = shutil.which("pcscd") or "/usr/sbin/pcscd"
        proc = subprocess.Popen([exe, "--foreground"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while not _readers():
            if time.monotonic() > deadline:
                proc.terminate()
                raise RuntimeError("pcscd did not list the vpcd readers")
            time.sleep(0.05)
    emulator = VpcdCardEmulator(SocialSecurityCardApplet())
    emulator.insert(timeout=15)
    manager = CardManager("pcsc", timeout=10)
    reader = _readers()[0]
    try:
        deadline = time.monotonic() + 15
        while True:  # wait until pcscd has powered the card
            try:
                manager.read(reader)
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        pcsc = []
        for _ in range(reads):
            t = time.perf_counter()
            result = manager.read(reader)
            pcsc.append((time.perf_counter() - t) * 1000)
        assert result.data is not None
    finally:
        manager.close()
        emulator.remove()
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)
    virtual = VirtualCardDriver()
    local = []
    for _ in range(reads):
        t = time.perf_counter()
        virtual.read()
        local.append((time.perf_counter() - t) * 1000)
    virtual.close()
    return {
        "pcsc_p50": statistics.median(pcsc),
        "pcsc_p95": sorted(pcsc)[int(0.95 * (len(pcsc) - 1))],
        "local_p50": statistics.median(local),
        "reads": reads,
    }


def run(reads: int = 200) -> str:
    r = measure(reads)
    return "\n".join(
        [
            "## Card read",
            "",
            f"Full read of a 2nd-generation 社保卡 (SELECT by name, EF05, EF06, by tag), {r['reads']} reads each:",
            "",
            "| path | p50 ms | p95 ms |",
            "|---|---|---|",
            f"| pyscard → pcscd → vpcd → virtual card | {r['pcsc_p50']:.1f} | {r['pcsc_p95']:.1f} |",
            f"| same APDUs in-process (no PC/SC) | {r['local_p50']:.2f} | |",
            "",
            f"PC/SC stack and device-thread hop: {r['pcsc_p50'] / max(r['local_p50'], 1e-6):.0f}× the in-process "
            "time; a physical reader adds its own transmission time on top.",
        ]
    )


if __name__ == "__main__":
    print(run())
