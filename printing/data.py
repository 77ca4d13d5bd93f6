"""Value types the renderers take: plain frozen dataclasses, no ORM, no session.

Adapters that fill them from a case live in ``printing/from_case.py``. Identity numbers are
carried whole; each renderer decides what to print (receipts and notices mask all but the
last four digits, forms the applicant signs for the agency carry the full number).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

# A sync batch's line: sync/status.py fills it, so the type is models' (re-exported here).
from models.reconciliation import ReconciliationRow as ReconciliationRow


@dataclass(frozen=True)
class Office:
    """A service point or agency as printed: name, phone, address."""

    name: str
    code: str = ""
    phone: str = ""
    address: str = ""
    admdvs: str = ""
    postcode: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Applicant:
    name: str
    id_number: str
    id_type: str = "居民身份证"
    gender: str = ""
    birth_date: dt.date | None = None
    ethnicity: str = ""
    phone: str = ""
    address: str = ""
    card_number: str = ""

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


@dataclass(frozen=True)
class MaterialLine:
    name: str
    #: received / missing / deferred (容缺) / not_applicable
    status: str = "received"
    note: str = ""


@dataclass(frozen=True)
class Contacts:
    consult_phone: str = ""
    supervise_phone: str = ""


@dataclass(frozen=True)
class ReceiptData:
    """受理回执."""

    case_no: str
    item_code: str
    item_name: str
    applicant: Applicant
    materials: tuple[MaterialLine, ...]
    accepted_at: dt.datetime
    promised_date: dt.date | None
    time_limit_text: str
    station: Office
    clerk_name: str
    contacts: Contacts = Contacts()
    deficiency_accepted: bool = False
    forwarded_to: str = ""
    #: 容缺受理: the date the owed materials must be brought by
    deficiency_due: dt.date | None = None
    #: A 即办件 finished (办结) at the counter when it was taken in
    finished_at: dt.datetime | None = None
    #: the promised date reaches a year without holiday data: printed with 如遇法定节假日顺延
    promised_provisional: bool = False
    #: 短信通知: the applicant's number (masked) when they agreed, "" when they did not
    sms_to: str = ""


@dataclass(frozen=True)
class MissingNoticeData:
    """一次性告知书: every missing material at once, in writing."""

    case_no: str
    item_name: str
    applicant: Applicant
    missing: tuple[MaterialLine, ...]
    issued_on: dt.date
    station: Office
    clerk_name: str
    contacts: Contacts = Contacts()
    received: tuple[MaterialLine, ...] = ()


@dataclass(frozen=True)
class CompletionData:
    """办结通知书: the result told to the applicant (003 业务办结及反馈 "告知办理结果"), in the words
    of the item's 办结 消息推送模板 filled with the case's values."""

    case_no: str
    item_name: str
    applicant: Applicant
    message: str
    finished_at: dt.datetime
    station: Office
    clerk_name: str
    contacts: Contacts = Contacts()


@dataclass(frozen=True)
class RefusalData:
    """不予受理通知书: reasons and the legal basis."""

    case_no: str
    item_name: str
    applicant: Applicant
    reasons: tuple[str, ...]
    legal_basis: tuple[str, ...]
    issued_on: dt.date
    station: Office
    clerk_name: str
    contacts: Contacts = Contacts()
    #: the 未办结 消息推送 kept with the case (models/notify.py), printed for the applicant
    message: str = ""


@dataclass(frozen=True)
class CertificateData:
    """基本医疗保险参保凭证 (表8)."""

    voucher_no: str
    generated_on: dt.date
    applicant: Applicant
    household_place: str = ""
    household_type: str = ""
    insurance_type: str = ""
    insured_place: str = ""
    start: str = ""  # 2019年01月
    end: str = ""
    paid_months: int | None = None
    account_balance: Decimal | None = None
    agency: Office = Office("")


@dataclass(frozen=True)
class ContributionRow:
    period: str  # 2024年01月-2024年12月
    insurance_type: str
    base: Decimal | None
    amount: Decimal
    status: str = "已缴费"


@dataclass(frozen=True)
class ContributionProofData:
    """参保缴费证明 (个人参保缴费记录)."""

    proof_no: str
    issued_on: dt.date
    applicant: Applicant
    insurance_type: str
    insured_place: str
    rows: tuple[ContributionRow, ...]
    agency: Office
    purpose: str = ""


@dataclass(frozen=True)
class Payee:
    """收款人信息 (收款人须是患者本人或其家庭代表)."""

    name: str = ""
    id_number: str = ""
    bank: str = ""
    account: str = ""
    relation: str = ""
    phone: str = ""


@dataclass(frozen=True)
class AssistanceSlipData:
    """医疗救助待遇核定单: the bill, the rule applied and the amount."""

    case_no: str
    applicant: Applicant
    county_name: str
    township_name: str
    category: str
    assistance_type: str  # 门诊救助 / 住院救助 / 重特大疾病医疗救助
    total: Decimal
    compliant: Decimal
    basic_reimbursed: Decimal
    critical_reimbursed: Decimal
    self_pay: Decimal
    deductible_applied: Decimal
    ratio: Decimal
    amount: Decimal
    capped: bool
    prior_count: int
    prior_amount: Decimal
    policy_name: str
    policy_example: bool
    issued_on: dt.date
    station: Office
    clerk_name: str
    payee: Payee = Payee()
    hospital: str = ""
    disease: str = ""


@dataclass(frozen=True)
class AssistanceApplicationData:
    """城乡医疗救助申请表 / 申请审核审批表 (001 附件1/2), pre-filled from the case."""

    case_no: str
    applicant: Applicant
    county_name: str
    township_name: str
    insurance: str = ""  # 城镇职工医保 / 城乡居民基本医保 / …
    categories: tuple[str, ...] = ()
    payee: Payee = Payee()
    hospital: str = ""
    disease: str = ""
    household_size: int | None = None
    household_income: Decimal | None = None
    slip: AssistanceSlipData | None = None
    filled_on: dt.date | None = None


@dataclass(frozen=True)
class FilingData:
    """异地就医登记备案表 (表11)."""

    filing_no: str
    applicant: Applicant
    insurance: str  # 职工医保 / 城乡居民医保
    person_category: str  # 异地安置退休人员 …
    registration: str = "新增"  # 新增 / 变更
    home_address: str = ""
    remote_address: str = ""
    phone2: str = ""
    to_province: str = ""
    to_city: str = ""
    signer: str = "本人"  # 本人 / 被委托人
    filled_on: dt.date | None = None
    agency: Office = Office("")
    clerk_name: str = ""


@dataclass(frozen=True)
class TransferData:
    """基本医疗保险关系转移接续申请表 (表9)."""

    form_no: str
    applicant: Applicant
    household_address: str = ""
    household_type: str = ""  # 居民 / 农业 / 非农业 / 港澳台 / 外籍
    contact_address: str = ""
    postcode: str = ""
    insurance: str = ""  # 职工医保 / 城乡居民医保 / 其他
    from_agency: Office = Office("")
    to_agency: Office = Office("")
    agent: Applicant | None = None
    agent_relation: str = ""
    applied_on: dt.date | None = None
    agent_postcode: str = ""


@dataclass(frozen=True)
class ChronicData:
    """门诊慢特病病种待遇认定申请表 (表12)."""

    applicant: Applicant
    insurance: str = ""
    insured_area: str = ""
    hospital: str = ""
    diseases: tuple[str, ...] = ()
    condition: str = ""
    applied_on: dt.date | None = None


@dataclass(frozen=True)
class RegistrationData:
    """城乡居民基本医疗保险参保登记表 (表3)."""

    applicant: Applicant
    household_place: str = ""
    #: 行政区划代码 of the 户籍所在地 where the case holds one (names its 省/市/县 blanks)
    household_region: str = ""
    mail_address: str = ""
    identity: str = ""  # 中小学儿童 / 大学生 / 无业成年人
    subsidy: str = ""  # 低保 / 重残 / 低收入
    applied_on: dt.date | None = None


@dataclass(frozen=True)
class ReconciliationData:
    """One sync batch as a printable list (the sync issue supplies the rows)."""

    batch_id: str
    station: Office
    generated_at: dt.datetime
    rows: tuple[ReconciliationRow, ...] = field(default_factory=tuple)
    clerk_name: str = ""
