"""Benchmark: evaluate 100,000 synthetic invitations and print throughput (no timing asserts).

Also through ``BatchJudge`` (what an import uses), as a ratio to the rulebook alone.

Run: ``.venv/bin/python tests/benchmarks/bench_evaluate.py [COUNT]``
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from watcher.config.rules import ListsSettings, PeopleList, RulesSettings
from watcher.judge.batch import BatchJudge
from watcher.judge.rulebook import Rulebook, evaluate, note_fingerprint
from watcher.models import (
    Acquaintance,
    Direction,
    EvaluationInput,
    Event,
    History,
    HistoryKind,
    InvitationView,
    Owner,
    Position,
    School,
)

NOTES = [
    "",
    "I'd like to add you to my professional network on LinkedIn.",
    "Hi William — we've never met, but I'm growing a network of young marketers. Coffee?",
    "I help agencies triple their leads in 30 days — book a free demo: https://bit.ly/x",
    "Great talking with you at the Lisbon PR Summit last week!",
    "Hi William, I came across your profile and would like to connect.",
    "Although we don't know each other, I admire your agency's work. Open to a call?",
    "Earn daily profits with my expert trader signals, WhatsApp me.",
]
HEADLINES = [
    "",
    "PR manager at Brightside",
    "Forklift operator",
    "Finance at Acme Corp",
    "LION | Open networker | 30k followers",
    "Student at University of Lisbon",
    "Head of Growth Marketing",
]
OWNER = Owner(
    first_name="William",
    last_name="Shaw",
    positions=(Position("Acme Corp", "PR lead", date(2021, 3, 1)),),
    schools=(School("University of Lisbon", 2008, 2012),),
    events=(Event("Lisbon PR Summit 2026", datetime(2026, 3, 12, tzinfo=UTC)),),
    interests=("public relations", "marketing"),
)


def synthetic(count: int, seed: int = 1) -> list[EvaluationInput]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    items = []
    for index in range(count):
        name = f"Person {index}"
        traces: tuple[Acquaintance, ...] = ()
        if rng.random() < 0.05:
            traces = (Acquaintance(HistoryKind.ADDRESS_BOOK, name, source="contacts.vcf"),)
        # Vary the note a little so the phrase matcher cannot lean on identical strings.
        note = rng.choice(NOTES)
        note = f"{note} #{index}" if note and rng.random() < 0.5 else note
        invitation = InvitationView(
            id=index,
            name=name,
            profile_url=f"https://www.linkedin.com/in/person-{index}",
            direction=Direction.INCOMING,
            sent_at=start + timedelta(minutes=index),
            message=note,
            headline=rng.choice(HEADLINES),
            mutual_connections=rng.choice([None, 0, 3, 25, 300]),
        )
        history = History(acquaintances=traces, same_note_senders=rng.choice([0, 0, 0, 3]))
        items.append(EvaluationInput(invitation, OWNER, history))
    return items


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rules = RulesSettings()
    lists = ListsSettings(block=PeopleList(companies=["Spammy Leads"]))
    items = synthetic(count)

    began = time.process_time()
    verdicts = Counter(evaluate(item, rules, lists).verdict.value for item in items)
    elapsed = time.process_time() - began
    print(f"evaluate: {count} invitations in {elapsed:.2f} CPU s")
    print(f"  {count / elapsed:,.0f} invitations/s, {elapsed / count * 1e6:.1f} µs each")
    print(f"  verdicts: {dict(sorted(verdicts.items()))}")

    # The same invitations through one batch judge (what an import does): each distinct
    # input judged once, the text rules once per distinct note, headline and mutual count.
    judge = BatchJudge.of(Rulebook.of(rules, lists), OWNER)
    began = time.process_time()
    batched = Counter(judge.evaluate(item).verdict.value for item in items)
    batch_cpu = time.process_time() - began
    print(
        f"batch judge: {batch_cpu:.2f} CPU s, {batch_cpu / count * 1e6:.1f} µs each, "
        f"{elapsed / batch_cpu:.1f}x the rulebook alone (same verdicts: {batched == verdicts})"
    )

    began = time.perf_counter()
    for item in items:
        note_fingerprint(item.invitation.message)
    elapsed = time.perf_counter() - began
    print(f"note_fingerprint: {count / elapsed:,.0f} notes/s")


if __name__ == "__main__":
    main()
