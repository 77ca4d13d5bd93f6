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


#: DLE EOT 1: real-time printer status (Epson ESC/POS; answered with one byte, bits 1 and 4 set).
STATUS_QUERY = b"\x10\x04\x01"


def _device_error(port: str, exc: OSError) -> UserFacingError:
    """The clerk's reason for an ``OSError`` while opening or writing ``port``."""
    import errno

    code = exc.errno
    if code is None and exc.args and isinstance(exc.args[0], int):
        code = exc.args[0]  # pyserial's SerialException(errno, text)
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO) or isinstance(exc, FileNotFoundError):
        return UserFacingError("receipt.port_missing", port=port)
    if code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return UserFacingError("receipt.port_denied", port=port)
    if code in (errno.EBUSY, errno.EAGAIN):  # EAGAIN: pyserial's exclusive lock is held
        return UserFacingError("receipt.port_busy", port=port)
    return UserFacingError("print.escpos_failed", port=port)


def _write_device(port: str, data: bytes, timeout: float) -> None:
    """Write to a device node or file; a device that takes nothing for ``timeout`` s (a USB
    printer switched off, out of paper) is ``receipt.no_answer`` instead of a hang."""
    import os
    import select
    import stat
    import time

    try:
        is_device = os.path.exists(port) and stat.S_ISCHR(os.stat(port).st_mode)
        fd = os.open(port, os.O_WRONLY | os.O_NONBLOCK if is_device else os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    except OSError as exc:
        raise _device_error(port, exc) from None
    try:
        view, deadline = memoryview(data), time.monotonic() + timeout
        while view:
            left = deadline - time.monotonic()
            if left <= 0:
                raise UserFacingError("receipt.no_answer", port=port)
            _, ready, _ = select.select([], [fd], [], left)
            if not ready:
                continue
            try:
                view = view[os.write(fd, view) :]
            except BlockingIOError:
                continue
            except OSError as exc:
                raise _device_error(port, exc) from None
    finally:
        os.close(fd)


def _serial_check(device: str, data: bytes, baudrate: int, timeout: float) -> None:
    import serial

    try:
        link = serial.Serial(device, baudrate=baudrate, timeout=timeout, write_timeout=timeout, exclusive=True)
    except serial.SerialException as exc:
        raise _device_error(device, OSError(*exc.args) if exc.args else OSError()) from None
    except (OSError, ValueError) as exc:
        raise _device_error(device, exc if isinstance(exc, OSError) else OSError()) from None
    try:
        link.reset_input_buffer()
        link.write(data + STATUS_QUERY)
        link.flush()
        answer = link.read(1)
    except serial.SerialTimeoutException:
        raise UserFacingError("receipt.no_answer", port=device) from None
    except (OSError, serial.SerialException):
        raise UserFacingError("print.escpos_failed", port=device) from None
    finally:
        with contextlib.suppress(OSError, serial.SerialException):
            link.close()
    if not answer:
        raise UserFacingError("receipt.no_answer", port=device)
    status = answer[0]
    if status & 0x93 != 0x12:  # bits 0 and 7 are 0, bits 1 and 4 are 1 in a status byte
        raise UserFacingError("receipt.no_answer", port=device)
    if status & 0x08:
        raise UserFacingError("receipt.offline", port=device)


def _tcp_check(host: str, number: int, data: bytes, timeout: float) -> None:
    import socket

    shown = f"{host}:{number}"
    try:
        conn = socket.create_connection((host, number), timeout=timeout)
    except TimeoutError:
        raise UserFacingError("receipt.no_answer", port=shown) from None
    except OSError:
        raise UserFacingError("print.escpos_failed", port=shown) from None
    try:
        conn.sendall(data + STATUS_QUERY)
        answer = conn.recv(1)
    except TimeoutError:
        raise UserFacingError("receipt.no_answer", port=shown) from None
    except OSError:
        raise UserFacingError("print.escpos_failed", port=shown) from None
    finally:
        conn.close()
    if not answer:
        raise UserFacingError("receipt.no_answer", port=shown)


def check(port: str, data: bytes, baudrate: int = 9600, timeout: float = 5) -> bool:
    """Print ``data`` (a test slip) on the printer at ``port``, for 管理 → 设备 测试.

    Serial and network printers are then asked for their real-time status (``STATUS_QUERY``):
    no byte within ``timeout`` is ``receipt.no_answer``; an offline bit is ``receipt.offline``.
    A device node (/dev/usb/lp0) or file is written only. Returns whether the printer answered
    (True) or the bytes were only written (False). Raises UserFacingError with the reason."""
    port = port.strip()
    if not port:
        raise UserFacingError("print.escpos_no_port")
    if port.startswith("tcp:"):
        host, _, number = port[4:].partition(":")
        _tcp_check(host, int(number or 9100) if number.isdigit() else 9100, data, timeout)
        return True
    if port.startswith("serial:") or _SERIAL.match(port):
        _serial_check(port.removeprefix("serial:"), data, baudrate, timeout)
        return True
    if port.startswith("win32:"):
        send(port, data, baudrate, timeout)
        return False
    _write_device(port, data, timeout)
    return False
