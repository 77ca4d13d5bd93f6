"""The seeds' sample forms not covered by printing/forms.py and printing/assistance.py: one
module per form (003 表1–表20, 001's Guizhou forms), each with ``FORM`` and ``render``.

``SAMPLE_FORMS`` lists them in seed order; ``printing/__init__.py`` registers each as a print kind
and ``printing/from_case.py`` fills them all with ``sample_form``.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from printing.sample import (
    gz_annual_review,
    gz_chronic_application,
    gz_entrust_promise,
    gz_filing,
    t01_unit_registration,
    t02_employee_registration,
    t04_unit_change,
    t05_employee_change,
    t06_resident_change,
    t07_account_withdrawal,
    t10_transfer_info,
    t13_assistance_request,
    t14_institution_application,
    t15_pharmacy_application,
    t16_personal_promise,
    t17_waiver_promise,
    t18_filing_promise,
    t20_evaluation_list,
)
from printing.sample.base import FormData, SampleForm

MODULES: tuple[ModuleType, ...] = (
    t01_unit_registration,
    t02_employee_registration,
    t04_unit_change,
    t05_employee_change,
    t06_resident_change,
    t07_account_withdrawal,
    t10_transfer_info,
    t13_assistance_request,
    t14_institution_application,
    t15_pharmacy_application,
    t16_personal_promise,
    t17_waiver_promise,
    t18_filing_promise,
    t20_evaluation_list,
    gz_chronic_application,
    gz_annual_review,
    gz_entrust_promise,
    gz_filing,
)

#: kind → (the form, its renderer)
SAMPLE_FORMS: dict[str, tuple[SampleForm, Callable[..., bytes]]] = {m.FORM.key: (m.FORM, m.render) for m in MODULES}

__all__ = ["SAMPLE_FORMS", "FormData", "SampleForm"]
