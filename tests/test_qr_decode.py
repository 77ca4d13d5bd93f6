"""QR decoding on generated phone-screen frames (devices/camera/qr.py, synthetic.py)."""

from __future__ import annotations

import random

import pytest

from devices.camera import synthetic as syn
from devices.camera.qr import FALLBACK_STAGES, STILL_FALLBACKS, QrDecoder, decode_zbar, decode_zxing, to_gray

pytest.importorskip("segno")


#: Cases built to be at the edge of readability: the pipeline must not do worse than zxing there.
EDGE_CASES = {"hard_mix"}


@pytest.mark.parametrize("case", sorted(set(syn.CASES) - EDGE_CASES))
def test_pipeline_reads_every_case_of_the_generated_set(case: str) -> None:
    rng = random.Random(case)
    for i in range(2):
        token = syn.random_token(rng)
        frame = syn.phone_frame(token, syn.CASES[case], seed=i)
        reads, stages = QrDecoder().decode_image(frame)
        assert [r.text for r in reads] == [token], (case, i, stages)


def test_pipeline_never_misreads_and_beats_a_single_decoder_on_edge_cases() -> None:
    rng = random.Random(11)
    pipeline = zxing_only = 0
    for i in range(8):
        token = syn.random_token(rng)
        frame = syn.phone_frame(token, syn.CASES["hard_mix"], seed=100 + i)
        reads, _ = QrDecoder().decode_image(frame)
        assert all(r.text == token for r in reads)  # nothing but the right text, ever
        pipeline += bool(reads)
        zxing_only += any(r.text == token for r in decode_zxing(to_gray(frame)))
    assert pipeline >= zxing_only
    assert pipeline >= 4


def test_no_false_reads_on_frames_without_a_code() -> None:
    decoder = QrDecoder()
    for i in range(6):
        frame = syn.phone_frame(None, syn.Degradation(noise=(0, 8, 20)[i % 3], glare=0.5 * (i % 2)), seed=i)
        reads, stages = decoder.decode_image(frame)
        assert reads == ()
        assert stages == ("zxing", *STILL_FALLBACKS)  # every stage tried, nothing found


def test_fallback_upscale_reads_small_inverted_codes_zxing_misses() -> None:
    d = syn.CASES["inverted_small"]
    rng = random.Random(7)
    plain = upscaled = 0
    for i in range(8):
        token = syn.random_token(rng)
        gray = to_gray(syn.phone_frame(token, d, seed=i))
        plain += any(r.text == token for r in decode_zxing(gray))
        upscaled += any(r.text == token for r in FALLBACK_STAGES["upscale2x"](gray))
    assert upscaled > plain


def test_zbar_is_restricted_to_qr_and_zxing_reports_corners() -> None:
    token = syn.random_token(random.Random(1))
    gray = to_gray(syn.phone_frame(token, syn.Degradation(), seed=3))
    (z,) = decode_zxing(gray)
    assert z.text == token and len(z.corners) == 4
    xs = [x for x, _ in z.corners]
    assert 0 < min(xs) < max(xs) < syn.FRAME_W
    assert [r.text for r in decode_zbar(gray)] == [token]


def test_stream_decoding_paces_fallbacks() -> None:
    decoder = QrDecoder(stream_fallbacks=("upscale2x", "contrast", "zbar"), fallback_every=4)
    blank = syn.phone_frame(None, syn.Degradation(), seed=5)
    tried = [decoder.decode_stream_frame(blank)[1] for _ in range(12)]
    with_fallback = [t for t in tried if len(t) > 1]
    assert len(with_fallback) == 3  # one frame in four
    assert [t[1] for t in with_fallback] == ["upscale2x", "contrast", "zbar"]  # in turn


def test_unknown_stage_is_refused() -> None:
    with pytest.raises(ValueError):
        QrDecoder(primary=("zxing", "quirc"))
