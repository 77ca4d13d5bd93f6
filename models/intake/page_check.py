"""What a material file really is, from its bytes: a page the counter can show and print
(JPEG or PNG photo, PDF), whatever its name says. A text file renamed .jpg was accepted as a
page and later shown as "无法显示"; it is refused when attached instead."""

from __future__ import annotations

import io

from models.errors import ValidationError
from models.images import check_image

#: Pillow format name -> the MIME type stored with the page.
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def page_mime(data: bytes) -> str:
    """The MIME type of a material page, checked from its content; ValidationError when the
    bytes are not a readable JPEG, PNG or PDF."""
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError("intake.not_a_page")  # cut off (an interrupted copy)
        return "application/pdf"
    if not data.startswith(IMAGE_MAGIC):
        raise ValidationError("intake.not_a_page")
    try:
        check_image(data)  # the header's pixel count is bounded before anything decodes
    except ValidationError as exc:
        if exc.code == "image.too_large":
            raise
        raise ValidationError("intake.not_a_page") from exc
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError("intake.not_a_page") from exc
    if kind not in IMAGE_FORMATS:
        raise ValidationError("intake.not_a_page")
    return IMAGE_FORMATS[kind]
