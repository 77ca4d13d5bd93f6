"""Chinese text for the catalog's error codes (models/catalog)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "catalog.unknown_item": "目录 {version} 中没有编码为 {item_code} 的服务事项。",
    "catalog.unknown_version": "本机没有版本为 {version} 的服务事项目录，请先导入该版本的目录包。",
    "catalog.missing": "找不到服务事项目录文件：{path}。",
    "catalog.bad_version": "目录版本号“{version}”格式不正确（应为 年.月.序号）。",
    "catalog.bad_format": "目录文件格式不受支持（{origin}，格式 {format}）。",
    "catalog.unreadable": "目录文件无法读取：{origin}（{detail}）。",
    "catalog.invalid": "目录校验未通过，共 {count} 处错误；第一处：{first}",
    "catalog.bad_override": "本地配置文件 {file} 有误：{detail}",
    "catalog.override_unknown_item": "本地配置 {file} 引用了目录中不存在的事项 {item_code}。",
    "catalog.unknown_profile": (
        "目录中没有规则配置“{profile}”（可选：national 全国、guizhou 贵州、"
        "qiannan 黔南州、duyun 都匀、pingdingshan 平顶山）。"
    ),
    "catalog.package_unreadable": "目录包 {file} 已损坏或不是目录包。",
    "catalog.unsigned": "目录包 {file} 没有签名，已拒绝导入。",
    "catalog.package_too_large": "目录包 {file} 超过 {mb} MB（解压后），不是正常的目录包，已拒绝导入。",
    "catalog.bad_signature": "目录包 {file} 签名无效（可能被篡改或非可信发布方），已拒绝导入。",
    "catalog.no_trusted_key": "本机未配置可信的目录发布方公钥，无法校验目录包。",
    "catalog.not_newer": "目录包版本 {version} 不高于本机当前版本 {current}，已拒绝导入。",
    "catalog.bad_key": "密钥文件 {file} 不是有效的 Ed25519 密钥。",
    "catalog.template_value_missing": "消息模板缺少需要填写的内容：{value}。",
    "catalog.template_unfilled": "消息模板仍有未填写的占位符：{template}",
}
