"""``tongban self-test``: is this installation (a checkout or a PyInstaller bundle) complete?

Each check runs the real thing on a throw-away data directory: create and migrate a
database (encrypted, as stations are), load and validate the catalog, find the fonts and
print a receipt to PDF, import every device back-end, write and read JPEG and PNG through
Pillow (the codecs a bundle must keep), start Qt with its platform, image and print-support
plugins. Nothing touches the station's own data.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    ms: float


def _database(tmp: Path) -> str:
    from sqlalchemy import func, select

    from models.orm import Case
    from models.paths import DataPaths
    from models.security.setup import ensure_demo

    store, _recovery, _ = ensure_demo(DataPaths(tmp / "station"))
    try:
        with store.db.read() as session:
            cases = session.scalar(select(func.count()).select_from(Case))
        return f"SQLCipher 加密数据库已创建并迁移到 {store.migration.to_revision}，演示办件 {cases} 件"
    finally:
        store.close()


def _catalog(_tmp: Path) -> str:
    from models.catalog import load_catalog

    catalog = load_catalog()
    return f"服务事项目录 {catalog.version}，共 {len(catalog)} 项"


def _printing(tmp: Path) -> str:
    from models import clock
    from models.case_lookup import material_entries
    from models.catalog import load_catalog
    from models.orm import Case
    from models.paths import DataPaths
    from models.store import open_store
    from printing import render
    from printing.fonts import register_fonts
    from printing.from_case import ADAPTERS, CaseBundle
    from printing.layout import RenderOptions

    fonts = register_fonts()
    store = open_store(DataPaths(tmp / "station"))
    try:
        with store.db.read() as session:
            case = session.query(Case).filter(Case.accepted_at.is_not(None)).first()
            assert case is not None
            item = load_catalog().items.get(case.item_code)
            bundle = CaseBundle(case, material_entries(session, case), item, clock.today_local(), None, {})
            pdf = render("receipt", ADAPTERS["receipt"](bundle), RenderOptions(printed_at=clock.now()))
    finally:
        store.close()
    if not pdf.startswith(b"%PDF"):
        raise RuntimeError("receipt is not a PDF")
    (tmp / "receipt.pdf").write_bytes(pdf)
    song = fonts.song.name if fonts.song else "无（用黑体代替）"
    rare = "、".join(p.name for p in fonts.extensions) or "无"
    return (
        f"受理回执 PDF {len(pdf) // 1024} KB，中文字体 {fonts.path.name}（{fonts.origin}），"
        f"宋体 {song}，生僻字字体 {rare}"
    )


def _devices(_tmp: Path) -> str:
    import cv2
    import pyzbar.pyzbar
    import zxingcpp
    from smartcard import scard

    del pyzbar, scard
    del zxingcpp
    return f"pyscard、opencv {cv2.__version__}、zxing-cpp、pyzbar 可用"


def _images(tmp: Path) -> str:
    """Pillow writes and reads back JPEG and PNG, and the header check reads their size: the
    material photos and scans the counter takes in. A bundle that left out a codec library fails here."""
    from PIL import Image

    from models.images import check_image

    sample = Image.new("RGB", (64, 48), (200, 30, 30))
    for fmt in ("JPEG", "PNG"):
        path = tmp / f"sample.{fmt.lower()}"
        sample.save(path, fmt)
        if check_image(path) != (64, 48):
            raise RuntimeError(f"{fmt}: header size {check_image(path)}")
        with Image.open(path) as img:
            img.load()
            if img.format != fmt or img.size != (64, 48):
                raise RuntimeError(f"{fmt}: read back as {img.format} {img.size}")
    return "Pillow 读写 JPEG、PNG 正常"


def _qt(_tmp: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImageReader
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"png", "jpg"} - formats
    if missing:
        raise RuntimeError(f"Qt image plugins missing: {sorted(missing)}")
    printer = QPrinter()
    del app, printer
    # Every window's module with what it imports (print preview's pypdfium2 was once missing
    # from the bundle: the login opened, signing in failed).
    import desktop.main_window  # noqa: F401

    return f"Qt 平台 {os.environ['QT_QPA_PLATFORM']}，图片格式 {len(formats)} 种，打印支持可用，主窗口各模块可加载"


CHECKS: tuple[tuple[str, Callable[[Path], str]], ...] = (
    ("database", _database),
    ("catalog", _catalog),
    ("printing", _printing),
    ("devices", _devices),
    ("images", _images),
    ("qt", _qt),
)


def run_checks() -> list[CheckResult]:
    results = []
    saved = os.environ.get("TONGBAN_HOME")
    with tempfile.TemporaryDirectory(prefix="tongban-self-test-") as tmp:
        os.environ["TONGBAN_HOME"] = str(Path(tmp) / "station")  # never the station's own data
        try:
            for name, check in CHECKS:
                t = time.perf_counter()
                try:
                    detail, ok = check(Path(tmp)), True
                except Exception as exc:  # a check reports its failure; the others still run
                    detail, ok = f"{type(exc).__name__}: {exc}", False
                results.append(CheckResult(name, ok, detail, (time.perf_counter() - t) * 1000))
        finally:
            if saved is None:
                os.environ.pop("TONGBAN_HOME", None)
            else:
                os.environ["TONGBAN_HOME"] = saved
    return results
