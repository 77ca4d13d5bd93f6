"""Chinese text for USB sync bundles (sync/bundle.py, hub/bundle_import.py)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "bundle.not_a_bundle": "该文件不是医保通办同步包，请确认选择的是本机导出的同步包或中心端生成的回执包。",
    "bundle.unsupported_version": "同步包格式版本 {version} 不受本程序支持，请升级后再导入。",
    "bundle.truncated": "同步包不完整（可能拷贝未完成或U盘被提前拔出），已拒绝导入，请重新导出。",
    "bundle.damaged": "同步包已损坏，内容无法识别，已拒绝导入，请重新导出。",
    "bundle.bad_signature": "同步包签名校验不通过（文件被改动过或已损坏），已拒绝导入，请重新导出。",
    "bundle.not_for_us": "同步包不是发给本机的，无法解密，已拒绝导入。",
    "bundle.bad_hub_key": "中心端公钥文件无法识别，请向中心端重新索取公钥文件。",
    "bundle.no_hub_key": "尚未导入中心端公钥：请向中心端索取公钥文件（U盘拷来），"
    "在同步中心点“导出同步包”时选择该文件。",
    "bundle.write_failed": "无法写入同步包 {path}（{detail}），请检查U盘是否插好、空间是否足够。"
    "未送达中心端的办件会在下次同步或导出时重新发送。",
    "bundle.read_failed": "无法读取同步包 {path}（{detail}）。",
    "bundle.expected_upload": "这是中心端的回执包，请在同步中心点“导入回执包”导入。",
    "bundle.expected_return": "这是服务点导出的同步包，应送到中心端导入；在这里请选择中心端生成的回执包。",
    "bundle.wrong_hub": "该同步包是发给另一个中心端的（导出时使用了其他中心端的公钥），本中心端无法解密。",
    "bundle.wrong_station_key": "同步包的签名密钥与中心端登记的服务点 {station} 的密钥不一致，已拒绝导入。"
    "如服务点重装过，请重新登记并由中心端审核。",
    "bundle.station_pending": "服务点 {station} 尚未通过中心端审核（登记申请已记录）。请核对密钥指纹 {fingerprint} 后"
    "运行 tongban hub approve {station}，再重新导入该同步包。",
    "bundle.foreign_station": "该回执包属于服务点 {station}，不是发给本服务点的，已拒绝导入。",
    "bundle.foreign_hub": "回执包不是本服务点信任的中心端签发的（公钥指纹 {fingerprint}），已拒绝导入。",
    "bundle.media_refused": "中心端无法保存材料文件 {sha256}…，请重新导出后再导入。",
}
