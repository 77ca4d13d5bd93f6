from __future__ import annotations

import pytest

from models.errors import IllegalTransition
from models.lifecycle import RULES, Action, CaseState, allowed_actions, next_state

S = CaseState


def test_main_path_follows_the_seeds() -> None:
    # 申请 → 受理 → 审核 → 拨付 → 办结 (003 (十二)办理流程)
    state = S.DRAFT
    for action, expected in [
        (Action.ACCEPT, S.ACCEPTED),
        (Action.APPROVE, S.APPROVED),
        (Action.PAY, S.PAID),
        (Action.COMPLETE, S.COMPLETED),
    ]:
        state = next_state(state, action)
        assert state is expected
    assert state.is_final


def test_village_forwards_then_upstream_decides() -> None:
    state = next_state(next_state(S.DRAFT, Action.ACCEPT), Action.FORWARD)
    assert state is S.FORWARDED
    assert next_state(state, Action.APPROVE) is S.APPROVED
    assert next_state(state, Action.REJECT, reason="不符合条件") is S.REVIEW_REJECTED


def test_supplement_loop_and_deficiency_event() -> None:
    state = next_state(S.DRAFT, Action.RETURN_FOR_SUPPLEMENT, reason="缺材料")
    assert state is S.SUPPLEMENT
    state = next_state(state, Action.ACCEPT)
    assert next_state(state, Action.SUPPLY_DEFICIENCY) is S.ACCEPTED  # an event, same state


@pytest.mark.parametrize("action", [Action.REFUSE, Action.WITHDRAW, Action.REJECT, Action.RETURN_FOR_SUPPLEMENT])
def test_reason_is_required(action: Action) -> None:
    source = next(iter(RULES[action].sources))
    with pytest.raises(IllegalTransition) as err:
        next_state(source, action, reason="  ")
    assert err.value.code == "case.reason_required"


def test_every_illegal_pair_raises() -> None:
    illegal = 0
    for state in S:
        for action in Action:
            if action in allowed_actions(state):
                continue
            illegal += 1
            with pytest.raises(IllegalTransition) as err:
                next_state(state, action, reason="x")
            assert err.value.code == "case.illegal_transition"
            assert err.value.params["state"] == state.value
    assert illegal > 50


def test_final_states_allow_nothing() -> None:
    for state in (S.COMPLETED, S.REFUSED, S.WITHDRAWN, S.REVIEW_REJECTED):
        assert state.is_final
        assert allowed_actions(state) == []
