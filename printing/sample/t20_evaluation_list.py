"""表20 配合评估材料清单 (003#10004-10028): handed out with the 受理回执 of a 定点 application
(002036009001 医疗机构: part 一; 002036009002 零售药店: part 二)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, RenderOptions, build, gap, para, title
from printing.sample.base import FormData, SampleForm

FORM = SampleForm("evaluation-list", "表20", "配合评估材料清单", "003#10004")
INSTITUTION = (
    "一、医疗机构需准备的评估材料",
    "1.医生、护士、医药学技术人员相关证书，有劳务关系的需提供劳动合同或劳务合同(二级(含)以上医疗机构应提供每类人员至少"
    "2名相关证书及劳动合同或劳务合同);",
    "2.开设的与服务功能相适应的诊断、治疗、手术、住院、药品贮存及发放、检查检验放射等科室及主要仪器设备列表加盖单位公章的"
    "原件及PDF扫描件；",
    "3.卫生健康部门医疗机构评审的结果原件、加盖单位公章的复印件及PDF扫描件；",
    "4.近三个月医疗服务(含基本医疗服务以及医疗美容、辅助生殖、生活照护、种植牙等非基本医疗服务)总量及发生的医疗费用明细原"
    "件及数据电子件；",
    "5.申请生育服务的需提供：《母婴保健技术服务执业许可证》正、副本原件、加盖单位公章复印件及PDF扫描件；",
    "6.事业单位法人证书或民办非企业单位登记证书或营业执照正、副本原件及PDF扫描件；其他无事业单位法人证书或民办非企业单位"
    "登记证书提供其设立机构的事业单位法人证书或民办非企业单位登记证书；统一社会信用代码证，医疗机构级别证明文书(未评级除外);",
    "7.法定代表人、主要负责人或实际控制人身份证原件PDF扫描件；",
    "8.有劳务关系的医保专(兼)职人员需提供劳动合同或劳务合同；",
    "9.营业场所所产权证、使用权证或租赁合同。",
)
PHARMACY = (
    "二、零售药店需准备的评估材料",
    "1.药店正门开业状态照片电子件(需包含药店招牌、名称、门牌号码);",
    "2.医保药品标识照片电子件；",
    "3.销售药品及其他规定用品的服务场所产权证、使用权证或租赁合同。",
)
PHARMACY_ITEM = "002036009002"
INSTITUTION_ITEM = "002036009001"


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    # A case prints its own part; without an item (a blank list) both parts.
    parts = {INSTITUTION_ITEM: (INSTITUTION,), PHARMACY_ITEM: (PHARMACY,)}.get(data.item_code, (INSTITUTION, PHARMACY))
    applicant = data.v("institution_name", "pharmacy_name")
    story: list[Flowable] = [title(FORM.title, 16), gap(4)]
    if applicant or data.case_no:
        story += [para(f"申请机构：{applicant}    回执编号：{data.case_no}", 10.5), gap(3)]
    for part in parts:
        story += [para(part[0], 12), gap(1), *[para(line, 10.5) for line in part[1:]], gap(4)]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.number)
