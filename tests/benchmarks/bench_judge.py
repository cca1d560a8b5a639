"""Benchmark: judging stored invitations on a big database of a realistic shape (figures only).

Goes through the real path (SQLite store -> gather -> rulebook) on a database shaped like the
hard archive of issue 12: 50,000 distinct inviters whose display names are shared by ~8 people
each, 40% of them already connected (their invitations accepted), 30,000 invitations still
open, message stats for a third of the inviters, an address book of 2,000 contacts, and the notes
real inboxes hold: none, LinkedIn's stock text, one template sent by 3,783 inviters, a few
smaller templates, and personal notes. It prints the CPU seconds (``time.process_time``) of:

* judging every open invitation (``evaluate_invitations``) and every undecided one after a
  big import (``evaluate_affected`` when the import changed what everyone is judged on);
* the same again with nothing changed (what a re-judge costs when it has nothing to write);
* the evaluate stage of a one-invitation drop: a unique note, the template note (3,783 others
  share it), and a new message from one inviter.

Run on demand (the default size is the issue's; ``--scale 0.1`` for a quick look):

    .venv/bin/python tests/benchmarks/bench_judge.py [--scale 1.0] [--dump FILE]

``--dump`` writes every invitation's verdict, score and reasons after the full evaluation, to
compare two versions of the code byte for byte (``cmp``).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from watcher.config.settings import Settings
from watcher.judge import gather
from watcher.models import (
    Acquaintance,
    ConnectionRecord,
    Direction,
    HistoryKind,
    InvitationRecord,
    MessageSummary,
    OwnerProfile,
    PersonRef,
    Position,
    Snapshot,
    Status,
)
from watcher.store import ApplyCounts, StatusChange, Store

FIRST = (
    "Ana", "Ben", "Chloe", "Dan", "Eva", "Finn", "Gala", "Hugo", "Iris", "Jon", "Kai", "Lea",
    "Mira", "Nils", "Olga", "Pau", "Quinn", "Rosa", "Sven", "Tara", "Ugo", "Vera", "Wim", "Xenia",
    "Yara", "Zeno", "Ada", "Boris", "Clara", "Dario", "Elif", "Femi", "Greta", "Hamid", "Ines",
    "Jakub", "Kenji", "Luz", "Mateo", "Noor",
)  # fmt: skip
#: surnames of three syllables: distinct enough that the tolerant name matcher tells them apart
SYLLABLES = ("ka", "lo", "mi", "ren", "sto", "vad", "bel", "dru", "fen", "gor", "hal", "jun")
LAST = tuple(
    (a + b + c).title() for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES if a != b != c
)
STOCK = "I'd like to add you to my professional network on LinkedIn."
TEMPLATE = (
    "Hi, I came across your profile and was impressed by your experience in communications. "
    "I'm expanding my network of PR professionals and would love to connect."
)
SMALL_TEMPLATES = (
    "Hello, we are hiring senior account managers in Lisbon, are you open to new roles?",
    "I help agencies triple their leads in 30 days, book a free demo: https://bit.ly/x",
    "Great talking with you at the Lisbon PR Summit last week, let's stay in touch!",
)
PERSONAL = (
    "we've never met, but I'm growing a network of young marketers. Coffee sometime?",
    "although we don't know each other, I admire your agency's work on {topic}. Open to a call?",
    "I read your piece on {topic} and would like to hear how you approach it.",
    "we worked together at Acme Corp years ago on the {topic} account, great to reconnect.",
)
TOPICS = ("crisis comms", "media relations", "brand voice", "launches", "employer branding")
HEADLINES = (
    "PR manager at Brightside",
    "Forklift operator",
    "Finance at Acme Corp",
    "LION | Open networker | 30k followers",
    "Student at University of Lisbon",
    "Head of Growth Marketing",
    "Founder & CEO",
    "",
)
#: the surnames of people in the address book who never invited the user
OTHERS = tuple(
    (a + b).title() for a in ("pe", "tu", "wy", "qua", "zo", "ny") for b in SYLLABLES * 400
)
T0 = datetime(2026, 11, 1, tzinfo=UTC)


def name_of(index: int, people: int) -> str:
    """Display names shared by about 8 people each."""
    shared = index % max(people // 8, 1)
    return f"{FIRST[shared % len(FIRST)]} {LAST[shared * 7919 // len(FIRST) % len(LAST)]}"


def person(index: int, people: int) -> PersonRef:
    return PersonRef(name_of(index, people), f"https://www.linkedin.com/in/inviter-{index}")


def note_of(index: int, rng: random.Random, template_senders: int) -> str:
    if index < template_senders:
        return TEMPLATE
    roll = rng.random()
    if roll < 0.35:
        return ""
    if roll < 0.55:
        return STOCK
    if roll < 0.65:
        return SMALL_TEMPLATES[index % len(SMALL_TEMPLATES)]
    body = rng.choice(PERSONAL).format(topic=rng.choice(TOPICS))
    return f"Hi William, {body} (#{index})"


def populate(store: Store, inviters: int, rng: random.Random) -> None:
    counts = ApplyCounts.empty()
    template_senders = round(inviters * 3783 / 50_000)
    with store.transaction():
        store.apply_owner(OwnerProfile("William", "Shaw", "PR lead at Acme Corp"), counts)
        store.apply_snapshot(
            Snapshot("positions", (Position("Acme Corp", "PR lead", date(2021, 3, 1)),)), counts
        )
        for i in range(inviters):
            store.apply_invitation(
                InvitationRecord(
                    person(i, inviters),
                    Direction.INCOMING,
                    T0 - timedelta(minutes=i),
                    message=note_of(i, rng, template_senders),
                    headline=rng.choice(HEADLINES),
                    mutual_connections=rng.choice((None, 0, 2, 12, 80)),
                    source="Invitations.csv",
                ),
                counts,
            )
        for i in range(int(inviters * 0.6)):  # 40% of the inviters and others as many
            who = person(i * 5 // 3, inviters) if i % 3 else person(10_000_000 + i, inviters)
            store.apply_connection(
                ConnectionRecord(who, connected_on=date(2024, 1, 1), source="Connections.csv"),
                counts,
            )
        for i in range(0, inviters, 3):
            store.apply_messages(
                MessageSummary(
                    person(i, inviters),
                    inbound_count=1 + i % 4,
                    outbound_count=i % 2,
                    first_inbound=T0 - timedelta(days=30 + i % 400),
                    last_inbound=T0 - timedelta(days=30),
                    first_outbound=T0 - timedelta(days=20) if i % 2 else None,
                    last_outbound=T0 - timedelta(days=20) if i % 2 else None,
                    source="messages.csv",
                ),
                counts,
            )
        for i in range(int(inviters * 0.04)):  # an address book: a quarter of it inviters
            who = name_of(i * 7, inviters) if i % 4 == 0 else f"{FIRST[i % 40]} {OTHERS[i]}"
            store.apply_acquaintance(
                Acquaintance(HistoryKind.ADDRESS_BOOK, who, emails=(f"c{i}@example.com",)),
                counts,
            )
        # The connected inviters' invitations were accepted (lifecycle ``connected``).
        accepted = store.connected_unsettled(store.undecided_incoming_ids())
        store.set_statuses(
            [StatusChange(i, Status.PENDING, Status.ACCEPTED, T0, "connected") for i in accepted],
            "bench",
        )


@contextmanager
def cpu(label: str, results: dict[str, float]) -> Iterator[None]:
    started = time.process_time()
    yield
    results[label] = time.process_time() - started


def drop(store: Store, settings: Settings, record: InvitationRecord) -> Callable[[], int]:
    """A one-invitation file's apply; returns its evaluate stage, to be timed alone."""
    counts = ApplyCounts.empty()
    store.apply_invitation(record, counts)
    return lambda: gather.evaluate_affected(store, settings, counts, "bench drop", T0)


def one_message(store: Store, settings: Settings, who: PersonRef) -> Callable[[], int]:
    counts = ApplyCounts.empty()
    store.apply_messages(
        MessageSummary(who, inbound_count=9, outbound_count=3, source="messages.csv"), counts
    )
    return lambda: gather.evaluate_affected(store, settings, counts, "bench drop", T0)


def dump(store: Store, path: Path) -> None:
    rows = store.db.execute(
        "SELECT id, status, verdict, score, reasons FROM invitations ORDER BY id"
    )
    path.write_text("".join(f"{tuple(row)!r}\n" for row in rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 50,000 inviters")
    parser.add_argument("--dump", type=Path, help="write the verdicts here after the full run")
    args = parser.parse_args()
    inviters = int(50_000 * args.scale)
    rng = random.Random(7)
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            storage={"database": str(Path(folder) / "bench.db")},
            you={"interests": ["public relations"]},
        )
        store = Store(settings.storage.database_path())
        started = time.perf_counter()
        populate(store, inviters, rng)
        opened = len(store.open_incoming_ids())
        print(
            f"setup: {time.perf_counter() - started:.1f} s, {inviters:,} inviters, "
            f"{opened:,} open invitations"
        )

        everyone = ApplyCounts.empty()
        everyone.new["profile"] = 1  # who the user is changed: every invitation is affected
        with store.transaction(), cpu("open", results):
            judged_open = gather.evaluate_invitations(store, settings, None, "bench", T0)
        if args.dump:
            dump(store, args.dump)
        with store.transaction():
            with cpu("open again", results):
                gather.evaluate_invitations(store, settings, None, "bench", T0)
            with cpu("everyone", results):
                judged_all = gather.evaluate_affected(store, settings, everyone, "bench", T0)
            with cpu("everyone again", results):
                gather.evaluate_affected(store, settings, everyone, "bench", T0)

        newcomer = inviters + 1
        drops = {
            "drop, unique note": InvitationRecord(
                person(newcomer, inviters),
                Direction.INCOMING,
                T0,
                message="Hi William, we met at the Lisbon PR Summit, a coffee soon?",
            ),
            "drop, template note": InvitationRecord(
                person(newcomer + 1, inviters), Direction.INCOMING, T0, message=TEMPLATE
            ),
        }
        judged_drop: dict[str, int] = {}
        for label, record in drops.items():
            with store.transaction():
                stage = drop(store, settings, record)
                with cpu(label, results):
                    judged_drop[label] = stage()
        with store.transaction():
            stage = one_message(store, settings, person(3, inviters))
            with cpu("drop, one inviter's messages", results):
                judged_drop["drop, one inviter's messages"] = stage()
        store.close()

    print(
        f"judge {judged_open:,} open invitations: {results['open']:.2f} CPU s "
        f"({results['open'] / max(judged_open, 1) * 1e6:.0f} µs each); "
        f"again, nothing changed: {results['open again']:.2f} CPU s"
    )
    print(
        f"judge {judged_all:,} undecided (everyone affected): {results['everyone']:.2f} CPU s; "
        f"again: {results['everyone again']:.2f} CPU s"
    )
    for label, judged in judged_drop.items():
        print(f"{label}: evaluate stage {results[label] * 1000:.0f} CPU ms ({judged:,} judged)")


if __name__ == "__main__":
    main()
