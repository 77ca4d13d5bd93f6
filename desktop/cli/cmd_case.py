"""``tongban case list|show|due``: cases for operators and tests (ID numbers masked)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json


def register(sub: Any) -> None:
    parser = sub.add_parser("case", help="办件查询")
    cmds = parser.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    lst = cmds.add_parser("list", help="列出办件")
    lst.add_argument("--state", help="按状态筛选，如 已受理")
    lst.add_argument("--overdue", action="store_true", help="只列超期办件")
    lst.add_argument("--due-soon", action="store_true", help="只列两个工作日内到期的办件")
    lst.add_argument("--limit", type=int, default=200)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=_list)
    show = cmds.add_parser("show", help="办件详情（含时间线）")
    show.add_argument("case_no")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=_show)
    sms = cmds.add_parser("sms-consent", help="登记申请人是否同意接收短信通知（消息推送）")
    sms.add_argument("case_no")
    sms.add_argument("--phone", help="手机号码（默认取受理信息中的联系电话）")
    sms.add_argument("--withdraw", action="store_true", help="申请人不同意或撤回同意")
    sms.set_defaults(func=_sms_consent)
    imp = cmds.add_parser("import", help="批量受理：从 Excel(.xlsx)/CSV 名单逐行校验并建立办件（草稿）")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--item", required=True, metavar="CODE", help="服务事项编码，如 520000016056")
    imp.add_argument("--dry-run", action="store_true", help="只校验，不建立办件")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(func=_import)
    tpl = cmds.add_parser("import-template", help="导出批量受理模板（列名行）")
    tpl.add_argument("--item", required=True, metavar="CODE", help="服务事项编码")
    tpl.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help="输出文件（.xlsx 或 .csv）")
    tpl.set_defaults(func=_import_template)


def _list(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from desktop.cli.common import store
    from models import clock
    from models.case_views import case_summary
    from models.deadlines import due_soon, overdue
    from models.lifecycle import CaseState
    from models.orm import Case

    st = store()
    try:
        with st.db.read() as session:
            today = clock.today_local()
            if args.overdue:
                cases = overdue(session, today)
            elif args.due_soon:
                cases = due_soon(session, today)
            else:
                query = select(Case).order_by(Case.created_at.desc()).limit(args.limit)
                if args.state:
                    query = query.where(Case.state == CaseState(args.state))
                cases = list(session.scalars(query))
            rows = [case_summary(c, today) for c in cases]
    finally:
        st.close()
    if args.json:
        emit_json(rows)
    else:
        for r in rows:
            print(f"{r['case_no']}  {r['state']:<6}  {r['item_name']}  {r['applicant']}  {r['promised_date'] or ''}")
        print(f"共 {len(rows)} 件")
    return 0


def _show(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from desktop.cli.common import store_with_actor
    from models import audit, clock
    from models.case_views import case_detail
    from models.errors import UserFacingError
    from models.numbering import format_case_no, parse_case_no
    from models.orm import Case
    from models.permissions import Permission

    code, day, serial = parse_case_no(args.case_no)
    st, actor = store_with_actor(Permission.CASE_VIEW)
    try:
        with st.db.write() as session:  # write: the view is audited in the same transaction
            case = session.scalar(select(Case).where(Case.case_no == format_case_no(code, day, serial)))
            if case is None:
                raise UserFacingError("case.not_found", case_no=args.case_no)
            detail = case_detail(case, clock.today_local())
            # The detail shows the applicant masked; it is still a look at a person's case.
            person = f"person:{case.person_id}" if case.person_id else None
            audit.record(
                session,
                "case.view",
                f"case:{case.case_no}",
                clerk=actor,
                detail={"via": "cli", "person": person, "masked": True},
            )
    finally:
        st.close()
    if args.json:
        emit_json(detail)
    else:
        for key, value in detail.items():
            if key != "events":
                print(f"{key}: {value}")
        for ev in detail["events"]:
            print(f"  {ev['at']}  {ev['action']}  {ev['from_state'] or ''} → {ev['to_state']}  {ev['reason'] or ''}")
    return 0


def _sms_consent(args: argparse.Namespace) -> int:
    from desktop.cli.common import store_with_actor
    from models.case_lookup import find_case
    from models.masking import mask_phone
    from models.permissions import Permission
    from models.sms_consent import set_sms_consent

    st, actor = store_with_actor(Permission.CASE_INTAKE)
    try:
        with st.db.write() as session:
            case = find_case(session, args.case_no)
            set_sms_consent(session, case, args.phone, not args.withdraw, actor)
            phone, case_no = case.sms_phone, case.case_no
    finally:
        st.close()
    if phone:
        print(f"办件 {case_no}：申请人同意接收短信通知，号码 {mask_phone(phone)}。")
    else:
        print(f"办件 {case_no}：申请人不接收短信通知。")
    return 0


def _import(args: argparse.Namespace) -> int:
    from desktop.cli.common import store_with_actor
    from desktop.messages import render
    from models.batch_import import RowError, run_import
    from models.errors import UserFacingError

    st, actor = store_with_actor()
    try:
        report = run_import(
            st.db, args.file, args.item, clerk_id=actor.clerk_id if actor else None, dry_run=args.dry_run
        )
    finally:
        st.close()

    def text(error: RowError) -> str:
        return render(UserFacingError(error.code, **error.params))

    if args.json:
        emit_json(report.as_dict(text))
    else:
        mode = "（仅校验，未建立办件）" if report.dry_run else ""
        print(f"事项：{report.item_name}（{report.item_code}）  文件：{report.file_name}{mode}")
        if report.ignored_columns:
            print("未使用的列：" + "、".join(report.ignored_columns))
        made = f"可建办件 {report.valid} 件" if report.dry_run else f"已建办件（草稿）{len(report.created)} 件"
        print(
            f"共 {report.total} 行：校验通过 {report.valid} 行，{made}，"
            f"此前已导入 {report.already_imported} 行，有错误 {report.invalid} 行。"
        )
        for error in report.errors:
            column = f"「{error.column}」" if error.column else ""
            print(f"  第{error.row}行 {column} {text(error)}")
    return 0 if report.ok else 1


def _import_template(args: argparse.Namespace) -> int:
    from desktop.cli.cmd_catalog import station_profile_id
    from models.batch_import import write_template
    from models.catalog import load_catalog

    item = load_catalog(profile=station_profile_id()).get(args.item)
    headers = write_template(item, args.out)
    print(f"已导出“{item.name}”批量受理模板：{args.out}")
    print("列名：" + "、".join(headers))
    return 0
