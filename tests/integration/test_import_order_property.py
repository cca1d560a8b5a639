"""The end state never depends on import order (issue 10, item 3): a realistic set of files —
an invitation JSON, an archive, an older archive, an address book, a calendar and a saved page
of the invitation manager — imported in shuffled orders through ``pipeline.process`` ends in the
same status, verdict and score for every invitation.

The set is made so that order could matter: the older archive lists an invitation the newer
one no longer does, the JSON lists one the older archive lacks (it is newer) and one the newer
archive lacks (it is older), the user changed jobs between the archives (the newer Positions.csv
names the employer a colleague's headline names), messages in the archives make a meet-up
request and an answer, the newer archive's Connections.csv accepts one, the address book
and calendar name two inviters, and the page's "1 week ago" is a window around the archive's
exact time.
"""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.exports import (
    OWNER,
    Connection,
    Invite,
    Msg,
    Person,
    build_archive,
    education_csv,
    events_csv,
    invitations_json,
    positions_csv,
    profile_csv,
)
from tests.support.history_files import GOOGLE_ICS, GOOGLE_VCF
from tests.support.pages import MANAGER_URL, CardSpec, live_page
from watcher import pipeline
from watcher.config.settings import Settings
from watcher.models import Imported
from watcher.store import Store

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def nov(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


MARIA = Person("Maria Lopez", "https://www.linkedin.com/in/maria-lopez-5635a017")  # vCard, ICS
JO = Person("Jo Smith", "https://www.linkedin.com/in/jo-smith")  # vCard by name, ICS by e-mail
CEM = Person("Cem Aydin", "https://www.linkedin.com/in/cem-aydin")  # headline: the new employer
ANA = Person("Ana Reyes", "https://www.linkedin.com/in/ana-reyes")  # connected in the newer one
BO = Person("Bo Lindqvist", "https://www.linkedin.com/in/bo-lindqvist")  # gone from the newer
ZED = Person("Zed Quinn", "https://www.linkedin.com/in/zed-quinn")  # JSON and newer, not older
MO = Person("Mo Farid", "https://www.linkedin.com/in/mo-farid")  # JSON only: the newer lacks it
LIA = Person("Lia Park", "https://www.linkedin.com/in/lia-park")  # JSON and newer
KIM = Person("Kim Sato", "https://www.linkedin.com/in/kim-sato")  # asked to meet, answered
PAT = Person("Pat Pitch", "https://www.linkedin.com/in/pat-pitch")  # asked to meet, no answer
OLI = Person("Oli Vance", "https://www.linkedin.com/in/oli-vance")  # asked long ago, no answer
UMA = Person("Uma Tal", "https://www.linkedin.com/in/uma-tal")  # after the newer archive
RAE = Person("Rae Dunn", "https://www.linkedin.com/in/rae-dunn")  # page only: the newer lacks it

PITCH = "I help data teams triple their leads in 30 days. Book a free demo: https://bit.ly/x"
MEETUP_NOTE = "Hi Eve, we have never met, but I saw your talk at the Climate Tech Meetup. Coffee?"

OLDER_INVITES = [
    Invite(OLI, datetime(2026, 10, 1, 9, tzinfo=UTC), "Hello"),
    Invite(MARIA, nov(2), "Great to see you again!"),
    Invite(ANA, nov(3)),
    Invite(BO, nov(10), "Hey"),
    Invite(KIM, nov(15), MEETUP_NOTE),
    Invite(PAT, nov(14), PITCH),
    Invite(CEM, nov(16)),
]
NEWER_INVITES = [
    *(invite for invite in OLDER_INVITES if invite.person != BO),
    Invite(ZED, nov(12)),
    Invite(LIA, nov(24), "Let's connect"),
]
OLDER_MESSAGES = [
    Msg(MARIA, (OWNER,), datetime(2026, 10, 5, 9, tzinfo=UTC), "Lunch?"),
    Msg(OWNER, (MARIA,), datetime(2026, 10, 5, 10, tzinfo=UTC), "Sure"),
    Msg(OWNER, (OLI,), datetime(2026, 10, 2, 9, tzinfo=UTC), "Coffee first?"),
]
NEWER_MESSAGES = [
    *OLDER_MESSAGES,
    Msg(OWNER, (KIM,), nov(26), "Coffee first?"),
    Msg(KIM, (OWNER,), nov(27), "Gladly, Tuesday?"),
    Msg(OWNER, (PAT,), nov(26), "What is it about?"),
]
SCHOOLS = education_csv([("KTH Royal Institute of Technology", "2008", "2013", "M.Sc.")])


def _older_archive() -> bytes:
    return build_archive(
        invitations=OLDER_INVITES,
        messages=OLDER_MESSAGES,
        profile=profile_csv("Eve", "Kovacs", "Data Lead at Acme"),
        extra={
            "Positions.csv": positions_csv([("Acme", "Data Lead", "May 2019", "")]),
            "Education.csv": SCHOOLS,
        },
        year=2026,
    )


def _newer_archive() -> bytes:
    events = events_csv(
        [
            (
                "Climate Tech Meetup",
                "Nov 05, 2026 06:00 PM - Nov 05, 2026 09:00 PM",
                "APPROVED",
                "meet.example/climate",
            )
        ]
    )
    return build_archive(
        invitations=NEWER_INVITES,
        messages=NEWER_MESSAGES,
        connections=[Connection("Ana", "Reyes", ANA.url, connected_on=date(2026, 11, 27))],
        profile=profile_csv("Eve", "Kovacs", "Head of Data at Northwind Labs"),
        extra={
            "Positions.csv": positions_csv(
                [
                    ("Northwind Labs", "Head of Data", "Nov 2026", ""),
                    ("Acme", "Data Lead", "May 2019", "Oct 2026"),
                ]
            ),
            "Education.csv": SCHOOLS,
            "Events.csv": events,
        },
        year=2026,
    )


def _page() -> bytes:
    def entry(person: Person, sent: datetime, note: str = "", headline: str = "") -> dict[str, str]:
        return {
            "name": person.name,
            "profile_url": person.url or "",
            "note": note,
            "headline": headline,
            "sent_at": sent.isoformat(),
        }

    return invitations_json(
        [
            entry(ZED, nov(12), headline="Forklift operator"),
            entry(MO, nov(23), headline="Growth hacker"),
            entry(LIA, nov(24), "Let's connect", "Student at KTH Royal Institute of Technology"),
            entry(CEM, nov(16), headline="Backend engineer at Northwind Labs"),
            entry(KIM, nov(15), MEETUP_NOTE, "Climate founder"),
            entry(UMA, nov(29), "We met at the Climate Tech Meetup, coffee?"),
        ],
        exported_at="2026-11-25T18:00:00+01:00",
    )


def _capture() -> bytes:
    """The invitation manager as our bookmarklet saved it on 26 November at noon."""
    cards = [
        CardSpec(KIM.name, "kim-sato", headline="Climate founder", time="1 week ago"),
        CardSpec(LIA.name, "lia-park", time="2 days ago", note="Let's connect"),
        CardSpec(MO.name, "mo-farid", headline="Growth hacker", time="3 days ago"),
        CardSpec(RAE.name, "rae-dunn", headline="Recruiter", time="1 day ago"),
    ]
    mark = json.dumps({"url": MANAGER_URL, "captured_at": nov(26, 12).isoformat()})
    return f"<!-- invite-watcher/capture@1 {mark} -->\n{live_page(cards)}".encode()


CAPTURE = "linkedin-invitations-20261126T120000.html"

#: The files, by the name each is dropped under.
FILES: dict[str, bytes] = {
    "Basic_LinkedInDataExport_11-20-2026.zip": _older_archive(),
    "Basic_LinkedInDataExport_11-28-2026.zip": _newer_archive(),
    "invitations.json": _page(),
    "contacts.vcf": GOOGLE_VCF,
    "calendar.ics": GOOGLE_ICS,
    CAPTURE: _capture(),
}

State = dict[tuple[str, str, str], tuple[str, str | None, int | None]]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("exports")
    paths = []
    for name, data in FILES.items():
        path = folder / name
        path.write_bytes(data)
        # The address book and calendar are as of their modification time: fixed, like a drop.
        os.utime(path, (nov(30).timestamp(), nov(30).timestamp()))
        paths.append(path)
    return paths


def import_in_order(paths: list[Path]) -> State:
    """A fresh database, the files imported one by one; every invitation's end state, keyed by
    what names it whatever its id (the counterpart, the direction, the sent time)."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "db.sqlite")
        try:
            deps = pipeline.Deps(store=store, settings=Settings(), clock=lambda: NOW)
            for path in paths:
                outcome = pipeline.process(path, deps)
                assert isinstance(outcome, Imported), outcome
            return {
                (i.name, i.direction.value, i.sent_at.isoformat()): (
                    i.status.value,
                    i.verdict.value if i.verdict else None,
                    i.score,
                )
                for i in store.invitations(direction=None)
            }
        finally:
            store.close()


@pytest.fixture(scope="module")
def reference(exports: list[Path]) -> State:
    return import_in_order(exports)


def test_import_order_reference_state_is_the_evidence(reference: State) -> None:
    """The state every order must reach, checked once: it is what the evidence says."""
    status = {name: state[0] for (name, direction, _), state in reference.items()}
    verdict = {name: state[1] for (name, direction, _), state in reference.items()}
    assert status["Bo Lindqvist"] == "ignored"  # gone from the newer, complete listing
    assert status["Mo Farid"] == "ignored"  # the JSON saw it, the newer archive did not
    assert status["Rae Dunn"] == "ignored"  # so did the page
    assert len(reference) == 12  # the page's windows matched the archive's and JSON's times
    assert status["Ana Reyes"] == "accepted"
    assert status["Kim Sato"] == "replied"
    assert status["Pat Pitch"] == "meet-requested"
    for waiting in ("Zed Quinn", "Lia Park", "Uma Tal", "Maria Lopez", "Cem Aydin"):
        assert status[waiting] == "pending", waiting
    assert verdict["Maria Lopez"] == "accept"
    assert verdict["Cem Aydin"] == "accept"  # the user's new employer, from the newer archive
    assert all(state[1] is not None for state in reference.values())


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(order=st.permutations(range(len(FILES))))
def test_import_order_does_not_change_the_end_state(
    exports: list[Path], reference: State, order: list[int]
) -> None:
    assert import_in_order([exports[i] for i in order]) == reference


def _rotations(items: list[Path]) -> Iterator[list[Path]]:
    for shift in range(len(items)):
        yield items[shift:] + items[:shift]


def test_import_order_reversed_and_rotated(exports: list[Path], reference: State) -> None:
    """The orders a person would try first, whatever hypothesis draws."""
    for order in itertools.chain([exports[::-1]], _rotations(exports)):
        assert import_in_order(order) == reference, [p.name for p in order]
