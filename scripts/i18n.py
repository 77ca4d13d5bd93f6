"""Collect the UI strings into resources/translations/*.ts and compile them to .qm.

    python scripts/i18n.py            update the .ts files (keeps existing translations) and compile
    python scripts/i18n.py --check    exit 1 when a .ts is out of date, a string is untranslated,
                                      or a .qm does not match its .ts (the test suite runs this)

Strings come from two places: ``self.tr()`` / ``QCoreApplication.translate()`` calls in desktop/
and widgets/ (found by pyside6-lupdate), and the error-message tables of desktop/messages (context
"messages"; desktop/i18n.py routes ``messages.render`` through the same catalog). Source strings
are Simplified Chinese; a translator fills in ``<translation>`` in the .ts (Qt Linguist works).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("en",)
SOURCE_DIRS = ("desktop", "widgets")
Key = tuple[str, str]


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else name


def code_strings() -> dict[Key, str]:
    """(context, source) -> "file:line" of every translatable literal in the Qt code."""
    files = sorted(str(p) for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.py"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scan.ts"
        subprocess.run([_tool("pyside6-lupdate"), *files, "-ts", str(out)], check=True, capture_output=True)
        tree = ET.parse(out)
    found: dict[Key, str] = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            loc = message.find("location")
            where = f"{loc.get('filename', '')}:{loc.get('line', '')}" if loc is not None else ""
            found[(name, message.findtext("source") or "")] = Path(where).name
    return found


def message_strings() -> dict[Key, str]:
    sys.path.insert(0, str(ROOT))
    from desktop.messages import _TABLES

    return {("messages", text): "desktop/messages" for table in _TABLES for text in table.values()}


def existing(ts: Path) -> dict[Key, str]:
    if not ts.exists():
        return {}
    out: dict[Key, str] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is not None and tr.text and tr.get("type") not in ("unfinished", "obsolete", "vanished"):
                out[(name, message.findtext("source") or "")] = tr.text
    return out


def render_ts(language: str, strings: dict[Key, str], translations: dict[Key, str]) -> str:
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="zh_CN")
    contexts: dict[str, ET.Element] = {}
    for context, source in sorted(strings):
        if context not in contexts:
            contexts[context] = ET.SubElement(root, "context")
            ET.SubElement(contexts[context], "name").text = context
        message = ET.SubElement(contexts[context], "message")
        ET.SubElement(message, "source").text = source
        text = translations.get((context, source))
        tr = ET.SubElement(message, "translation")
        if text:
            tr.text = text
        else:
            tr.set("type", "unfinished")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(root, encoding="unicode") + "\n"


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    strings = {**code_strings(), **message_strings()}
    problems: list[str] = []
    for language in LANGUAGES:
        ts = TS_DIR / f"tongban_{language}.ts"
        qm = ts.with_suffix(".qm")
        translations = existing(ts)
        text = render_ts(language, strings, translations)
        missing = sorted(k for k in strings if k not in translations)
        if args.check:
            if not ts.exists() or ts.read_text(encoding="utf-8") != text:
                problems.append(f"{ts.name} is out of date: run python scripts/i18n.py")
            problems += [f"{ts.name}: untranslated [{c}] {s!r} ({strings[(c, s)]})" for c, s in missing[:20]]
            if len(missing) > 20:
                problems.append(f"{ts.name}: … {len(missing) - 20} more untranslated")
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / qm.name
                if ts.exists():
                    compile_qm(ts, fresh)
                if not qm.exists() or not fresh.exists() or fresh.read_bytes() != qm.read_bytes():
                    problems.append(f"{qm.name} does not match {ts.name}: run python scripts/i18n.py")
        else:
            TS_DIR.mkdir(parents=True, exist_ok=True)
            ts.write_text(text, encoding="utf-8")
            compile_qm(ts, qm)
            print(f"{ts.relative_to(ROOT)}: {len(strings)} strings, {len(missing)} untranslated")
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
