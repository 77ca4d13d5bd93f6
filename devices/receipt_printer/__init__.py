"""Raw ESC/POS receipt printers (80 mm / 58 mm thermal) reached without a system driver.

``send(port, data)`` writes bytes built by printing/escpos.py through python-escpos's printer
classes, chosen by the form of ``port`` (settings ``receipt_printer_port``):

- ``tcp:HOST`` or ``tcp:HOST:PORT`` — a network printer (raw port 9100 by default);
- ``serial:DEVICE``, ``COM3``, ``/dev/ttyUSB0``, ``/dev/ttyS0``, ``/dev/ttyACM0`` — a serial port
  at ``baudrate``;
- ``win32:PRINTER NAME`` — a Windows print queue in RAW mode (the vendor's driver or "Generic /
  Text Only");
- anything else — a device or plain file written as is: ``/dev/usb/lp0`` (USB printer class on
  Linux), a pty in tests, a file to look at.

Opened per print and closed after (no cached connection: printers are unplugged). Callers run it
off the GUI thread (desktop/case_printing.py runs on the DB worker like the other printers).
"""

from __future__ import annotations

import contextlib
import logging
import re
from typing import Any

from models.errors import UserFacingError

logger = logging.getLogger(__name__)

_SERIAL = re.compile(r"^(COM\d+|/dev/tty(USB|ACM|S|AMA)\d+)$", re.IGNORECASE)


def open_printer(port: str, baudrate: int = 9600, timeout: float = 10) -> Any:
    """The python-escpos printer object for ``port`` (not yet opened)."""
    port = port.strip()
    if not port:
        raise UserFacingError("print.escpos_no_port")
    if port.startswith("tcp:"):
        from escpos.printer import Network

        host, _, number = port[4:].partition(":")
        return Network(host, port=int(number or 9100), timeout=timeout)
    if port.startswith("serial:") or _SERIAL.match(port):
        from escpos.printer import Serial

        device = port.removeprefix("serial:")
        return Serial(devfile=device, baudrate=baudrate, timeout=timeout, dsrdtr=False)
    if port.startswith("win32:"):
        from escpos.printer import Win32Raw

        return Win32Raw(port[6:])
    from escpos.printer import File

    return File(devfile=port)


def send(port: str, data: bytes, baudrate: int = 9600, timeout: float = 10) -> None:
    """Write ``data`` to the printer at ``port``; ``print.escpos_failed`` when it cannot be reached."""
    from escpos.exceptions import Error as EscposError

    printer = open_printer(port, baudrate, timeout)
    try:
        printer.open()
        printer._raw(data)
    except (OSError, EscposError) as exc:
        logger.warning("ESC/POS printer %s: %s", port, type(exc).__name__)
        raise UserFacingError("print.escpos_failed", port=port) from None
    finally:
        with contextlib.suppress(OSError, EscposError):
            printer.close()
