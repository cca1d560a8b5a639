"""Benchmark: judge 100,000 open invitations against 30,000 connections and 20,000 contacts.

Goes through the real path (SQLite store -> context -> rules) and reports the total time and the
share spent in name matching (building the blocking index and looking every inviter up).
Prints figures only; run on demand:

    .venv/bin/python tests/benchmarks/bench_judge.py [INVITATIONS]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from watcher.config.settings import Settings
from watcher.core.matching import NameIndex
from watcher.judge import gather as context
from watcher.models import (
    Acquaintance,
    ConnectionRecord,
    Direction,
    HistoryKind,
    InvitationRecord,
    PersonRef,
)
from watcher.store import ApplyCounts, Store

FIRST = ("Ana", "Ben", "Chloe", "Dan", "Eva", "Finn", "Gala", "Hugo", "Iris", "Jon", "Kai")
LAST = ("Reyes", "Stone", "Park", "Lee", "Kovacs", "Novak", "Silva", "Berg", "Moreau", "Rossi")


def person(rng: random.Random, index: int) -> PersonRef:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}-{index % 997}"
    return PersonRef(name, f"https://www.linkedin.com/in/p-{index}")


def populate(store: Store, invitations: int, rng: random.Random) -> None:
    counts = ApplyCounts.empty()
    sent = datetime(2026, 11, 1, tzinfo=UTC)
    with store.transaction():
        for i in range(30_000):
            store.apply_connection(
                ConnectionRecord(person(rng, 1_000_000 + i), connected_on=date(2024, 1, 1)), counts
            )
        for i in range(20_000):
            who = person(rng, 2_000_000 + i if i % 4 else i)  # a quarter are inviters
            store.apply_acquaintance(
                Acquaintance(HistoryKind.ADDRESS_BOOK, who.name, emails=(f"c{i}@example.com",)),
                counts,
            )
        notes = ["", "We have not met, but I'd love a coffee.", "Buy my course: https://x.example"]
        for i in range(invitations):
            store.apply_invitation(
                InvitationRecord(
                    person(rng, i),
                    Direction.INCOMING,
                    sent - timedelta(minutes=i),
                    message=rng.choice(notes),
                    headline=rng.choice(["PR manager", "Forklift operator", "Founder"]),
                ),
                counts,
            )


def main(invitations: int = 100_000) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            storage={"database": str(Path(folder) / "bench.db")},
            you={"interests": ["public relations"]},
        )
        store = Store(settings.storage.database_path())
        started = time.perf_counter()
        populate(store, invitations, rng)
        print(f"setup: {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        with store.transaction():
            judged = context.evaluate_invitations(store, settings, None, "bench", datetime.now(UTC))
        total = time.perf_counter() - started

        started = time.perf_counter()
        index = NameIndex.from_acquaintances(store.acquaintances())
        for invitation in store.invitations():
            index.find(invitation.name, invitation.profile_url)
        matching = time.perf_counter() - started
        store.close()

    print(f"judged {judged:,} invitations against 30,000 connections and 20,000 contacts")
    print(f"  total {total:.2f} s ({judged / total:,.0f} invitations/s)")
    print(f"  name matching (index + lookups) {matching:.2f} s = {matching / total:.0%} of it")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
