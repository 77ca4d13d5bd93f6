"""What to type, for messages shown in the command line (``tongban ...``).

The message tables speak to a clerk at the counter and name menu items, never commands; the CLI
appends the command that helps from this table (desktop/cli/main.py).
"""

from __future__ import annotations

from .evaluator import CASE_FALLBACK

#: Sentences of the clerk's messages that name window keys (F11, F4): left out on the command line.
GUI_ONLY: tuple[str, ...] = (CASE_FALLBACK,)

HINTS: dict[str, str] = {
    "bundle.not_a_bundle": "同步包由 tongban sync export 或 tongban hub import 生成。",
    "bundle.bad_hub_key": "中心端：tongban hub key --out 文件。",
    "bundle.no_hub_key": "中心端：tongban hub key --out 文件；"
    "本机：tongban sync export --hub-key 该文件 --out 同步包。",
    "bundle.expected_upload": "服务点：tongban sync import 回执包。",
    "bundle.expected_return": "中心端：tongban hub import 同步包。",
    "station.not_initialised": "tongban init",
    "auth.not_protected": "tongban init --protect",
    "sync.no_hub": "tongban station enroll --hub 地址",
    "sync.not_enrolled": "tongban station enroll --hub 地址",
    "sync.bad_signature": "tongban station show",
    "sync.plain_http": "tongban station enroll --hub 地址 --allow-http",
    **{
        f"evaluator.{code}": "再试一次：tongban evaluator rate；检测连线：tongban evaluator check"
        for code in ("port_not_found", "port_busy", "port_lost", "timeout", "garbled", "device_error")
    },
    **{
        f"evaluator.{code}": "再试一次：tongban evaluator rate；检测连线：tongban evaluator check"
        for code in ("no_answer", "library_code")
    },
}
