"""恢复密钥: the one sheet that goes into the station's safe after set-up or a key rotation.

Pure reportlab, like every document here. The key itself is printed large in a fixed-width
font, grouped as the clerk will type it back (desktop/login.py accepts any case, spaces or
dashes); nothing of the key is stored anywhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from models import clock
from printing.layout import A4, RenderOptions, build, gap, para, title

#: reportlab's built-in fixed-width face: no registration, O and 0 never look alike.
KEY_FONT = "Courier-Bold"


@dataclass(frozen=True)
class RecoveryKeyData:
    station_name: str
    station_code: str
    #: The new key's identifier (models/security/vault.py ``key_id``), to tell sheets apart.
    key_id: str
    generated_at: dt.datetime
    #: Who made it (the admin's login), for the sheet's signature line.
    made_by: str
    recovery_key: str = field(repr=False)


def render_recovery_key(data: RecoveryKeyData, options: RenderOptions = A4) -> bytes:
    key_style = ParagraphStyle("recovery-key", fontName=KEY_FONT, fontSize=17, leading=26, alignment=TA_CENTER)
    groups = data.recovery_key.split("-")
    # Two lines of groups: large enough to read back without a magnifier, narrow enough for A4.
    half = (len(groups) + 1) // 2
    lines = ["-".join(groups[:half]), "-".join(groups[half:])] if len(groups) > 4 else [data.recovery_key]
    story: list[Flowable] = [
        title("医保通办 恢复密钥", 18),
        gap(4),
        para(f"服务点：{data.station_name}（{data.station_code}）", 11),
        para(f"密钥标识：{data.key_id}    生成时间：{clock.to_local(data.generated_at):%Y-%m-%d %H:%M}", 11),
        gap(8),
        *[Paragraph(line, key_style) for line in lines if line],
        gap(8),
        para("此恢复密钥只显示这一次，请打印后放入服务点保险柜，旧恢复密钥已作废。", 11),
        para("经办人员忘记密码时，管理员凭此密钥在登录窗口的“忘记密码”中重置密码。", 11),
        para("此前的备份文件仍用旧密钥加密、含旧的密钥文件：请新做一次备份，并按规定销毁或封存旧备份。", 11),
        gap(14),
        para(f"生成人：{data.made_by}            保管人签字：                    日期：", 11),
    ]
    return build(story, doc_title="恢复密钥", options=options, footer=f"密钥标识 {data.key_id}")
