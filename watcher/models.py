"""Domain types shared by every stage.

Two families live here:

* **Records** are what sources yield while streaming a file. They are frozen slotted dataclasses,
  not pydantic models, because an archive yields hundreds of thousands of them and validation per
  row would dominate the import time; sources already produce clean, typed values.
* **Results** (findings, evaluations, outcomes) are pydantic models: few of them, serialised to JSON
  and shown to the user, where validation and ``model_dump`` pay for themselves.

All datetimes are timezone-aware. LinkedIn's invitation and connection times carry no zone; the
sources read them as UTC and every comparison that mixes them with zoned times allows a day of
slack (see ``TIME_SLACK``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict

#: Invitations.csv and Connections.csv have no time zone: compare their times with this slack.
TIME_SLACK = timedelta(days=1)


class Direction(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class Verdict(StrEnum):
    ACCEPT = "accept"
    MEET_FIRST = "meet-first"
    IGNORE = "ignore"


class Status(StrEnum):
    """Where an invitation stands in its lifecycle (DESIGN.md, "Lifecycle")."""

    PENDING = "pending"
    MEET_REQUESTED = "meet-requested"
    REPLIED = "replied"
    UNANSWERED = "unanswered"
    ACCEPTED = "accepted"
    IGNORED = "ignored"


class HistoryKind(StrEnum):
    """Where a trace of having met someone comes from."""

    ADDRESS_BOOK = "address-book"
    CALENDAR = "calendar"
    IMPORTED_CONTACT = "imported-contact"
    ENDORSEMENT = "endorsement"
    RECOMMENDATION = "recommendation"


# --------------------------------------------------------------------------------------------
# Records: what sources yield
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonRef:
    """Someone named in an export. ``profile_url`` is normalised (``identity.normalise_url``)."""

    name: str
    profile_url: str | None = None


@dataclass(frozen=True, slots=True)
class InvitationRecord:
    """One row of Invitations.csv or one entry of the invitation JSON.

    ``counterpart`` is the other party: the inviter of an incoming invitation, the invitee of an
    outgoing one.
    """

    counterpart: PersonRef
    direction: Direction
    sent_at: datetime
    message: str = ""
    headline: str | None = None
    mutual_connections: int | None = None
    #: True when the export only lists invitations still waiting (the invitation JSON); False for
    #: Invitations.csv, which mixes accepted, ignored and withdrawn ones.
    pending_only: bool = False
    source: str = ""
    #: the earliest time a relative "3 days ago" allows (a page capture); ``sent_at`` is the
    #: latest. None: the time is exact, or nothing bounds it from below
    sent_window_start: datetime | None = None
    #: the page cut the note ("See more"): ``message`` is its beginning only
    note_truncated: bool = False
    #: when the file saw the invitation (a capture's time), if the source knows
    as_of: datetime | None = None


@dataclass(frozen=True, slots=True)
class ConnectionRecord:
    person: PersonRef
    email: str | None = None
    company: str | None = None
    position: str | None = None
    connected_on: date | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class MessageSummary:
    """messages.csv reduced to one line per counterpart; the text is never kept."""

    person: PersonRef
    inbound_count: int = 0
    outbound_count: int = 0
    first_inbound: datetime | None = None
    last_inbound: datetime | None = None
    first_outbound: datetime | None = None
    last_outbound: datetime | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class OwnerProfile:
    """Profile.csv: who the user is."""

    first_name: str
    last_name: str
    headline: str = ""
    summary: str = ""
    industry: str = ""
    location: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Position:
    company: str
    title: str = ""
    started: date | None = None
    finished: date | None = None  # None: the current job

    @property
    def current(self) -> bool:
        return self.finished is None


@dataclass(frozen=True, slots=True)
class School:
    name: str
    start_year: int | None = None
    end_year: int | None = None
    degree: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """An event the user registered for (Events.csv) or a calendar entry."""

    name: str
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    attended: bool = True  # Events.csv RELINQUISHED -> False
    url: str = ""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A whole small file that replaces what the previous export of it said.

    Positions.csv, Education.csv, Events.csv and Email Addresses.csv are complete lists each time,
    so an import replaces the stored list of that ``kind`` rather than merging row by row.
    """

    kind: str  # "positions" | "schools" | "events" | "owner-emails" | "calendar-events"
    items: tuple[Position | School | Event | str, ...]
    source: str = ""


@dataclass(frozen=True, slots=True)
class Acquaintance:
    """A trace that the user may know someone: an address-book card, a meeting, an endorsement."""

    kind: HistoryKind
    name: str
    profile_url: str | None = None
    emails: tuple[str, ...] = ()
    company: str = ""
    title: str = ""
    at: datetime | None = None
    detail: str = ""  # e.g. the meeting's title, the endorsed skill
    source: str = ""


@dataclass(frozen=True, slots=True)
class AsOf:
    """When what a file shows was true (DESIGN.md, "Evidence over time"), and how that is known.

    A source yields one where its format says (an archive's export date, the JSON's
    ``exported_at``); ``at`` None means the format should have said and the file does not, and
    ``basis`` says why. Where no time is given, the pipeline takes the file's modification time.
    """

    at: datetime | None
    #: how ``at`` was read ("the export date in its name"), or why it could not be
    basis: str

    def or_modified(self, modified: datetime) -> AsOf:
        """This time, or the file's modification time in its place, saying why."""
        if self.at is not None:
            return self
        return AsOf(modified, f"the file's modification time ({self.basis})")


@dataclass(frozen=True, slots=True)
class ReadProgress:
    """How far a reader has got through its file, yielded among the records now and then (every
    few thousand records, or at a new archive member) so an import can show a bar with a total.

    Not a fact about anyone: the pipeline hands it to the progress display and applies nothing.
    """

    #: the file, or the archive member, being read now ("messages.csv")
    member: str
    #: bytes read so far over the whole file (an archive: uncompressed bytes of the members read)
    done: int
    #: bytes in all (an archive: uncompressed bytes of the members it will read); None if unknown
    total: int | None


Record = (
    InvitationRecord
    | ConnectionRecord
    | MessageSummary
    | OwnerProfile
    | Snapshot
    | Acquaintance
    | AsOf
    | ReadProgress
)


# --------------------------------------------------------------------------------------------
# What the rules see
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InvitationView:
    """An invitation as the rules read it."""

    id: int
    name: str
    profile_url: str | None
    direction: Direction
    sent_at: datetime
    message: str = ""
    headline: str = ""
    mutual_connections: int | None = None
    #: where it stands in its lifecycle: the follow-up rules (``meetup.*``) read it
    status: Status = Status.PENDING


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The meet-up request sent to the inviter, as the follow-up rules read it."""

    requested_at: datetime
    #: how long an answer was waited for before giving up (``meetup.give_up_after``)
    waited: timedelta


@dataclass(frozen=True, slots=True)
class Owner:
    """The user, as far as the exports and the configuration tell."""

    first_name: str = ""
    last_name: str = ""
    headline: str = ""
    positions: tuple[Position, ...] = ()
    schools: tuple[School, ...] = ()
    events: tuple[Event, ...] = ()
    interests: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class History:
    """Everything known about one inviter before the rules run."""

    connected_on: date | None = None
    connected_source: str = ""
    messages: MessageSummary | None = None
    acquaintances: tuple[Acquaintance, ...] = ()
    #: how many *other* inviters sent exactly this note (after normalisation)
    same_note_senders: int = 0


@dataclass(frozen=True, slots=True)
class EvaluationInput:
    invitation: InvitationView
    owner: Owner
    history: History = field(default_factory=History)
    #: the meet-up request, once one was sent and went unanswered; None otherwise
    followup: FollowUp | None = None


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


class _Result(BaseModel):
    """A result, built at its first use (``defer_build``): ``list`` validates none of them."""

    model_config = ConfigDict(defer_build=True)


class Finding(_Result):
    """One rule that fired: its id, its points and the evidence, readable by a person."""

    rule: str
    points: int
    detail: str
    source: str = ""  # the file or setting the evidence comes from
    at: datetime | None = None  # when the evidence happened, if known


class Evaluation(_Result):
    verdict: Verdict
    score: int
    findings: list[Finding]
    #: set when a welcome/block list decided outright
    decided_by_list: bool = False


class ImportChanges(_Result):
    """What one file changed in the store."""

    new: dict[str, int] = {}  # kind -> count, e.g. {"invitations": 3}
    updated: dict[str, int] = {}
    unchanged: dict[str, int] = {}
    new_invitation_ids: list[int] = []
    #: invitations whose status moved because of this file: id -> new status
    transitions: dict[int, Status] = {}
    history_changed: bool = False
    #: meet-up requests this file showed (an outgoing message after the invitation) whose
    #: give-up time had passed when it arrived: settled as unanswered, silently
    settled: list[int] = []
    #: what the user should know about the file, e.g. an archive of another owner than earlier
    #: files' (their employer and school judge the invitations from then on)
    warnings: list[str] = []
    #: the file is imported, but judging what it changed was left for later (a stop, or a
    #: database busy or full when the verdicts were to be stored): the next import, or the
    #: daemon's next try, judges them and tells the user
    judging_left: bool = False


class Imported(_Result):
    outcome: str = "imported"
    path: Path
    kind: str
    sha256: str
    changes: ImportChanges


class AlreadyImported(_Result):
    outcome: str = "already-imported"
    path: Path
    kind: str
    sha256: str


class NotOurs(_Result):
    outcome: str = "not-ours"
    path: Path


class Failed(_Result):
    outcome: str = "failed"
    path: Path
    kind: str | None  # None: not even looked at (missing, unreadable, a directory, empty)
    reason: str
    #: the same content failed before; a daemon reports a failure once
    repeated: bool = False
    #: the failure was the database's (locked, full), not the file's: try again later
    transient: bool = False


class Interrupted(_Result):
    """A stop cut the import short: it was rolled back, and the next start does it again."""

    outcome: str = "interrupted"
    path: Path


ImportOutcome = Imported | AlreadyImported | NotOurs | Failed | Interrupted


@dataclass(frozen=True)
class Meetup:
    """A sent meet-up request as the store keeps it."""

    invitation_id: int
    name: str
    sent_at: datetime  # aware
    snoozed_until: datetime | None = None  # aware
    fired_stage: int = 0  # how many stages already fired (or were skipped)

    def __post_init__(self) -> None:
        for moment in (self.sent_at, self.snoozed_until):
            if moment is not None and moment.utcoffset() is None:
                raise ValueError(f"meet-up {self.invitation_id}: times must carry a time zone")
