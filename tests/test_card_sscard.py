"""The 人社部 iReadCardBas driver: output parsing, return codes, and ctypes against a small
shared library compiled from C here (the vendor DLL stands in for nothing else)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from devices.card import CardErrors, CardManager
from devices.card.sscard import SscardDriver, error_for_return_code, parse_read_card_bas
from models.errors import UserFacingError

# Fields as the interface returns them; the person is the GB 11643 sample number and 张三.
SAMPLE = (
    "110105|11010519491231002X|TB0000001|110105D15600000500544258DEADBEEF|张三|"
    "0081544258|3.00|20200101|20300101|T001|D001|"
)

FAKE_LIBRARY_C = r"""
#include <stdlib.h>
#include <string.h>
long iReadCardBas(int iType, char *pOutInfo) {
    const char *mode = getenv("FAKE_SSCARD_RC");
    if (mode && atol(mode) != 0) return atol(mode);
    if (iType < 1 || iType > 4) return -14;
    strcpy(pOutInfo, getenv("FAKE_SSCARD_OUT"));
    return 0;
}
"""


def test_parses_the_eleven_fields():
    result = parse_read_card_bas(SAMPLE.encode("gbk"))
    d = result.data
    assert (d.region_code, d.ssn, d.card_number, d.name) == ("110105", "11010519491231002X", "TB0000001", "张三")
    assert d.card_identifier == "110105D15600000500544258DEADBEEF" and d.spec_version == "3.00"
    assert d.issue_date == dt.date(2020, 1, 1) and d.expiry_date == dt.date(2030, 1, 1)
    assert result.backend == "sscard" and not result.personal_data_requires_authorised_interface
    assert result.generation == 3 and result.warnings == ()


def test_rejects_truncated_output_and_bad_dates():
    with pytest.raises(UserFacingError) as exc:
        parse_read_card_bas("110105|11010519491231002X|")
    assert exc.value.code == CardErrors.INVALID_DATA
    with pytest.raises(UserFacingError):
        parse_read_card_bas(SAMPLE.replace("20300101", "20301399"))


@pytest.mark.parametrize(
    ("rc", "code"),
    [
        (-1, CardErrors.UNSUPPORTED),
        (-2, CardErrors.NO_CARD),
        (-3, CardErrors.UNRESPONSIVE),
        (-11, CardErrors.NO_READER),
        (-21, CardErrors.AUTH_FAILED),
        (-25, CardErrors.AUTH_FAILED),
        (-2201, CardErrors.PSAM_MISSING),
        (-27010, CardErrors.AUTH_REQUIRED),  # -(0x6982)
        (-0x6A82, CardErrors.UNSUPPORTED),
        (-0x63C2, CardErrors.PIN_WRONG),
        (-52, CardErrors.PIN_LOCKED),
        (-999, CardErrors.LIBRARY_ERROR),
    ],
)
def test_return_codes(rc, code):
    error = error_for_return_code(rc)
    assert error.code == code and error.params["rc"] == rc


def test_pin_tries_come_from_the_status_word():
    assert error_for_return_code(-0x63C2).params["tries"] == 2


@pytest.fixture(scope="module")
def fake_library(tmp_path_factory) -> Path:
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        if os.environ.get("CI"):
            pytest.fail("a C compiler is needed to build the fake iReadCardBas library")
        pytest.skip("no C compiler")
    d = tmp_path_factory.mktemp("sscard")
    (d / "fake.c").write_text(FAKE_LIBRARY_C)
    lib = d / "libfakesscard.so"
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(lib), str(d / "fake.c")], check=True)
    return lib


def test_reads_through_the_library(fake_library, monkeypatch):
    # The library writes GBK, as vendor libraries on Chinese Windows do.
    monkeypatch.setitem(os.environb, b"FAKE_SSCARD_OUT", SAMPLE.replace("张三", "李四").encode("gbk"))
    monkeypatch.setenv("FAKE_SSCARD_RC", "0")
    driver = SscardDriver(fake_library, card_type=3)
    try:
        result = driver.read()
        assert result.data.name == "李四" and result.data.ssn == "11010519491231002X"
        assert result.reader == fake_library.name
        monkeypatch.setenv("FAKE_SSCARD_RC", "-2201")
        with pytest.raises(UserFacingError) as exc:
            driver.read()
        assert exc.value.code == CardErrors.PSAM_MISSING
    finally:
        driver.close()


def test_bad_card_type_and_missing_library(fake_library, tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_SSCARD_RC", "0")
    driver = SscardDriver(fake_library, card_type=9)
    try:
        with pytest.raises(UserFacingError) as exc:
            driver.read()
        assert exc.value.code == CardErrors.LIBRARY_ERROR and exc.value.params["rc"] == -14
    finally:
        driver.close()
    manager = CardManager("sscard", sscard_library=tmp_path / "missing.so")
    with pytest.raises(UserFacingError) as exc:
        manager.read()
    assert exc.value.code == CardErrors.LIBRARY_NOT_FOUND
    manager.close()
