"""Benchmark: agreement of the verdicts with a careful reader on the labelled set of issue 15.

Sixty-odd invitations in seven languages (``tests.support.labelled``): good notes, notes that
say why only, LinkedIn's stock texts, romance scams, pitches, schools written short, events
named by their brand, fields named in another language. Prints the agreement overall, per
language and per kind, then every disagreement. Run on demand:

    .venv/bin/python tests/benchmarks/bench_labelled.py
"""

from __future__ import annotations

from tests.support.labelled import CASES, agreement, verdict


def main() -> None:
    for key, (agreed, total) in sorted(agreement().items()):
        print(f"{key:22} {agreed:3}/{total:<3} {100 * agreed / total:5.1f}%")
    for case in CASES:
        got = verdict(case)
        if got is not case.expected:
            text = case.note or case.headline
            wanted = case.expected.value
            print(f"MISS {case.language} {case.kind}: {got.value}, expected {wanted}: {text}")


if __name__ == "__main__":
    main()
