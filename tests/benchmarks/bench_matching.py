"""Benchmark: match 100,000 invitation names against 50,000 known people.

Run on demand (not collected by pytest): ``.venv/bin/python tests/benchmarks/bench_matching.py``.
Prints build and query times, throughput and hit counts; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc

from watcher.core.matching import NameIndex


def _words(text: str) -> list[str]:
    return text.split()


GIVEN = _words(
    "maria ana john james william bill robert bob kate katherine michael mike li wei ahmed "
    "fatima olga ivan sofia lucas emma noah liam olivia mia ava elijah amelia harper evelyn "
    "jo sam alex alexandra daniel dan chris christina peter réka ayşe józef zoë"
)
COMMON_FAMILY = _words(
    "smith johnson lopez garcia müller schmidt kowalski nowak rossi russo dubois martin "
    "bernard wang li zhang chen kim lee park nguyen tran yılmaz kaya fekete nagy novak "
    "horvat jensen hansen andersen o'brien murphy kelly walsh silva santos costa"
)
SYLLABLES = _words("ka ro mi la ter son ber gen dal vik no sa to ri han el mar tin ko vac ze lu bo")


def _family(rng: random.Random) -> str:
    # A third of people carry a common surname (big blocks), the rest a rarer one.
    if rng.random() < 0.33:
        return rng.choice(COMMON_FAMILY)
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(2, 4)))


def _random_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN).title()
    family = _family(rng).title()
    shape = rng.random()
    if shape < 0.1:
        return f"{family}, {given}"
    if shape < 0.2:
        return f"{given} {family}, PhD"
    if shape < 0.3:
        return f"{given} {rng.choice(GIVEN).title()} {family}"
    return f"{given} {family}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--known", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    known = [_random_name(rng) for _ in range(args.known)]
    queries = [_random_name(rng) for _ in range(args.queries // 2)]
    queries += [rng.choice(known) for _ in range(args.queries - len(queries))]

    tracemalloc.start()
    started = time.perf_counter()
    index = NameIndex.from_pairs(enumerate(known))
    built = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    started = time.perf_counter()
    hits = sum(1 for name in queries if index.find(name))
    matched = time.perf_counter() - started

    print(f"index of {len(index):,} names built in {built:.2f} s (peak {peak / 2**20:.0f} MiB)")
    print(f"{len(queries):,} queries in {matched:.2f} s ({len(queries) / matched:,.0f} per second)")
    print(f"{hits:,} queries found at least one match")


if __name__ == "__main__":
    main()
