"""好差评 (国办发〔2019〕51号): five levels, one rating per service, a reason for a bad one, the
county's reason list, the desk's 差评待整改 list and its follow-up, and the rating reaching a real
hub (uvicorn on loopback) with the case; a record from an older station still validates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from hub.db import HubCase
from models import clock
from models.case_lists import list_counts, work_list
from models.catalog.loader import catalog_home
from models.errors import UserFacingError
from models.orm import Case, CaseEvent, Clerk, SyncOutbox
from models.rating import DEFAULT_BAD_REASONS, RATINGS, bad_reasons, follow_up, rate_case
from models.store import Store
from sync import protocol as p
from sync.engine import SyncOptions
from sync.runner import enroll_station, http_client, make_engine
from tests.sync_helpers import LoopbackHub, loopback_hub


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[LoopbackHub]:
    with loopback_hub(tmp_path / "hub-data") as h:
        yield h


def _accepted(store: Store) -> tuple[str, str]:
    with store.db.read() as session:
        cases = session.scalars(select(Case).where(Case.state != "草稿").order_by(Case.id)).all()
        assert len(cases) >= 2
        return cases[0].case_no, cases[1].case_no


def _code(call: Callable[..., object], *args: object, **kw: object) -> str:
    with pytest.raises(UserFacingError) as err:
        call(*args, **kw)
    return err.value.code


def test_five_levels_once_per_service_and_a_reason_for_a_bad_one(demo_store: Store) -> None:
    assert RATINGS == ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
    good, bad = _accepted(demo_store)
    with demo_store.db.write() as session:
        assert _code(rate_case, session, good, "还行") == "intake.bad_rating"
        rate_case(session, good, "满意")
        assert _code(rate_case, session, good, "非常满意") == "rating.already_rated"  # 一次一评
        assert _code(rate_case, session, bad, "不满意") == "rating.reason_required"
        rate_case(
            session, bad, "非常不满意", reason=DEFAULT_BAD_REASONS[0], comment="排队一个小时", channel="device:pad1"
        )
    today = clock.today_local()
    with demo_store.db.read() as session:
        case = session.scalar(select(Case).where(Case.case_no == bad))
        assert case is not None
        assert (case.rating, case.rating_reason, case.rating_comment) == ("非常不满意", "等候时间长", "排队一个小时")
        assert case.rated_at is not None and case.rating_channel == "device:pad1"
        event = session.scalar(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq.desc()))
        assert event is not None and event.action == "rating" and event.actor == "applicant"
        pending = session.scalar(
            select(SyncOutbox).where(SyncOutbox.case_uuid == case.uuid, SyncOutbox.status == "pending")
        )
        assert pending is not None  # the rating goes up with the case
        rows = work_list(session, "bad_rating", today)
        assert [r["case_no"] for r in rows] == [bad] and "等候时间长" in rows[0]["note"]
        assert list_counts(session, today)["bad_rating"] == 1

    with demo_store.db.write() as session:
        clerk = session.scalar(select(Clerk).where(Clerk.login == "shouli"))
        printer = session.scalar(select(Clerk).where(Clerk.login == "dayin"))
        assert _code(follow_up, session, bad, clerk, "  ") == "rating.followup_required"
        assert _code(follow_up, session, good, clerk, "已处理") == "rating.not_bad"
        assert _code(follow_up, session, bad, printer, "已处理") == "auth.forbidden"
        follow_up(session, bad, clerk, "已增设一个受理窗口，并向申请人致歉")
        assert _code(follow_up, session, bad, clerk, "再来一次") == "rating.already_followed_up"
    with demo_store.db.read() as session:
        assert work_list(session, "bad_rating", today) == []
        assert list_counts(session, today)["bad_rating"] == 0


def test_the_county_edits_the_reason_list(demo_store: Store) -> None:
    assert bad_reasons() == DEFAULT_BAD_REASONS
    folder = catalog_home() / "overrides"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "county.yaml").write_text(
        "name: 演示县\nrating_reasons: [窗口太少, 指引不清楚]\nitems: {}\n", encoding="utf-8"
    )
    assert bad_reasons() == ("窗口太少", "指引不清楚")


def test_the_rating_and_its_follow_up_reach_the_hub_with_the_case(demo_store: Store, hub: LoopbackHub) -> None:
    assert enroll_station(demo_store, hub.url).status == "approved"
    _good, bad = _accepted(demo_store)

    def run() -> None:
        with http_client(hub.url) as http:
            engine = make_engine(demo_store, http, SyncOptions(), retries=1, backoff_s=0.0)
            engine.client.sleep = lambda _s: None
            assert engine.run().rejected == 0

    def held() -> p.CaseRecord:
        with hub.hub.db.read() as session:
            row = session.scalar(select(HubCase).where(HubCase.case_no == bad))
            assert row is not None
            return p.CaseRecord.model_validate_json(row.payload)

    run()  # the case reaches the hub unrated first
    assert held().rating is None
    with demo_store.db.write() as session:
        rate_case(session, bad, "不满意", reason="办理时间长")
    run()
    rating = held().rating
    assert rating is not None and (rating.rating, rating.reason) == ("不满意", "办理时间长")
    assert rating.rated_at is not None and rating.followup_at is None
    with demo_store.db.write() as session:
        follow_up(session, bad, session.scalar(select(Clerk).where(Clerk.login == "shouli")), "已电话回访并说明")
    run()
    rating = held().rating
    assert rating is not None and rating.followup_note == "已电话回访并说明" and rating.followup_by == "shouli"

    # A station of the previous version sends no rating: its record still validates at this hub.
    old = held().model_dump(mode="json")
    del old["rating"]
    assert p.CaseRecord.model_validate(old).rating is None


def test_an_evaluator_pad_bad_rating_without_reason_is_kept_for_follow_up(demo_store: Store) -> None:
    """A pad has keys, not a reason list: its 非常不满意 is stored (channel device) and listed."""
    from models.rating import DEVICE

    _good, bad = _accepted(demo_store)
    with demo_store.db.write() as session:
        rate_case(session, bad, "非常不满意", channel=DEVICE)
    with demo_store.db.read() as session:
        rows = work_list(session, "bad_rating", clock.today_local())
    assert [r["case_no"] for r in rows] == [bad]
