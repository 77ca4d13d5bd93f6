"""Fill the renderers' value types from a case (ORM objects the caller loaded) and the catalog.

No session here: the caller loads the case, its material entries and the catalog item
(``models.case_lookup.find_case`` / ``material_entries``) and passes them in. Field values come
from the case's 受理信息 under the catalog keys, and ``extra`` supplies what the case does not
hold (a bill's amounts, a voucher number) — the CLI's ``--set key=value``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from models import clock
from models.assistance import MedicalBill, YearToDate, compute_assistance, load_policy, money
from models.catalog.local_text import localise, place_names
from models.errors import UserFacingError
from models.intake.draft import IDENTIFIED_BY_KEY
from models.lifecycle import Action, CaseState
from models.masking import mask_phone
from models.orm import Case, Clerk, MaterialEntry, Station
from models.person_insurance import synced_values
from models.validation import RESIDENT_CARD, document_name
from printing.data import (
    Applicant,
    AssistanceApplicationData,
    AssistanceSlipData,
    CertificateData,
    ChronicData,
    CompletionData,
    Contacts,
    ContributionProofData,
    ContributionRow,
    FilingData,
    MaterialLine,
    MissingNoticeData,
    Office,
    Payee,
    ReceiptData,
    RefusalData,
    RegistrationData,
    TransferData,
)
from printing.sample import SAMPLE_FORMS
from printing.sample.base import FormData


class ItemView(Protocol):
    """What the adapter reads of a catalog item (models.catalog.ServiceItem provides it)."""

    @property
    def name(self) -> str: ...
    @property
    def materials(self) -> Sequence[Any]: ...
    @property
    def legal_basis(self) -> Sequence[Any]: ...
    @property
    def contact(self) -> Any: ...
    def time_limit_for(self, level: Any, values: Mapping[str, Any] | None = None) -> Any: ...
    def message(self, event: str) -> str | None: ...
    def counter_limit(self, level: Any, values: Mapping[str, Any] | None = None) -> Any: ...


@dataclass(frozen=True)
class CaseBundle:
    """Everything about one case a document may show (loaded by the caller)."""

    case: Case
    entries: Sequence[MaterialEntry]
    item: ItemView | None
    today: dt.date
    clerk: Clerk | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, str]:
        """``extra`` over the case's own values over the person's 参保信息 synced from the roster
        (models/person_insurance.synced_values): a value the case holds wins."""
        own = {k: v for k, v in self.case.field_map().items() if v}
        return {**synced_values(self.case.person), **own, **self.extra}

    def value(self, *keys: str, default: str = "") -> str:
        values = self.values
        for key in keys:
            if values.get(key):
                return values[key]
        return default


def place_name(code: str) -> str:
    """A 行政区划代码 as the place's name for paper (the code itself when unknown or not a code)."""
    from models.regions import table

    region = table().get(code.strip()) if code.strip().isdigit() else None
    return region.full_name if region else code


def _province(code: str) -> str:
    """表11 转往省(市、区): the province (or 直辖市) of the chosen 就医地."""
    from models.regions import table

    region = table().get(code.strip()) if code.strip().isdigit() else None
    return region.province if region else code


def _below_province(code: str) -> str:
    """表11 转往地区(市、州): the prefecture and county under the province (a 直辖市's district)."""
    from models.regions import table

    region = table().get(code.strip()) if code.strip().isdigit() else None
    if region is None or region.level == "省":
        return ""
    return region.full_name.removeprefix(region.province)


def case_station(bundle: CaseBundle) -> Station:
    return bundle.case.station


def office(station: Station) -> Office:
    return Office(name=station.name, code=station.code, admdvs=station.admdvs)


def applicant(bundle: CaseBundle) -> Applicant:
    person = bundle.case.person
    if person is None:
        raise UserFacingError("print.no_applicant", case_no=bundle.case.case_no)
    return Applicant(
        name=person.name,
        id_number=person.id_number,
        # the case's own 证件类型; without one, the card the number belongs to (a 永居证 holder's
        # paper must not say 居民身份证)
        id_type=bundle.value("id_type", default=document_name(person.id_number)),
        gender=person.gender or "",
        birth_date=person.birth_date,
        ethnicity=person.ethnicity or "",
        phone=bundle.value("phone", default=person.phone or ""),
        address=bundle.value("address", "household_address", default=person.address or ""),
        card_number=person.card_number or "",
    )


def contacts(item: ItemView | None) -> Contacts:
    contact = item.contact if item is not None else None
    if contact is None:
        return Contacts()
    return Contacts(contact.consult_phone or "", contact.supervise_phone or "")


def _clerk_name(bundle: CaseBundle, action: Action) -> str:
    from models.print_log import acting_clerk

    clerk = bundle.clerk or acting_clerk(bundle.case, action)
    return clerk.name if clerk else ""


def _material_notes(item: ItemView | None) -> dict[str, str]:
    if item is None:
        return {}
    out = {}
    for m in item.materials:
        parts = [p for p in (getattr(m, "condition_text", None), getattr(m, "note", None)) if p]
        out[m.key] = "；".join(parts)
    return out


def receipt(bundle: CaseBundle) -> ReceiptData:
    case = bundle.case
    if case.accepted_at is None:
        raise UserFacingError("print.not_accepted", case_no=case.case_no)
    limit_text = ""
    if bundle.item is not None:
        limit_text = bundle.item.counter_limit(case.station.level, bundle.values).text
    elif case.time_limit_days is not None:
        limit_text = f"不超过{case.time_limit_days}个工作日"
    finished = case.finished_at if case.state is CaseState.COMPLETED and _finished_here(case) else None
    return ReceiptData(
        case_no=case.case_no,
        item_code=case.item_code,
        item_name=case.item_name,
        applicant=applicant(bundle),
        materials=tuple(
            MaterialLine(localise(e.name, case.station.admdvs), e.status, _received_as(bundle, e))
            for e in bundle.entries
        ),
        accepted_at=case.accepted_at,
        promised_date=case.promised_date,
        time_limit_text=limit_text,
        station=office(case.station),
        clerk_name=_clerk_name(bundle, Action.ACCEPT),
        contacts=contacts(bundle.item),
        deficiency_accepted=case.deficiency_accepted,
        forwarded_to=case.forwarded_to or "",
        deficiency_due=case.deficiency_due,
        finished_at=finished,
        promised_provisional=bool(case.deadline_provisional) and finished is None,
        sms_to=mask_phone(case.sms_phone) if case.sms_consent else "",
    )


def _finished_here(case: Case) -> bool:
    """办结 at this counter (not a result synced back from the centre)."""
    return any(e.action == Action.COMPLETE.value and e.actor != "centre" for e in case.events)


#: How the applicant was identified at the counter (a case's ``_identified_by`` value, kept at
#: intake) → what the identity material's line says beside the document that satisfied it.
IDENTIFIED_BY = {
    "card": "读取社保卡",
    "evoucher": "扫描医保电子凭证",
    "typed": "手工录入证件号码",
    "id_reader": "身份证阅读器读取",
    "id_permit": "身份证阅读器读取",  # a 港澳台居民居住证 or 外国人永久居留身份证 read on the same reader
    "keyboard_reader": "身份证阅读器读取",
}


def _received_as(bundle: CaseBundle, entry: MaterialEntry) -> str:
    """The alternative that satisfied a material, and for the identity material how the person
    was identified (a typed number and a card read are different facts on paper)."""
    by = entry.satisfied_by or ""
    how = IDENTIFIED_BY.get(bundle.case.field_map().get(IDENTIFIED_BY_KEY, ""), "")
    if not how or entry.status != "received":
        return by
    person = bundle.case.person
    card = document_name(person.id_number) if person is not None else RESIDENT_CARD
    if card != RESIDENT_CARD and how != IDENTIFIED_BY["card"] and how != IDENTIFIED_BY["evoucher"]:
        how = f"{card}，{how}"  # which document: 有效身份证件 alone would read as a 居民身份证
    if by in IDENTITY_DOCUMENTS:
        return f"{by}，{how}"
    if not by and entry.material_key in IDENTITY_MATERIALS:
        return f"身份核验：{how}"
    return by


#: The alternatives of an identity material (医保电子凭证或有效身份证件或社保卡, 003).
IDENTITY_DOCUMENTS = frozenset({"医保电子凭证", "有效身份证件", "社保卡", "居民身份证"})
#: Catalog keys of the applicant's identity material (items/*.yaml).
IDENTITY_MATERIALS = frozenset({"id_credential", "id_document"})


def missing_notice(bundle: CaseBundle) -> MissingNoticeData:
    notes = _material_notes(bundle.item)
    admdvs = bundle.case.station.admdvs
    missing = tuple(
        MaterialLine(localise(e.name, admdvs), e.status, notes.get(e.material_key, ""))
        for e in bundle.entries
        if e.status in ("missing", "deferred")
    )
    if not missing:
        raise UserFacingError("print.nothing_missing", case_no=bundle.case.case_no)
    return MissingNoticeData(
        case_no=bundle.case.case_no,
        item_name=bundle.case.item_name,
        applicant=applicant(bundle),
        missing=missing,
        issued_on=bundle.today,
        station=office(bundle.case.station),
        clerk_name=_clerk_name(bundle, Action.RETURN_FOR_SUPPLEMENT),
        contacts=contacts(bundle.item),
        received=tuple(
            MaterialLine(localise(e.name, admdvs), e.status) for e in bundle.entries if e.status == "received"
        ),
    )


def completion(bundle: CaseBundle) -> CompletionData:
    """The 办结 template of the item (003 消息推送模板) with the case's values; refused when the
    case is not finished here or the template needs a value the case does not hold."""
    from models.catalog.render import MessageData, render_message

    case = bundle.case
    template = bundle.item.message("办结") if bundle.item is not None else None
    if case.state is not CaseState.COMPLETED or case.finished_at is None or not template:
        raise UserFacingError("print.not_finished", case_no=case.case_no)
    who = applicant(bundle)
    phones = contacts(bundle.item)
    accepted = case.accepted_at or case.finished_at
    kept = _kept_message(case, "办结")  # the exact text rendered when the case was finished
    message = kept or render_message(
        template,
        MessageData(
            agency=case.station.name,
            name=who.name,
            date=clock.local_date(accepted),
            phone=phones.consult_phone or office(case.station).phone,
        ),
    )
    return CompletionData(
        case_no=case.case_no,
        item_name=case.item_name,
        applicant=who,
        message=message,
        finished_at=case.finished_at,
        station=office(case.station),
        clerk_name=_clerk_name(bundle, Action.COMPLETE),
        contacts=phones,
    )


def _kept_message(case: Case, event: str) -> str:
    """The 消息推送 of ``event`` kept with the case (models/notify.py), "" when none was made."""
    kept = [n.text for n in case.notifications if n.event == event]
    return kept[-1] if kept else ""


def refusal(bundle: CaseBundle) -> RefusalData:
    from models.print_log import event_reason

    reason = bundle.value("refusal_reason") or event_reason(bundle.case, Action.REFUSE)
    if not reason:
        raise UserFacingError("print.no_refusal_reason", case_no=bundle.case.case_no)
    basis: tuple[str, ...] = ()
    if bundle.item is not None:
        basis = tuple(
            "".join(p for p in (b.title, f"（{b.doc_no}）" if b.doc_no else "", b.articles) if p)
            for b in bundle.item.legal_basis
        )
    return RefusalData(
        case_no=bundle.case.case_no,
        item_name=bundle.case.item_name,
        applicant=applicant(bundle),
        reasons=tuple(r.strip() for r in reason.replace("；", ";").split(";") if r.strip()),
        legal_basis=basis,
        issued_on=bundle.today,
        station=office(bundle.case.station),
        clerk_name=_clerk_name(bundle, Action.REFUSE),
        contacts=contacts(bundle.item),
        message=_kept_message(bundle.case, "未办结"),
    )


def _decimal(bundle: CaseBundle, *keys: str, default: str = "0") -> Decimal:
    return money(bundle.value(*keys, default=default), keys[0])


#: 表8's 参保信息 a 凭证 should not go out without: (label on the form, where the adapter reads it).
CERTIFICATE_CONTENT = (
    ("户籍所在地", "household_place"),
    ("户籍类型", "household_type"),
    ("基本医疗保险类型", "insurance_type"),
    ("参保时间", "start"),
    ("累计实际缴费月数", "paid_months"),
    ("个人账户余额", "account_balance"),
)
_NOT_FOR_CERTIFICATE = frozenset({CaseState.DRAFT, CaseState.SUPPLEMENT, CaseState.REFUSED})


def certificate_gaps(data: CertificateData) -> list[str]:
    """表8 labels the 凭证 would print blank: the clerk is shown them before printing."""
    return [label for label, attr in CERTIFICATE_CONTENT if getattr(data, attr) in ("", None)]


def certificate(bundle: CaseBundle) -> CertificateData:
    """表8 参保凭证 from the case's fields (entered, or ``--set`` on the CLI) and, where the case
    has none, the person's 参保信息 synced from the hub's roster. A draft (or a case returned or
    refused) gets no 凭证."""
    state = bundle.case.state
    if state in _NOT_FOR_CERTIFICATE or bundle.case.accepted_at is None:
        raise UserFacingError("print.certificate_not_accepted", case_no=bundle.case.case_no, state=state.value)
    balance = bundle.value("account_balance")
    months = bundle.value("paid_months")
    return CertificateData(
        voucher_no=bundle.value("voucher_no", default=bundle.case.case_no),
        generated_on=bundle.today,
        applicant=applicant(bundle),
        household_place=bundle.value("household_address", "household_place"),
        household_type=bundle.value("household_type"),
        insurance_type=bundle.value("insurance_type", "insurance_scheme"),
        insured_place=(
            bundle.value("insured_place") or place_name(bundle.value("insured_region")) or bundle.case.station.name
        ),
        start=bundle.value("insured_from"),
        end=bundle.value("insured_to"),
        paid_months=int(months) if months.isdigit() else None,
        account_balance=_decimal(bundle, "account_balance") if balance else None,
        agency=office(bundle.case.station),
    )


def contribution_proof(bundle: CaseBundle) -> ContributionProofData:
    """Rows come as ``contrib_N=期间|险种|基数|金额|状态`` values (from the roster or ``--set``)."""
    rows = []
    values = bundle.values
    keys = sorted(k for k in values if k.startswith("contrib_"))
    given = [k for k in keys if k in bundle.extra or k in bundle.case.field_map()]
    for key in given or keys:  # rows given for the case replace the synced record as a whole
        parts = values[key].split("|")[:5]
        parts += [""] * (5 - len(parts))
        base = Decimal(parts[2]) if parts[2] else None
        rows.append(ContributionRow(parts[0], parts[1], base, Decimal(parts[3] or "0"), parts[4] or "已缴费"))
    return ContributionProofData(
        proof_no=bundle.value("proof_no", default=bundle.case.case_no),
        issued_on=bundle.today,
        applicant=applicant(bundle),
        insurance_type=bundle.value("insurance_type", "insurance_scheme"),
        insured_place=(
            bundle.value("insured_place") or place_name(bundle.value("insured_region")) or bundle.case.station.name
        ),
        rows=tuple(rows),
        agency=office(bundle.case.station),
        purpose=bundle.value("purpose"),
    )


def _payee(bundle: CaseBundle, who: Applicant) -> Payee:
    return Payee(
        name=bundle.value("payee_name", default=who.name),
        id_number=bundle.value("payee_id_number", default=who.id_number),
        bank=bundle.value("payee_bank_name"),
        account=bundle.value("payee_bank_account"),
        relation=bundle.value("payee_relation", default="本人"),
        phone=bundle.value("payee_phone", default=who.phone),
    )


def medical_bill(bundle: CaseBundle) -> MedicalBill:
    """The bill the clerk entered at intake (008002 / 520000016057 fields) or ``--set``. Without a
    合规医疗费用 the 自付 entered plus the reimbursements stand for it (a settlement that shows
    only what the patient paid)."""
    basic = _decimal(bundle, "basic_reimbursed")
    critical = _decimal(bundle, "critical_reimbursed")
    other = _decimal(bundle, "other_reimbursed")
    if bundle.value("compliant_cost") or not bundle.value("self_pay"):
        compliant = _decimal(bundle, "compliant_cost")
    else:
        compliant = _decimal(bundle, "self_pay") + basic + critical + other
    return MedicalBill(
        total=_decimal(bundle, "total_cost", default=str(compliant)),
        compliant=compliant,
        basic_reimbursed=basic,
        critical_reimbursed=critical,
        other_reimbursed=other,
    )


def assistance_slip(bundle: CaseBundle) -> AssistanceSlipData:
    """核定单: the bill from ``total_cost``/``compliant_cost``/``basic_reimbursed``/``critical_reimbursed``."""
    case = bundle.case
    category = bundle.value("assistance_category", "person_attribute")
    if not category:
        raise UserFacingError("print.no_assistance_category", case_no=case.case_no)
    policy = load_policy(case.station.county_code)
    bill = medical_bill(bundle)
    prior = YearToDate(
        count=int(bundle.value("prior_count", default="0")),
        amount=_decimal(bundle, "prior_amount"),
        deductible_used=_decimal(bundle, "deductible_used"),
    )
    result = compute_assistance(policy, category, bill, prior)
    who = applicant(bundle)
    return AssistanceSlipData(
        case_no=case.case_no,
        applicant=who,
        county_name=bundle.value("county_name", default=place_names(case_station(bundle).admdvs)[0]),
        township_name=bundle.value("township_name", default=case.station.name),
        category=result.category,
        assistance_type=bundle.value("assistance_type", default="住院救助"),
        total=bill.total,
        compliant=bill.compliant,
        basic_reimbursed=bill.basic_reimbursed,
        critical_reimbursed=bill.critical_reimbursed,
        self_pay=result.self_pay,
        deductible_applied=result.deductible_applied,
        ratio=result.ratio,
        amount=result.amount,
        capped=result.capped,
        prior_count=prior.count,
        prior_amount=prior.amount,
        policy_name=policy.label,
        policy_example=policy.example,
        issued_on=bundle.today,
        station=office(case.station),
        clerk_name=_clerk_name(bundle, Action.ACCEPT),
        payee=_payee(bundle, who),
        hospital=bundle.value("hospital"),
        disease=bundle.value("disease"),
    )


def assistance_application(bundle: CaseBundle) -> AssistanceApplicationData:
    who = applicant(bundle)
    slip = assistance_slip(bundle) if bundle.value("total_cost", "compliant_cost", "self_pay") else None
    size = bundle.value("household_size")
    income = bundle.value("household_income")
    return AssistanceApplicationData(
        case_no=bundle.case.case_no,
        applicant=who,
        county_name=bundle.value("county_name", default=place_names(case_station(bundle).admdvs)[0]),
        township_name=bundle.value("township_name", default=bundle.case.station.name),
        insurance=bundle.value("insurance_type", "insurance_scheme"),
        categories=tuple(c for c in bundle.value("person_attribute", "assistance_category").split(",") if c),
        payee=_payee(bundle, who),
        hospital=bundle.value("hospital"),
        disease=bundle.value("disease"),
        household_size=int(size) if size.isdigit() else None,
        household_income=_decimal(bundle, "household_income") if income else None,
        slip=slip,
        filled_on=bundle.today,
    )


def filing(bundle: CaseBundle) -> FilingData:
    name = bundle.case.item_name
    category = name[:-2] if name.endswith("备案") else bundle.value("person_category")
    return FilingData(
        filing_no=bundle.case.case_no,
        applicant=applicant(bundle),
        insurance=bundle.value("insurance_scheme", "insurance_type"),
        person_category=category,
        registration=bundle.value("registration_category", default="新增"),
        home_address=bundle.value("insured_place_address"),
        remote_address=bundle.value("remote_address", "treatment_address"),
        phone2=bundle.value("phone2"),
        to_province=_province(bundle.value("to_province") or bundle.value("treatment_place")),
        to_city=(
            _below_province(bundle.value("to_city") or bundle.value("treatment_place"))
            if not bundle.value("to_city") or bundle.value("to_city").isdigit()
            else bundle.value("to_city")
        ),
        signer="被委托人" if bundle.value("by_proxy") in ("true", "1", "是") else "本人",
        filled_on=bundle.today,
        agency=office(bundle.case.station),
        clerk_name=_clerk_name(bundle, Action.ACCEPT),
    )


def transfer(bundle: CaseBundle) -> TransferData:
    station = bundle.case.station
    here = office(station)
    return TransferData(
        form_no=bundle.case.case_no,
        applicant=applicant(bundle),
        household_address=bundle.value("household_address"),
        household_type=bundle.value("household_type"),
        contact_address=bundle.value("address"),
        postcode=bundle.value("postcode"),
        insurance=bundle.value("insurance_type", "insurance_scheme"),
        from_agency=Office(
            name=bundle.value("out_agency_name"),
            address=bundle.value("out_agency_address"),
            postcode=bundle.value("out_agency_postcode"),
            admdvs=bundle.value("out_region_code"),
        ),
        to_agency=Office(
            name=bundle.value("in_agency_name", default=here.name),
            address=bundle.value("in_agency_address"),
            postcode=bundle.value("in_agency_postcode"),
            admdvs=bundle.value("in_region_code", default=station.admdvs),
        ),
        agent=(
            Applicant(
                name=bundle.value("agent_name"),
                id_number=bundle.value("agent_id_number"),
                id_type=bundle.value("agent_id_type", default="居民身份证"),
                phone=bundle.value("agent_phone"),
                address=bundle.value("agent_address"),
            )
            if bundle.value("agent_name")
            else None
        ),
        agent_relation=bundle.value("agent_relation"),
        agent_postcode=bundle.value("agent_postcode"),
        applied_on=bundle.today,
    )


def chronic(bundle: CaseBundle) -> ChronicData:
    return ChronicData(
        applicant=applicant(bundle),
        insurance=bundle.value("insurance_scheme", "insurance_type"),
        insured_area=place_name(bundle.value("insured_region")),
        hospital=bundle.value("hospital", "designated_hospital"),
        diseases=tuple(d for d in bundle.value("disease_name").split(",") if d),
        applied_on=bundle.today,
    )


def registration(bundle: CaseBundle) -> RegistrationData:
    return RegistrationData(
        applicant=applicant(bundle),
        household_place=bundle.value("household_address", "household_place"),
        household_region=bundle.value("household_region"),
        mail_address=bundle.value("mail_address", "address"),
        identity=bundle.value("applicant_identity"),
        subsidy=bundle.value("subsidy_category"),
        applied_on=bundle.today,
    )


def promised_material(bundle: CaseBundle) -> str:
    """What a 个人承诺书 (表16) says the applicant cannot provide: the case's material the catalog
    lets a 个人承诺书 replace (``promise_substitute``), or the one the 承诺书 itself is for (its
    condition, e.g. 520000017062: 遗失《贵州省基本医疗保险门诊慢特病病种医疗证》的)."""
    if bundle.value("missing_material"):
        return bundle.value("missing_material")
    item = bundle.item
    if item is None:
        return ""
    keys = {e.material_key for e in bundle.entries}
    for m in item.materials:
        sub = getattr(m, "promise_substitute", None) or ""
        if "个人承诺书" in sub and "表18" not in sub and (m.key in keys or not keys):
            return str(m.name)
    values = bundle.values
    for m in item.materials:
        text = getattr(m, "condition_text", None) or ""
        condition = getattr(m, "condition", None)
        applies = m.key in keys or (condition is not None and condition.holds(values))
        if "表16" in (getattr(m, "note", None) or "") and applies and text.startswith("遗失"):
            return text.removeprefix("遗失").removesuffix("的")
    return ""


def sample_form(bundle: CaseBundle) -> FormData:
    """Any of ``printing.sample``'s forms: the person, the case's fields, the station, today."""
    case = bundle.case
    values = dict(bundle.values)
    return FormData(
        applicant=applicant(bundle) if case.person is not None else None,
        values=values,
        station=_station_office(bundle),
        filled_on=bundle.today,
        case_no=case.case_no,
        item_code=case.item_code,
        item_name=case.item_name,
        clerk_name=_clerk_name(bundle, Action.ACCEPT),
        missing_material=promised_material(bundle),
    )


def _station_office(bundle: CaseBundle) -> Office:
    here = office(bundle.case.station)
    phones = contacts(bundle.item)
    return Office(here.name, here.code, phones.consult_phone, here.address, here.admdvs)


#: Document kind → the adapter that builds its data from a case.
ADAPTERS: dict[str, Callable[[CaseBundle], Any]] = {
    "receipt": receipt,
    "missing-notice": missing_notice,
    "refusal": refusal,
    "completion": completion,
    "certificate": certificate,
    "contribution-proof": contribution_proof,
    "assistance-slip": assistance_slip,
    "assistance-application": assistance_application,
    "assistance-review": assistance_application,
    "filing": filing,
    "transfer": transfer,
    "chronic": chronic,
    "registration": registration,
    **{key: sample_form for key in SAMPLE_FORMS},
}
