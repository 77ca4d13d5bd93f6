"""Demo station, clerks and sample cases for ``tongban init --demo`` and ``tongban gui --demo``.

Every person here is fictitious: names say 演示 and ID numbers are generated for the demo
county with valid check digits, so the counter can be tried without real personal data.
Seeding is idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum.cn import ric

from models import clock
from models.cases import ItemLike, MaterialLine, apply_action, open_case, set_material_status
from models.deadlines import load_calendar
from models.enums import ClerkRole, StationLevel
from models.lifecycle import Action
from models.orm import Case, Clerk, Person, Station
from models.paths import DataPaths
from models.person_insurance import ContributionLine, InsuranceFacts, store_facts
from models.station_setup import StationSpec, add_clerk, create_station, current_station

DEMO_STATION = StationSpec(
    name="演示镇医保服务站",
    admdvs="522701100",  # 都匀市 (522701) + a demo township number
    level=StationLevel.TOWNSHIP,
    station_no="001",
)

DEMO_CLERKS = (
    ("admin", "演示管理员", ClerkRole.ADMIN),
    ("shouli", "演示受理员", ClerkRole.INTAKE),
    ("shenhe", "演示审核员", ClerkRole.REVIEWER),
    ("dayin", "演示打印员", ClerkRole.PRINTER),
    ("tongbu", "演示同步员", ClerkRole.SYNC),
)

#: Demo passwords, documented in README's demo section. The demo station's keyring is real
#: (its database and files are encrypted) but these open it, so demo data must stay fictitious.
DEMO_PASSWORDS = {login: f"demo-{login}" for login, _name, _role in DEMO_CLERKS}
#: Who the CLI acts as on a demo station when no one signs in (the GUI always asks).
DEMO_UNLOCK_LOGIN = "admin"

#: (name, birth date, sequence digits) → an ID number in 都匀市 with its check digit computed.
DEMO_PEOPLE = (
    ("王演示", "19580312", "101"),
    ("李演示", "19910707", "202"),
    ("张演示", "20190120", "303"),
    ("赵演示", "19660905", "414"),
    ("陈演示", "19850228", "525"),
)


def demo_insurance(birth: str, today: dt.date) -> InsuranceFacts:
    """Fictitious 参保信息 of a demo person, as the hub's roster would send it (4301, V1.1): the
    demo station holds it as synced, so 表8 参保凭证 and the 参保缴费证明 print filled. Workers
    born 1980–2000 are in 职工医保 with a 个人账户; everyone else in 城乡居民医保, paying yearly."""
    year = int(birth[:4])
    employee = 1980 <= year <= 2000
    start = max(2010, year)
    start_month = f"{start}-{birth[4:6]}" if start == year else f"{start}-01"
    months = (today.year - start) * 12 + today.month - int(start_month[5:]) + 1
    last = today.year - 1
    if employee:
        lines = [
            ContributionLine(f"{y}-01", f"{y}-12", "职工医保", Decimal("4500.00"), Decimal("1080.00"))
            for y in (last - 1, last)
        ]
    else:
        lines = [
            ContributionLine(f"{y}-01", f"{y}-12", "城乡居民医保", None, Decimal(amount))
            for y, amount in ((last - 1, "380.00"), (last, "400.00"))
        ]
    return InsuranceFacts(
        household_place="贵州省黔南州都匀市演示镇演示村",
        household_type="非农业" if employee else "农业",
        insurance_type="职工医保" if employee else "城乡居民医保",
        insured_admdvs="522701",
        insured_from=start_month,
        paid_months=months,
        account_balance=Decimal("3256.40") if employee else Decimal("0.00"),
        as_of=today,
        contributions=lines,
    )


def demo_id_number(birth: str, seq: str) -> str:
    body = "522701" + birth + seq
    return body + ric.calc_check_digit(body + "0")


def install_demo_overrides() -> None:
    """The demo station is in Duyun (522701): give it that county's local overrides (seed 002:
    consult and supervision phones, windows), as a real Duyun station would install them."""
    from models.catalog.loader import catalog_home, clear_cache
    from models.paths import resource_path

    target = catalog_home() / "overrides" / "qiannan-duyun.yaml"
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(resource_path("catalog", "overrides", "qiannan-duyun.example.yaml").read_bytes())
    clear_cache()


def seed_demo(
    session: Session,
    paths: DataPaths,
    password_hashes: dict[str, str] | None = None,
    *,
    form_samples: bool = False,
) -> dict[str, Any]:
    """Create the demo station (if no station exists yet), clerks, people and sample cases.

    ``password_hashes`` (from models/security/setup.ensure_demo) sets the demo clerks' passwords.
    ``form_samples`` (``tongban init --demo``, ``tongban gui --demo``) adds an accepted case of
    every item that has a printed form (``FORM_SAMPLES``), so each form prints filled.
    """
    from models.catalog import load_catalog

    station = current_station(session)
    if station is None:
        station = create_station(session, DEMO_STATION)
        install_demo_overrides()
    for login, name, role in DEMO_CLERKS:
        clerk = session.scalar(select(Clerk).where(Clerk.login == login))
        if clerk is None:
            clerk = add_clerk(session, station, login, name, role)
        if password_hashes and login in password_hashes:
            clerk.password_hash = password_hashes[login]
    if session.scalar(select(func.count()).select_from(Case)):
        return _summary(session, station)

    people = [_person(session, name, demo_id_number(birth, seq)) for name, birth, seq in DEMO_PEOPLE]
    for person, (_name, birth, _seq) in zip(people, DEMO_PEOPLE, strict=True):
        store_facts(person, demo_insurance(birth, clock.today_local()), clock.now())
    intake = session.scalar(select(Clerk).where(Clerk.login == "shouli"))
    reviewer = session.scalar(select(Clerk).where(Clerk.login == "shenhe"))
    catalog = load_catalog()
    now = clock.now()
    calendar = load_calendar(session)

    def make(code: str, person: Person, days_ago: int, answers: dict[str, str] | None = None) -> tuple[Case, ItemLike]:
        item = catalog.get(code)
        lines = [MaterialLine(m.key, m.name) for m in item.materials if m.required and m.condition is None]
        case = open_case(
            session,
            station=station,
            item=item,
            catalog_version=catalog.version,
            clerk=intake,
            person=person,
            materials=lines,
            now=now - dt.timedelta(days=days_ago),
        )
        day = clock.local_date(now) - dt.timedelta(days=days_ago)
        _fill_demo_fields(session, case, item, person, day, answers or {})
        return case, item

    def receive_all(case: Case) -> None:
        for entry in list(case_entries(session, case)):
            set_material_status(session, case, entry, "received")

    # 1. 城乡居民参保登记, accepted today (a 即办件: forwarded when not ours to approve).
    case, item = make("002036001003", people[2], 0)
    receive_all(case)
    apply_action(session, case, Action.ACCEPT, item=item, clerk=intake, calendar=calendar, now=now)
    if not item.can_approve(station.level):
        apply_action(session, case, Action.FORWARD, item=item, clerk=intake, now=now)
    # 2. 异地长期居住人员备案, accepted 12 days ago: overdue unless finished.
    case, item = make("002036004002", people[0], 12)
    receive_all(case)
    at = now - dt.timedelta(days=12)
    apply_action(session, case, Action.ACCEPT, item=item, clerk=intake, calendar=calendar, now=at)
    # 3. 门诊慢特病 认定: materials missing, returned for supplement (一次性告知).
    case, item = make(_first_code(catalog, "门诊慢特病"), people[3], 1)
    apply_action(
        session,
        case,
        Action.RETURN_FOR_SUPPLEMENT,
        item=item,
        clerk=intake,
        reason="缺少材料，已出具一次性告知书",
        now=now - dt.timedelta(days=1),
    )
    # 4. 城乡居民参保信息变更登记, accepted and finished (or forwarded when not ours to approve).
    case, item = make("002036001006", people[1], 3)
    receive_all(case)
    at = now - dt.timedelta(days=3)
    apply_action(session, case, Action.ACCEPT, item=item, clerk=intake, calendar=calendar, now=at)
    if item.can_approve(station.level):
        apply_action(session, case, Action.APPROVE, item=item, clerk=reviewer, now=at)
        apply_action(session, case, Action.COMPLETE, item=item, clerk=reviewer, now=at)
    else:
        apply_action(session, case, Action.FORWARD, item=item, clerk=intake, now=at)
    # 5. A draft left open at the counter: 出具《参保凭证》.
    make("002036003001", people[4], 0)
    if form_samples:
        # At the materials step, every material received: the forms print filled for the
        # applicant to sign. Drafts: nothing is queued for sync (the stories above are what
        # the sync demo uploads).
        for n, code in enumerate(FORM_SAMPLES):
            case, item = make(code, people[n % len(people)], 0, FORM_SAMPLE_VALUES.get(code, {}))
            receive_all(case)
    return _summary(session, station)


#: A case (a draft at the materials step) of every item that has a printed form (printing/,
#: ``models.print_batch``) and no story above: the catalog items whose ``forms`` name a 表, the
#: items whose materials a 个人承诺书 (表16) may replace, and the 定点 items (表20). The stories
#: hold 表3 (002036001003), 表6 (002036001006), 表8 (002036003001, a draft) and 表11/表18
#: (002036004002). Opened in this order after them.
FORM_SAMPLES = (
    "002036001001",  # 表1
    "002036001002",  # 表2
    "002036001004",  # 表4
    "002036001005",  # 表5
    "002036002003",  # 表7, 表17
    "002036003002",  # 表9, 表10
    "002036004001",  # 表11, 表18 (and Guizhou's 备案表)
    "002036004003",
    "002036004004",
    "002036004005",
    "002036005001",  # 表12 (and Guizhou's 慢特病申请表)
    "002036006001",  # 表16 (个人承诺书 in place of the accident proof)
    "002036006002",
    "002036008002",  # 表13
    "002036009001",  # 表14, 表20
    "002036009002",  # 表15, 表20
    "520000016057",  # 001 附件1/2 城乡医疗救助
    "520000017059",  # 001 年审表
    "520000017060",  # 001 委托承诺书
    "520000017062",  # 表16 (遗失《医疗证》)
)

#: Values a clerk would have entered for these demo cases (the rest: ``_DEMO_BY_TYPE``), checked
#: by the intake validation like any other.
FORM_SAMPLE_VALUES: dict[str, dict[str, str]] = {
    "002036001001": {"unit_nature": "企业", "legal_rep_name": "孙演示"},
    "002036001002": {"unit_name": "演示有限公司", "declared_wage": "4500.00", "change_type": "增加"},
    "002036001004": {"unit_name": "演示有限公司", "unit_address": "贵州省黔南州都匀市演示路2号"},
    "002036001005": {"change_item": "联系电话", "value_before": "13800138001", "value_after": "13800138000"},
    "002036002003": {"withdrawal_reason": "主动放弃", "unit_name": "演示有限公司", "bank_name": "演示银行都匀支行"},
    "002036003002": {
        "out_agency_name": "演示市医疗保障事务中心",
        "postcode": "558000",
        "insurance_type": "城乡居民医保",
    },
    "002036004001": {"treatment_place": "440305"},
    "002036005001": {"disease_name": "高血压"},
    "002036008002": {
        "assistance_category": "低保",
        "total_cost": "30000.00",
        "compliant_cost": "25000.00",
        "basic_reimbursed": "15000.00",
        "critical_reimbursed": "2000.00",
        "other_reimbursed": "0.00",
    },
    "002036009001": {"institution_name": "演示社区卫生服务中心", "planned_beds": "20"},
    "002036009002": {"pharmacy_name": "演示大药房", "drug_variety_count": "800"},
    "520000016057": {
        "person_attribute": "低保",
        "hospital": "演示市人民医院",
        "disease": "肺炎",
        "total_cost": "30000.00",
        "compliant_cost": "25000.00",
        "basic_reimbursed": "15000.00",
        "critical_reimbursed": "2000.00",
        "other_reimbursed": "0.00",
    },
    "520000017059": {"disease_name": "支气管哮喘", "unit_name": "演示有限公司"},
    "520000017060": {"trustee_name": "周演示", "trustee_relation": "子女", "entrust_reason": "行动不便"},
    "520000017062": {"reissue_reason": "遗失"},
}


#: Demo answers by field type (the applicant's own data comes from the demo person).
_DEMO_BY_TYPE = {
    "phone": "13800138000",
    "address": "贵州省黔南州都匀市演示路1号",
    "region_code": "110105",
    "boolean": "否",
    "money": "100.00",
    "text": "演示",
    "textarea": "演示",
}


def _fill_demo_fields(
    session: Session, case: Case, item: Any, person: Person, day: dt.date, answers: dict[str, str]
) -> None:
    """Answer every field of the demo case as a clerk would have (``answers`` first), checked by
    the same form validation as the counter; anything it refuses is left empty."""
    from models.intake.fields import form_rows, validate_form
    from models.orm import CaseFieldValue

    values: dict[str, str] = {}
    own = {
        "name": person.name,
        "id_type": "身份证",
        "id_number": person.id_number,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "gender": person.gender or "",
    }
    for row in form_rows(item):
        if row.key in answers:
            values[row.key] = answers[row.key]
        elif row.key in own:
            values[row.key] = own[row.key]
        elif row.type == "enum" and row.options:
            values[row.key] = row.options[0]
        elif row.type == "date":
            values[row.key] = day.isoformat()
        elif row.type in _DEMO_BY_TYPE:
            values[row.key] = _DEMO_BY_TYPE[row.type]
    clean, _errors = validate_form(item, values, day)
    for key, value in clean.items():
        session.add(CaseFieldValue(case_id=case.id, key=key, value=value))
    session.flush()


def case_entries(session: Session, case: Case) -> list[str]:
    from models.orm import MaterialEntry

    return list(session.scalars(select(MaterialEntry.material_key).where(MaterialEntry.case_id == case.id)))


def _first_code(catalog: Any, word: str) -> str:
    for item in catalog:
        if word in item.name:
            return str(item.code)
    raise LookupError(word)


def _person(session: Session, name: str, id_number: str) -> Person:
    """The demo person, remembered as the counter remembers a typed, checked ID number."""
    from models.intake.draft import Identity
    from models.intake.service import remember_person
    from models.validation import check_id_number

    info = check_id_number(id_number)
    return remember_person(
        session, Identity(id_number, name, info.gender, info.birth_date.isoformat(), identified_by="typed")
    )


def _summary(session: Session, station: Station) -> dict[str, Any]:
    count = session.scalar(select(func.count()).select_from(Case)) or 0
    return {"station_code": station.code, "station_name": station.name, "cases": count}


def accept_sample_case(
    session: Session, catalog: Any, item_code: str, photos: list[tuple[str, int]], now: dt.datetime | None = None
) -> Case:
    """A case as the demo intake clerk makes one at the counter: opened with the item's required
    materials, all received, the photos (stored files: sha256, size) as pages of the first
    material, accepted (at ``now``: a load test spreads its cases over the days a station works
    offline; one day holds at most 9,999 case numbers). For load and crash tests
    (tests/crash_child.py, bench/sync_bench.py)."""
    from models.orm import MaterialEntry, MaterialFile

    item = catalog.get(item_code)
    lines = [MaterialLine(m.key, m.name) for m in item.materials if m.required and m.condition is None]
    station = current_station(session)
    clerk = session.scalar(select(Clerk).where(Clerk.login == "shouli"))
    assert station is not None
    case = open_case(
        session, station=station, item=item, catalog_version=catalog.version, clerk=clerk, materials=lines, now=now
    )
    entries = session.scalars(select(MaterialEntry).where(MaterialEntry.case_id == case.id)).all()
    for entry in entries:
        set_material_status(session, case, entry.material_key, "received")
    for page, (sha, size) in enumerate(photos, start=1):
        session.add(
            MaterialFile(
                entry=entries[0], sha256=sha, mime="image/jpeg", size=size, page_no=page, created_at=clock.now()
            )
        )
    apply_action(session, case, Action.ACCEPT, item=item, clerk=clerk, now=now)
    return case
