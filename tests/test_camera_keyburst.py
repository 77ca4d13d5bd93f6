"""Scanner-gun keystroke bursts (devices/camera/keyburst.py)."""

from __future__ import annotations

from devices.camera.keyburst import KeyBurstParser

TOKEN = "4243754826492874240001130000"


def feed(parser: KeyBurstParser, text: str, start: float, gap: float) -> list[str]:
    out = []
    t = start
    for ch in text:
        r = parser.feed(ch, t)
        if r is not None:
            out.append(r)
        t += gap
    return out


def test_fast_burst_with_enter_is_recognised() -> None:
    assert feed(KeyBurstParser(), TOKEN + "\r", 0.0, 5.0) == [TOKEN]


def test_person_typing_is_not() -> None:
    assert feed(KeyBurstParser(), TOKEN + "\r", 0.0, 120.0) == []


def test_slow_prefix_does_not_join_the_burst() -> None:
    p = KeyBurstParser()
    assert feed(p, "abc", 0.0, 200.0) == []
    assert feed(p, TOKEN + "\n", 1000.0, 4.0) == [TOKEN]


def test_short_bursts_and_late_enter_are_ignored() -> None:
    p = KeyBurstParser()
    assert feed(p, "1234\r", 0.0, 3.0) == []  # key repeat or a short code
    assert feed(p, TOKEN, 100.0, 3.0) == []
    assert p.feed("\r", 100.0 + 3.0 * len(TOKEN) + 500.0) is None  # Enter pressed by hand later


def test_navigation_key_breaks_a_burst() -> None:
    p = KeyBurstParser()
    feed(p, TOKEN[:10], 0.0, 3.0)
    assert p.feed("\x00", 31.0) is None
    # Only what followed the break comes out: not the token, so validation will refuse it.
    assert feed(p, TOKEN[10:] + "\r", 34.0, 3.0) == [TOKEN[10:]]
    assert p.pending == ""


def test_burst_in_progress() -> None:
    p = KeyBurstParser(min_length=4)
    feed(p, "abcd", 0.0, 2.0)
    assert p.is_burst_in_progress(8.0)
    assert not p.is_burst_in_progress(500.0)
