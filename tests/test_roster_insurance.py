"""The person's 参保信息 from the hub's roster to the station's 表8 参保凭证 (issue 22 section 1).

A real hub on loopback holds a roster record with its insurance block (admin import); the
station syncs it (4301, V1.1), stores it (person_insurance, schema 0011) and prints 表8 and the
参保缴费证明 with it (pdftotext). Stations of V1.0 get the records they know: the hub leaves the
block out for them, and a record without it (a V1.0 hub) keeps what the station holds.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from desktop.cli.main import main
from models import clock
from models.demo import demo_id_number
from models.orm import Case, Person, PersonInsurance
from models.store import Store
from sync import protocol as p
from sync.engine import SyncEngine, SyncOptions
from sync.runner import enroll_station, http_client, make_engine
from tests.sync_helpers import LoopbackHub, loopback_hub

#: 张演示 of the demo (models/demo.DEMO_PEOPLE[2]); the hub's figures differ from the demo's own.
ID_NUMBER = demo_id_number("20190120", "303")
INSURANCE = {
    "household_place": "贵州省黔南州都匀市花名册镇花名册村",
    "household_type": "农业",
    "insurance_type": "城乡居民医保",
    "insured_admdvs": "522701",
    "insured_from": "2019-02",
    "paid_months": 77,
    "account_balance": "12.34",
    "as_of": "2026-11-30",
    "contributions": [
        {"period_from": "2025-01", "period_to": "2025-12", "insurance_type": "城乡居民医保", "amount": "400.00"},
        {"period_from": "2026-01", "period_to": "2026-12", "insurance_type": "城乡居民医保", "amount": "400.00"},
    ],
}


class RosterRecordV10(p.Wire):
    """4301's record as a station of V1.0 reads it (unknown fields forbidden)."""

    seq: int
    id_number: str
    name: str
    gender: str | None = None
    birth_date: dt.date | None = None
    card_number: str | None = None


class RosterOutputV10(p.Page):
    persons: list[RosterRecordV10]


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[LoopbackHub]:
    with loopback_hub(tmp_path / "hub-data") as h:
        yield h


@pytest.fixture
def station(demo_store: Store, hub: LoopbackHub) -> Store:
    assert enroll_station(demo_store, hub.url).status == "approved"
    with demo_store.db.write() as session:  # the demo's own 参保信息 out of the way
        person = session.scalar(select(Person).where(Person.id_number == ID_NUMBER))
        assert person is not None and person.name == "张演示"
        person.insurance = None
    return demo_store


def _engine(store: Store, url: str) -> SyncEngine:
    engine = make_engine(store, http_client(url), SyncOptions(), retries=1, backoff_s=0.0)
    engine.client.sleep = lambda _s: None
    return engine


def _post_roster(hub: LoopbackHub, insurance: dict[str, object] | None) -> None:
    person: dict[str, object] = {"seq": 0, "id_number": ID_NUMBER, "name": "张演示", "gender": "女"}
    if insurance is not None:
        person["insurance"] = insurance
    hub.admin("POST", "/admin/roster", json={"admdvs": "522701", "persons": [person]})


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return "".join(out.split())


def test_the_roster_brings_the_insurance_data_and_the_certificate_prints_it(
    station: Store, hub: LoopbackHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _post_roster(hub, INSURANCE)
    report = _engine(station, hub.url).run()
    assert report.complete and report.roster == 1
    with station.db.read() as session:
        person = session.scalar(select(Person).where(Person.id_number == ID_NUMBER))
        assert person is not None and person.insurance is not None
        assert (person.insurance.paid_months, person.insurance.account_balance) == (77, "12.34")
        assert [c.amount for c in person.insurance.contributions] == ["400.00", "400.00"]
        case_no = session.scalar(
            select(Case.case_no).where(Case.person_id == person.id, Case.accepted_at.is_not(None)).limit(1)
        )
    assert case_no is not None

    out = tmp_path / "certificate.pdf"
    assert main(["print", "certificate", case_no, "--out", str(out), "--clerk", "shouli"]) == 0
    assert "暂无数据" not in capsys.readouterr().err  # nothing blank: no warning for the clerk
    text = _pdf_text(out)
    for value in ("农业", "城乡居民医保", "贵州省黔南布依族苗族自治州都匀市", "起：2019年02月", "77月", "12.34",
                  "壹拾贰元叁角肆分"):
        assert value in text, value
    # The 参保登记 case holds its own 户籍地址 (entered at the counter): the case's value wins.
    assert "贵州省黔南州都匀市演示路1号" in text and "花名册村" not in text

    proof = tmp_path / "proof.pdf"
    assert main(["print", "contribution-proof", case_no, "--out", str(proof), "--clerk", "shouli"]) == 0
    text = _pdf_text(proof)
    for value in ("2025年01月-2025年12月", "2026年01月-2026年12月", "800.00", "捌佰元整"):
        assert value in text, value

    # A case value wins over the synced one (the CLI's --set stands for a value the case holds).
    assert main(["print", "certificate", case_no, "--out", str(out), "--clerk", "dayin",
                 "--set", "paid_months=78", "--reprint-reason", "补打"]) == 0
    assert "78月" in _pdf_text(out)


def test_a_roster_record_without_insurance_keeps_what_the_station_holds(station: Store, hub: LoopbackHub) -> None:
    """A basic roster import at the hub, or a hub of V1.0 (which never sends the block), does
    not wipe the 参保信息 already synced."""
    _post_roster(hub, INSURANCE)
    _engine(station, hub.url).run()
    _post_roster(hub, None)  # the hub keeps its insurance block for the person
    with hub.hub.db.read() as session:
        from hub.db import HubRosterInsurance

        assert session.get(HubRosterInsurance, ID_NUMBER) is not None
    old_hub_page = p.RosterOutput.model_validate(
        {"cursor": 99, "more": False, "persons": [{"seq": 99, "id_number": ID_NUMBER, "name": "张演示"}]}
    )
    with station.db.write() as session:
        assert SyncEngine._apply_roster(session, old_hub_page) == 1
    with station.db.read() as session:
        person = session.scalar(select(Person).where(Person.id_number == ID_NUMBER))
        assert person is not None and person.insurance is not None and person.insurance.paid_months == 77


def test_a_station_of_the_previous_version_gets_the_records_it_knows(station: Store, hub: LoopbackHub) -> None:
    _post_roster(hub, INSURANCE)
    engine = _engine(station, hub.url)
    auth = engine.client.auth

    def page(infver: str) -> dict[str, Any]:
        env = p.build_envelope(
            infno=p.Tx.ROSTER.value, station_code=auth.station_code, admdvs=auth.admdvs,
            payload=p.CursorInput(), key=auth.key, now=clock.now(), infver=infver,
        )
        r = engine.client.http.post(
            f"{p.API_PREFIX}/{p.Tx.ROSTER.value}", content=env.model_dump_json(),
            headers={"Content-Type": "application/json", p.STATION_HEADER: env.station_code, p.NONCE_HEADER: env.nonce},
        )
        answer = r.json()
        assert answer["infcode"] == 0, answer
        return dict(answer["output"])

    old = page("V1.0")
    assert all("insurance" not in person for person in old["persons"])
    assert RosterOutputV10.model_validate(old).persons[0].id_number == ID_NUMBER  # a V1.0 station reads it
    new = page(p.INFVER)
    assert p.RosterOutput.model_validate(new).persons[0].insurance == p.RosterInsurance.model_validate(INSURANCE)
    with pytest.raises(ValidationError):  # what a V1.0 station would have made of it
        RosterOutputV10.model_validate(new)


def test_the_wire_refuses_malformed_insurance() -> None:
    ok = p.RosterInsurance.model_validate(INSURANCE)
    assert ok.account_balance == Decimal("12.34") and ok.contributions[0].base is None
    for bad in ({"insured_from": "2019-13"}, {"account_balance": "-1"}, {"paid_months": -3}, {"colour": "red"}):
        with pytest.raises(ValidationError):
            p.RosterInsurance.model_validate({**INSURANCE, **bad})
    assert p.infver_at_least("V1.1", "V1.1") and p.infver_at_least("V1.10", "V1.1")
    assert not p.infver_at_least("V1.0", "V1.1") and not p.infver_at_least("garbled", "V1.1")


def test_every_demo_person_holds_synced_insurance(demo_store: Store) -> None:
    with demo_store.db.read() as session:
        held = session.scalars(select(PersonInsurance)).all()
        assert len(held) == 5  # every demo person holds synced 参保信息 (models/demo.demo_insurance)
        assert all(row.contributions for row in held)


def test_usb_bundles_ask_for_it_the_same_way(station: Store, hub: LoopbackHub) -> None:
    """An upload manifest of V1.0 has no ``roster_insurance``: its return carries V1.0 records."""
    from hub.bundle_import import _answer
    from hub.db import HubStation
    from sync.bundle_format import ReturnManifest, UploadManifest

    _post_roster(hub, INSURANCE)
    code = _engine(station, hub.url).client.auth.station_code
    with hub.hub.db.read() as session:
        hub_station = session.get(HubStation, code)
    assert hub_station is not None
    old = UploadManifest.model_validate({"bundle_id": "b1", "station_code": code})
    assert old.roster_insurance is False
    back = _answer(hub.hub, hub_station, old, [], []).model_dump_json()
    assert '"insurance"' not in back and ReturnManifest.model_validate_json(back).roster.persons
    new = old.model_copy(update={"roster_insurance": True})
    persons = _answer(hub.hub, hub_station, new, [], []).roster.persons
    assert [r.insurance.paid_months for r in persons if r.insurance] == [77]
