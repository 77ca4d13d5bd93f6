from __future__ import annotations

from sqlalchemy import select

from models.case_search import search_cases
from models.demo import DEMO_PEOPLE, demo_id_number
from models.orm import Case
from models.store import Store


def test_each_kind_of_query_finds_its_cases(demo_store: Store) -> None:
    with demo_store.db.read() as session:
        cases = session.scalars(select(Case)).all()
        some = cases[0]
        assert [c.case_no for c in search_cases(session, some.case_no)] == [some.case_no]
        assert [c.case_no for c in search_cases(session, some.case_no.replace("-", ""))] == [some.case_no]

        name, birth, seq = DEMO_PEOPLE[2]  # 张演示: the 城乡居民参保登记 case
        by_id = search_cases(session, demo_id_number(birth, seq))
        assert by_id and all(c.person is not None and c.person.name == name for c in by_id)
        by_name = search_cases(session, name)
        assert {c.case_no for c in by_name} == {c.case_no for c in by_id}
        assert search_cases(session, "张") and all(
            c.person and c.person.name.startswith("张") for c in search_cases(session, "张")
        )

        by_item = search_cases(session, "002036001003")
        assert by_item and all(c.item_code == "002036001003" for c in by_item)
        by_text = search_cases(session, "参保登记")
        assert by_text and all("参保登记" in c.item_name for c in by_text)

        assert search_cases(session, "11010519491231002X") == []  # valid ID, unknown here
        assert len(search_cases(session, "")) == 5
