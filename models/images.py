"""Image files checked by their header before anything decodes them (issue 17 item 9).

A 57-byte PNG may declare 60000×60000 pixels: decoding it asks for 10 GB (opencv stops with a
``cv2.error``), and a real 20000×20000 photo takes minutes and gigabytes. Every place that decodes
an image from outside (``tongban scan``, ``photo process|pdf``, a file attached at the counter,
a material PDF) first reads the header with Pillow, which parses only the header on ``open``,
and refuses more than ``MAX_PIXELS`` with a message for the clerk. A file whose header Pillow
cannot read is refused as unreadable: a size that cannot be known cannot be bounded.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import BinaryIO

from models.errors import ValidationError

#: 64 megapixels: above any phone or document camera at the counter (a 48 MP phone photo is
#: 8000×6000), far below what would exhaust a counter PC (decoded BGR: 3 bytes a pixel, 192 MB).
MAX_PIXELS = 64_000_000


def image_size(source: bytes | Path | str) -> tuple[int, int]:
    """(width, height) from the header only; ``image.unreadable`` if it cannot be read."""
    from PIL import UnidentifiedImageError

    name = "" if isinstance(source, bytes) else str(source)
    try:
        if isinstance(source, bytes):
            return _header_size(io.BytesIO(source))
        with open(source, "rb") as fh:
            return _header_size(fh)
    except FileNotFoundError:
        raise ValidationError("camera.file_not_found", path=name) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, struct.error, EOFError):
        raise ValidationError("image.unreadable", path=name) from None


def _header_size(fh: BinaryIO) -> tuple[int, int]:
    """What ``PIL.Image.open`` does up to the header, without its own decompression-bomb check
    (which would hide the declared size from the message): each registered format's ``accept``
    on the first bytes, then its image class, which parses the header and decodes nothing."""
    from PIL import Image, UnidentifiedImageError

    Image.init()
    prefix = fh.read(16)
    for format_id in Image.ID:
        factory, accept = Image.OPEN[format_id]
        if accept is not None and not accept(prefix):
            continue
        fh.seek(0)
        try:
            img = factory(fh, "")
        except (SyntaxError, IndexError, TypeError, struct.error, ValueError, OSError):
            continue
        return int(img.size[0]), int(img.size[1])
    raise UnidentifiedImageError("no image format recognises the header")


def check_image(source: bytes | Path | str, max_pixels: int | None = None) -> tuple[int, int]:
    """The image's (width, height) when its header declares at most ``max_pixels`` (default
    ``MAX_PIXELS``, read at call time); ``image.too_large`` before anything is decoded if not."""
    limit = MAX_PIXELS if max_pixels is None else max_pixels
    width, height = image_size(source)
    if width * height > limit:
        raise ValidationError(
            "image.too_large", width=width, height=height, megapixels=width * height // 1_000_000,
            limit=limit // 1_000_000,
        )
    return width, height
