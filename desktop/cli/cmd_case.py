"""``tongban case list|show|due``: cases for operators and tests (ID numbers masked)."""

from __future__ import annotations

import argparse
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


def _list(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from desktop.cli.common import store
    from models import clock
    from models.case_views import case_summary
    from models.cases import due_soon, overdue
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

    from desktop.cli.common import store
    from models import clock
    from models.case_views import case_detail
    from models.errors import UserFacingError
    from models.numbering import format_case_no, parse_case_no
    from models.orm import Case

    code, day, serial = parse_case_no(args.case_no)
    st = store()
    try:
        with st.db.read() as session:
            case = session.scalar(select(Case).where(Case.case_no == format_case_no(code, day, serial)))
            if case is None:
                raise UserFacingError("case.not_found", case_no=args.case_no)
            detail = case_detail(case, clock.today_local())
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
