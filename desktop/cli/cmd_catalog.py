"""`tongban catalog`: validate, list, show, build, sign, verify and import the service catalog."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json
from models.enums import StationLevel
from models.errors import UserFacingError

PROFILE_HELP = (
    "规则配置：national（全国003）、guizhou（贵州）、qiannan（黔南州）、duyun（都匀）、pingdingshan（平顶山）；"
    "默认：本服务点行政区划代码所对应的配置"
)


def register(sub: Any) -> None:
    parser = sub.add_parser("catalog", help="服务事项目录：校验、查看、签名包导入")
    cmds = parser.add_subparsers(dest="catalog_command", metavar="SUBCOMMAND")

    p = cmds.add_parser("validate", help="校验目录源文件（YAML 目录）或已编译的 catalog.json")
    p.add_argument("path", nargs="?", type=Path, help="默认：内置 resources/catalog")
    p.set_defaults(func=_validate)

    p = cmds.add_parser("list", help="列出事项")
    p.add_argument("--json", action="store_true")
    p.add_argument("--search", default="", help="按编码、名称或拼音首字母筛选")
    p.add_argument("--version", dest="catalog_version", help="指定目录版本（案件固定的版本）")
    p.add_argument("--level", choices=["村", "乡镇", "县", "市", "省"], help="按该层级标注（默认：本服务点的层级）")
    p.add_argument("--profile", help=PROFILE_HELP)
    p.set_defaults(func=_list)

    p = cmds.add_parser("show", help="显示一个事项")
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p.add_argument("--version", dest="catalog_version")
    p.add_argument("--level", choices=["村", "乡镇", "县", "市", "省"], help="按该层级说明（默认：本服务点的层级）")
    p.add_argument("--profile", help=PROFILE_HELP)
    p.set_defaults(func=_show)

    p = cmds.add_parser("profiles", help="列出规则配置（全国、省、地方）及其适用的行政区划代码")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_profiles)

    p = cmds.add_parser("build", help="由 YAML 编译 catalog.json")
    p.add_argument("--source", type=Path, help="默认：内置 resources/catalog")
    p.add_argument("--out", type=Path, help="默认：<source>/catalog.json")
    p.set_defaults(func=_build)

    p = cmds.add_parser("keygen", help="生成发布方 Ed25519 密钥对（私钥请离线保存）")
    p.add_argument("private", type=Path)
    p.add_argument("public", type=Path)
    p.set_defaults(func=_keygen)

    p = cmds.add_parser("build-package", help="编译并签名目录包")
    p.add_argument("--key", type=Path, required=True, help="发布方私钥 (PEM)")
    p.add_argument("--source", type=Path)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--regions", type=Path, help="随包下发的新版行政区划代码表（代码<TAB>名称），同一私钥签名")
    p.add_argument(
        "--policy",
        type=Path,
        action="append",
        default=[],
        help="随包下发的县级医疗救助政策参数表（YAML，须有 version 与 notice），同一私钥签名；可重复",
    )
    p.set_defaults(func=_build_package)

    p = cmds.add_parser("verify-package", help="校验目录包的签名与版本")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_verify_package)

    p = cmds.add_parser("import", help="校验并安装目录包（同步或U盘）")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_import)

    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])


def _validate(args: argparse.Namespace) -> int:
    from models.catalog.loader import bundled_dir, parse_compiled, validate_source

    path: Path = args.path or bundled_dir()
    if path.is_file():
        catalog = parse_compiled(path.read_bytes(), origin=str(path))
        print(f"目录 {catalog.version} 有效：{len(catalog)} 个事项。")
        return 0
    manifest, items, problems = validate_source(path)
    for problem in problems:
        print(f"错误：{problem}", file=sys.stderr)
    if problems:
        print(f"目录校验未通过：{len(problems)} 处错误。", file=sys.stderr)
        return 1
    assert manifest is not None
    print(f"目录 {manifest.version} 有效：{len(items)} 个事项。")
    return 0


def _summary(item: Any) -> dict[str, Any]:
    return {
        "code": item.code,
        "name": item.name,
        "main_item": item.main_item.name,
        "scope": item.scope,
        "handling_type": item.handling_type,
        "time_limit": [r.text for r in item.time_limits],
    }


def _list(args: argparse.Namespace) -> int:
    from models.catalog import load_catalog
    from models.catalog.level_rights import handling_at

    level, admdvs = _station(args)
    catalog = load_catalog(args.catalog_version, profile=_profile(args, admdvs))
    items = catalog.search(args.search) if args.search else list(catalog)
    if args.json:
        summaries = [_summary(i) for i in items]
        if level is not None:
            for summary, item in zip(summaries, items, strict=True):
                summary["at_station"] = handling_at(item, level).as_dict()
        emit_json(
            {
                "version": catalog.version,
                "effective_date": catalog.effective_date,
                "profile": catalog.profile,
                "items": summaries,
            }
        )
        return 0
    print(f"目录版本 {catalog.version}（{catalog.effective_date} 起施行），{len(items)} 个事项")
    print(f"规则配置：{catalog.profile_name}（{catalog.profile}）")
    if level is not None:
        print(f"本服务点层级：{level.value}（“当场办结”：即办件由受理人办结；“转报”：受理后转上级）")
    for item in items:
        mark = f"  〔{_short(handling_at(item, level))}〕" if level is not None else ""
        print(f"{item.code}  {item.name}  [{item.handling_type}]  {'；'.join(r.text for r in item.time_limits)}{mark}")
    return 0


def _short(h: Any) -> str:
    if not h.accept:
        return "不受理"
    if h.finish_at_counter:
        return "受理、当场办结"
    if h.approve:
        return "受理、审核办结"
    return f"受理后转报{h.forward_to}级"


def _station(args: argparse.Namespace) -> tuple[StationLevel | None, str | None]:
    """(``--level`` else the station's level, the station's 行政区划代码) when this PC has a
    station (nothing is created); (``--level``, None) otherwise."""
    from desktop.cli.common import require_station, store
    from models.paths import data_paths

    level = StationLevel(args.level) if args.level else None
    if not data_paths().database.exists():
        return level, None
    st = store()
    try:
        station = require_station(st)
        return level or station.level, station.admdvs
    except UserFacingError:
        return level, None
    finally:
        st.close()


def station_profile_id() -> str:
    """The rule profile of this PC's station (national when it has none yet)."""
    from models.catalog.loader import station_profile

    _level, admdvs = _station(argparse.Namespace(level=None))
    return station_profile(admdvs)


def _profile(args: argparse.Namespace, admdvs: str | None) -> str:
    """``--profile``, else the one the station's 行政区划代码 selects (national without a station)."""
    from models.catalog.loader import station_profile

    return str(args.profile) if args.profile else station_profile(admdvs, args.catalog_version)


def _profiles(args: argparse.Namespace) -> int:
    from models.catalog import load_catalog

    catalog = load_catalog(profile="national")
    rows = [{"id": k, **v} for k, v in catalog.profiles.items()]
    if args.json:
        emit_json({"version": catalog.version, "profiles": rows})
        return 0
    for row in rows:
        regions = "、".join(str(r) for r in row["regions"]) or "（默认）"  # type: ignore[attr-defined]
        parent = f"，上级 {row['parent']}" if row.get("parent") else ""
        print(f"{row['id']}  {row['name']}  适用行政区划代码：{regions}{parent}  依据：{row['source']}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from models.catalog import load_catalog
    from models.catalog.level_rights import describe, handling_at

    level, admdvs = _station(args)
    catalog = load_catalog(args.catalog_version, profile=_profile(args, admdvs))
    item = catalog.get(args.code)
    data = item.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["time_limit"] = data.pop("time_limits")
    data["catalog_version"] = catalog.version
    data["profile"] = {"id": catalog.profile, "name": catalog.profile_name, "chain": list(catalog.profile_chain)}
    data["proxy_materials_unstated"] = _proxy_unstated(item)
    at = handling_at(item, level) if level is not None else None
    data["at_station"] = at.as_dict() if at is not None else None
    data["by_level"] = [handling_at(item, lv).as_dict() for lv in StationLevel]
    if args.json:
        emit_json(data)
        return 0
    print(f"{item.code} {item.name}（{item.main_item.name}）")
    print(f"规则配置：{catalog.profile_name}（{' → '.join(catalog.profile_chain) or catalog.profile}）")
    print(f"办件类型：{item.handling_type}；办理时限：{'；'.join(f'{r.text}〔{r.source}〕' for r in item.time_limits)}")
    if at is not None:
        print(f"本服务点（{describe(at)}）")
    print("各层级：")
    for lv in sorted(StationLevel, key=lambda lv: lv.rank):
        print(f"  - {describe(handling_at(item, lv))}")
    local = "（003未勾选，由地方决定；此为目录默认）" if item.levels.decided_locally else ""
    print(f"层级依据：{item.levels.source}{local}")
    print("受理材料：")
    for m in item.materials:
        cond = f"（{m.condition_text}）" if m.condition_text else ""
        print(f"  - {m.name}{cond}〔{m.source}〕")
    if data["proxy_materials_unstated"]:
        print("  - 委托办理材料：本规则配置的依据未规定，由县级本地配置补充")
    print("受理信息必填项：" + "、".join(f.label for f in item.fields if f.required))
    if item.county_to_fill:
        print("待县级补充：" + "；".join(item.county_to_fill))
    return 0


def _proxy_unstated(item: Any) -> bool:
    """The item records 委托办理 but the profile's seeds name no material for it."""
    has_field = item.field("by_proxy") is not None
    return has_field and not any(m.condition is not None and m.condition.field == "by_proxy" for m in item.materials)


def _build(args: argparse.Namespace) -> int:
    from models.catalog.loader import bundled_dir, compile_source

    source: Path = args.source or bundled_dir()
    out: Path = args.out or source / "catalog.json"
    out.write_bytes(compile_source(source))
    print(f"已生成 {out}")
    return 0


def _keygen(args: argparse.Namespace) -> int:
    from models.catalog.package import generate_keypair

    kid = generate_keypair(args.private, args.public)
    print(f"已生成密钥对，密钥编号 {kid}。私钥：{args.private}（请离线保存）；公钥：{args.public}")
    return 0


def _build_package(args: argparse.Namespace) -> int:
    from models.catalog.loader import bundled_dir, compile_source
    from models.catalog.package import build_package, load_private_key

    payload = compile_source(args.source or bundled_dir())
    regions = Path(args.regions).read_bytes() if args.regions else None
    policies = {}
    for path in args.policy:
        import yaml

        from models.assistance import policy_from_mapping

        table = Path(path).read_bytes()
        policy = policy_from_mapping(yaml.safe_load(table.decode("utf-8")) or {})
        if policy.example:
            print(f"错误：{path} 是示例参数表（example: true），不能签名下发。", file=sys.stderr)
            return 1
        policies[policy.county[:6]] = table
    build_package(payload, load_private_key(args.key), args.out, regions, policies)
    extra = f"，含 {len(policies)} 份县级医疗救助政策参数表" if policies else ""
    print(f"已生成签名目录包 {args.out}{extra}")
    return 0


def _verify_package(args: argparse.Namespace) -> int:
    from models.catalog.package import trusted_keys, verify_package

    verified = verify_package(args.file, trusted_keys())
    if args.json:
        emit_json(
            {
                "file": str(args.file),
                "version": verified.catalog.version,
                "effective_date": verified.catalog.effective_date,
                "key_id": verified.key_id,
                "items": len(verified.catalog),
            }
        )
    else:
        print(f"签名有效（密钥 {verified.key_id}）：目录 {verified.catalog.version}，{len(verified.catalog)} 个事项。")
    return 0


def _import(args: argparse.Namespace) -> int:
    from models.catalog.package import install_package

    catalog = install_package(args.file)
    if args.json:
        emit_json({"version": catalog.version, "effective_date": catalog.effective_date, "items": len(catalog)})
    else:
        print(f"已导入目录 {catalog.version}（{catalog.effective_date} 起施行），{len(catalog)} 个事项。")
    return 0
