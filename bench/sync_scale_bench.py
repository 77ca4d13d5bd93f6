"""Sync at the issue's scale: 10,000 cases with 3 photos each, the link taken out of the way.

The shaped-link section (bench/sync_bench.py) measures how close the engine gets to a slow,
lossy link, on 100 cases; 10,000 cases through 1 Mbit/s would take many hours. This section runs
the full case count through the same proxy with no rate limit, no delay and no loss, so what it
shows is the engine and hub themselves at that size: time per case and requests per case, and
whether they stay what the 100-case run found (batches of 50, one request per small photo).
Photos are small here (the bytes are the shaped run's subject, not this one's).
"""

from __future__ import annotations

from bench.sync_bench import measure


def run(cases: int = 10_000, photo_kb: int = 4) -> str:
    small = measure(cases=max(cases // 100, 10), photo_kb=photo_kb, rate_kbps=10_000_000, rtt_ms=0, loss=0.0)
    big = measure(cases=cases, photo_kb=photo_kb, rate_kbps=10_000_000, rtt_ms=0, loss=0.0)

    def per_case_ms(r: dict[str, float]) -> float:
        return 1000 * r["elapsed"] / r["cases"]

    def requests_per_case(r: dict[str, float]) -> float:
        return r["requests"] / r["cases"]

    ratio = per_case_ms(big) / per_case_ms(small)
    return "\n".join(
        [
            f"## Sync at {big['new_cases']:,} cases",
            "",
            f"{big['new_cases']:,} accepted cases with 3 photos of {photo_kb} KB each ({big['photos']:,} photos) "
            "plus the demo station's queued cases, uploaded in one run through the fault proxy with no rate "
            "limit, no delay and no loss, to a real hub on loopback: the engine and the hub at the issue's "
            f"scale, beside a run of {small['new_cases']} cases measured the same way.",
            "",
            f"| | {small['new_cases']} cases | {big['new_cases']:,} cases |",
            "|---|---:|---:|",
            f"| sync run | {small['elapsed']:.1f} s | {big['elapsed']:.1f} s |",
            f"| per case | {per_case_ms(small):.1f} ms | {per_case_ms(big):.1f} ms |",
            f"| requests per case | {requests_per_case(small):.2f} | {requests_per_case(big):.2f} |",
            f"| bytes on the wire per case | {small['wire_kb_per_case']:.1f} KB | {big['wire_kb_per_case']:.1f} KB |",
            f"| every case and photo at the hub exactly once | {'yes' if small['exactly_once'] else 'NO'} "
            f"| {'yes' if big['exactly_once'] and big['complete'] else 'NO'} |",
            f"| making the cases (not part of the sync) | {small['made_s']:.0f} s | {big['made_s']:.0f} s |",
            "",
            f"Time per case at {big['new_cases']:,} cases is {ratio:.2f}× that at {small['new_cases']}: "
            + (
                "the per-case cost does not grow with the queue, so the shaped-link section's per-case "
                "figures carry over to 10,000 cases."
                if ratio < 1.5
                else "the per-case cost grows with the queue; the shaped-link extrapolation is optimistic."
            ),
        ]
    )
