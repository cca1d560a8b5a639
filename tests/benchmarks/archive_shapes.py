"""Benchmark archives by shape and size, streamed to disk (no asserts, no timing).

Two shapes, each at any ``scale`` (1.0 is the size issue 12 names):

``today``
    The archive the benchmark always used (``tests.support.exports.write_big_archive``): 50,000
    invitations from 20,000 people, 30,000 connections nobody else is, 1,000,000 messages
    written conversation after conversation. The convenient order: every cache is warm.

``interleaved``
    The harder, realistic one: 50,000 distinct inviters whose display names are shared by about
    8 people each; 40% of them already connected (30,000 connections in all, the rest people
    who never invited); so 30,000 open invitations; 300,000 messages interleaved across
    30,000 people (each row a random conversation, as a mixed export reads), conversation ids
    shared by many people and some group chats of three to five.

Columns and quirks follow reference/export-formats.md §1 through the helpers of
``tests.support.exports``: the 2024 Invitations and Connections shapes (preamble,
percent-encoded URLs, no final newline), messages.csv of December 2024.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from tests.support.exports import (
    MESSAGE_HEADERS,
    OWNER,
    PREAMBLE,
    day_month_year,
    profile_csv,
    us_datetime,
    utc_text,
    write_big_archive,
)

SHAPES = ("today", "interleaved")
SIZES = (0.1, 0.5, 1.0, 2.0)

INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
MESSAGES_HEADER = MESSAGE_HEADERS["2024-12"]
#: The members a bare csv pass reads: those the import reads.
MEMBERS = ("Profile.csv", "Connections.csv", "Invitations.csv", "messages.csv")


@dataclass(frozen=True)
class Sizes:
    invitations: int
    connections: int
    messages: int

    def describe(self) -> str:
        return (
            f"{self.invitations:,} invitations, {self.connections:,} connections, "
            f"{self.messages:,} messages"
        )


#: What LinkedIn names an archive (an export date after every entry of both shapes).
ARCHIVE_NAME = "Complete_LinkedInDataExport_01-15-2025.zip"


def archive_path(folder: Path, shape: str, scale: float) -> Path:
    """Where the archive of ``shape`` at ``scale`` goes: a folder of its own, LinkedIn's name."""
    path = folder / f"{shape}-{scale:g}x" / ARCHIVE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def sizes_of(shape: str, scale: float) -> Sizes:
    messages = 1_000_000 if shape == "today" else 300_000
    return Sizes(int(50_000 * scale), int(30_000 * scale), int(messages * scale))


def write_archive(shape: str, scale: float, path: Path, *, seed: int = 0) -> Sizes:
    """Write the ``shape`` archive at ``scale`` to ``path``; its row counts."""
    sizes = sizes_of(shape, scale)
    if shape == "today":
        write_big_archive(
            path,
            invitations=sizes.invitations,
            connections=sizes.connections,
            messages=sizes.messages,
            seed=seed,
        )
    elif shape == "interleaved":
        _write_interleaved(path, sizes, random.Random(seed))
    else:
        raise ValueError(f"unknown shape {shape!r}; one of {', '.join(SHAPES)}")
    return sizes


# --------------------------------------------------------------------------------------------
# The interleaved shape
# --------------------------------------------------------------------------------------------

_FIRST = ("Ana", "Jo", "Sam", "Réka", "Niko", "Yaz", "Abe", "Raj", "Lena", "Omar", "Mei", "Ivo")
_SUFFIX = ("", "", "", ", PhD", ", MBA", ", ACCA, FMVA®")
_COMPANIES = ("Acme", "Acme, Inc.", "Beta Corp", "Gamma AB", "Delta GmbH", "")
_POSITIONS = ("Engineer", "Recruiter", "Data Analytics Consultant", "Founder & CEO", "")
#: Invitation notes: most are empty, some templates many people send, some their own words.
_TEMPLATES = (
    "I'd like to add you to my professional network.",
    "Hi, let's connect!",
    "Hello, I came across your profile and would love to connect.",
)
#: Names shared by about this many people (different URLs): name keys collide.
NAME_SHARERS = 8


@dataclass(frozen=True)
class _Someone:
    first: str
    last: str
    url: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def _crowd(count: int, rng: random.Random) -> list[_Someone]:
    """``count`` people with distinct URLs, each display name shared by about 8 of them."""
    names = max(count // NAME_SHARERS, 1)
    people = []
    for i in range(count):
        n = rng.randrange(names)
        first = _FIRST[n % len(_FIRST)]
        last = f"Sur{n}{_SUFFIX[n % len(_SUFFIX)]}"
        slug = quote(f"{first}-sur{n}".lower(), safe="")
        people.append(_Someone(first, last, f"https://www.linkedin.com/in/{slug}-{i:x}a{n}"))
    return people


def _invitation_rows(inviters: list[_Someone], rng: random.Random) -> Iterator[list[str]]:
    start = datetime(2024, 6, 1, tzinfo=UTC)
    for i, person in enumerate(inviters):
        roll = rng.random()
        if roll < 0.6:
            note = ""
        elif roll < 0.85:
            note = _TEMPLATES[i % len(_TEMPLATES)]
        else:
            note = f"Hi {OWNER.name.split()[0]}, we met at meetup {i}; shall we connect?"
        sent = start + timedelta(minutes=rng.randrange(260_000))
        yield [
            person.name,
            OWNER.name,
            us_datetime(sent),
            note,
            "INCOMING",
            person.url,  # raw UTF-8 here, percent-encoded in Connections (§1.4)
            OWNER.url or "",
        ]


def _connection_rows(connections: list[_Someone], rng: random.Random) -> Iterator[list[str]]:
    for i, person in enumerate(connections):
        on = date(2019, 1, 1) + timedelta(days=rng.randrange(2100))
        yield [
            person.first,
            person.last,
            quote(person.url, safe=":/"),
            f"{person.first.lower()}{i}@example.com" if i % 60 == 0 else "",
            _COMPANIES[i % len(_COMPANIES)],
            _POSITIONS[i % len(_POSITIONS)],
            day_month_year(on),
        ]


def _message_rows(total: int, people: list[_Someone], rng: random.Random) -> Iterator[list[str]]:
    """Each row a random conversation: 95% one-to-one, 5% group chats of 3 to 5 people.
    Conversation ids are shared: one id per 50 people (exports do reuse ids across threads)."""
    start = datetime(2023, 1, 1, tzinfo=UTC)
    groups = [rng.sample(people, rng.randint(2, 4)) for _ in range(max(len(people) // 100, 1))]
    owner_name, owner_url = OWNER.name, OWNER.url or ""
    for i in range(total):
        if rng.random() < 0.05:
            index = rng.randrange(len(groups))
            others = groups[index]
            conversation = f"2-R3JvdXA{index:06d}=="
            title = f"Team {index}"
        else:
            index = rng.randrange(len(people))
            others = [people[index]]
            conversation = f"2-Q29udm{index // 50:06d}XzAxMg=="
            title = ""
        at = utc_text(start + timedelta(seconds=rng.randrange(60_000_000)))
        content = "" if i % 7 == 0 else "some text,  with commas  and spaces"
        if rng.random() < 0.5:  # the owner writes
            sender_name, sender_url = owner_name, owner_url
            recipients = others
        else:
            author = others[rng.randrange(len(others))]
            sender_name, sender_url = author.name, author.url
            recipients = [p for p in others if p is not author]
        to_names = [p.name for p in recipients]
        to_urls = [p.url for p in recipients]
        if sender_name != owner_name:
            to_names.append(owner_name)
            to_urls.append(owner_url)
        draft = "Yes" if i % 500 == 0 else "No"
        yield [
            conversation,
            title,
            sender_name,
            sender_url,
            ",".join(to_names),
            ",".join(to_urls),
            at,
            "",
            content,
            "INBOX",
            draft,
            "No",
        ]


def _write_interleaved(path: Path, sizes: Sizes, rng: random.Random) -> None:
    inviters = _crowd(sizes.invitations, rng)
    connected_inviters = inviters[: int(sizes.invitations * 0.4)]
    others = _crowd(max(sizes.connections - len(connected_inviters), 0), rng)
    others = [_Someone(p.first, p.last, p.url + "-c") for p in others]
    connections = connected_inviters + others
    rng.shuffle(connections)
    # messages go to 30,000 people at full size: connections first, then open inviters
    correspondents = (connections + inviters[len(connected_inviters) :])[: sizes.connections]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Profile.csv", profile_csv())
        _stream(archive, "Invitations.csv", INVITATIONS_HEADER, _invitation_rows(inviters, rng))
        _stream(
            archive,
            "Connections.csv",
            CONNECTIONS_HEADER,
            _connection_rows(connections, rng),
            preamble=PREAMBLE,
            final_newline=False,
        )
        rows = _message_rows(sizes.messages, correspondents, rng)
        _stream(archive, "messages.csv", MESSAGES_HEADER, rows)


def _stream(
    archive: zipfile.ZipFile,
    name: str,
    header: str,
    rows: Iterable[list[str]],
    *,
    preamble: str = "",
    final_newline: bool = True,
) -> None:
    """One member written row by row; without a final newline, the last row is held back."""
    with (
        archive.open(name, "w", force_zip64=True) as raw,
        io.TextIOWrapper(raw, "utf-8", newline="") as out,
    ):
        out.write(preamble)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header.split(","))
        last: list[str] | None = None
        for row in rows:
            if last is not None:
                writer.writerow(last)
            last = row
        if last is not None:
            if final_newline:
                writer.writerow(last)
            else:
                line = io.StringIO()
                csv.writer(line, lineterminator="").writerow(last)
                out.write(line.getvalue())
