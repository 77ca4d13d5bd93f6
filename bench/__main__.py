"""``python -m bench [SECTION ...] [--quick]``: run the benchmark suite, write docs/benchmarks.md.

Each section measures Tongban and its baseline side by side in the same run and returns a
markdown block; figures from different runs are never mixed. A section whose prerequisites
are missing here (e.g. pcscd for the card) is reported as skipped with the reason.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"

#: name → (module, full-run kwargs, quick-run kwargs)
SECTIONS: dict[str, tuple[str, dict[str, int], dict[str, int]]] = {
    "startup": ("bench.startup_bench", {"runs": 7}, {"runs": 3}),
    "card": ("bench.card_bench", {"reads": 200}, {"reads": 30}),
    "qr": ("bench.qr_decode", {"per_case": 8}, {"per_case": 2}),
    "qr_photo": ("bench.qr_photo_bench", {"per_class": 8}, {"per_class": 2}),
    "photo": ("bench.photo_bench", {"pages": 6}, {"pages": 2}),
    "search": ("bench.search_bench", {"n": 1_000_000}, {"n": 50_000}),
    "print": ("bench.print_bench", {"repeat": 5, "batch": 500}, {"repeat": 2, "batch": 50}),
    "sync": ("bench.sync_bench", {"cases": 100, "photo_kb": 90}, {"cases": 10, "photo_kb": 20}),
    "sync_scale": ("bench.sync_scale_bench", {"cases": 10_000}, {"cases": 200}),
    "memory": ("bench.memory_bench", {}, {}),
    "camera5mp": ("bench.camera5mp_bench", {"pages": 6}, {"pages": 2}),
    "crash": ("bench.crash_bench", {"rounds": 300}, {"rounds": 20}),
    "keys": ("bench.keys_bench", {"refresh": 1}, {"refresh": 0}),
    "hub_load": ("bench.hub_load_bench", {"stations": 500, "cases": 4}, {"stations": 500, "cases": 1}),
}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores{mem}, {system}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("sections", nargs="*", metavar="SECTION", help=", ".join(SECTIONS))
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the suite runs")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TONGBAN_HOME"] = tempfile.mkdtemp(prefix="tongban-bench-")  # never the real data
    chosen = args.sections or list(SECTIONS)
    blocks = []
    for name in chosen:
        module_name, full, quick = SECTIONS[name]
        t = time.perf_counter()
        print(f"[bench] {name} …", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(module_name)
            run: Callable[..., str] = module.run
            blocks.append(run(**(quick if args.quick else full)))
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("bench."):
                blocks.append(f"## {name}\n\nNot measured yet: `{module_name}` does not exist.")
            else:
                raise
        except Exception as exc:  # a section that cannot run here says why; the others still run
            blocks.append(f"## {name}\n\nSkipped on this machine: {type(exc).__name__}: {exc}")
        print(f"[bench] {name} done in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    header = [
        "# Benchmarks",
        "",
        f"Written by `python -m bench{' --quick' if args.quick else ''}` on {dt.date.today().isoformat()}.",
        f"Machine: {machine()}.",
        "",
        "Every ratio compares two figures measured in the same run on the same machine; these machines are "
        "noisy, so read the ratios, not the absolute times.",
        "",
    ]
    if args.sections and args.out.exists():
        # Replace only the chosen sections, keep the others from the earlier run.
        blocks = _merge(args.out.read_text(encoding="utf-8"), blocks)
    args.out.write_text("\n".join(header) + "\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    print(f"[bench] wrote {args.out}", file=sys.stderr)
    return 0


def _merge(old: str, new_blocks: list[str]) -> list[str]:
    old_blocks = ["## " + b.rstrip() for b in old.split("\n## ")[1:]]
    titles = {b.splitlines()[0] for b in new_blocks}
    kept = [b.rstrip() for b in old_blocks if b.splitlines()[0] not in titles]
    return kept + new_blocks


if __name__ == "__main__":
    sys.exit(main())
