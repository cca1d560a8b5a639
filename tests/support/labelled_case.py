"""One case of the labelled set (``tests.support.labelled``) and how it is judged.

The owner writes in German and English (Katharina Brandt, data platform lead, TU München,
PyCon Berlin 2026); the inviters are strangers unless the case brings traces of history. A
case's traces go through the real name index, as the store's do (``judge.gather``), so a
nickname or a name in styled letters is matched the way an import matches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from tests.support.judging import URL, run
from watcher.core.matching import NameIndex
from watcher.models import Acquaintance, Event, History, Owner, Position, School, Verdict

OWNER = Owner(
    first_name="Katharina",
    last_name="Brandt",
    headline="Head of Data Platform at Nordlicht Energie",
    positions=(Position("Nordlicht Energie GmbH", "Head of Data Platform", date(2022, 1, 1)),),
    schools=(School("Technische Universität München", 2010, 2015),),
    events=(Event("PyCon Berlin 2026", datetime(2026, 4, 20, tzinfo=UTC)),),
    interests=("data engineering", "data platform"),
)

ACCEPT, MEET, IGNORE = Verdict.ACCEPT, Verdict.MEET_FIRST, Verdict.IGNORE


@dataclass(frozen=True)
class Case:
    language: str
    kind: str  # the class of the issue the case exercises
    note: str
    expected: Verdict
    headline: str = ""
    name: str = "Jonas Weber"  # the inviter
    #: what the user's files hold, matched to the inviter through the name index
    traces: tuple[Acquaintance, ...] = ()
    owner: Owner = OWNER


def verdict(case: Case) -> Verdict:
    index = NameIndex.from_acquaintances(case.traces)
    found = tuple(match.candidate for match in index.find(case.name, URL))
    history = History(acquaintances=found)
    return run(case.note, case.headline, owner=case.owner, name=case.name, history=history).verdict
