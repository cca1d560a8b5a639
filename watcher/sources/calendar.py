"""Calendars (.ics) from Google, Outlook and Apple/CalendarServer: whom the user has met.

Each attendee of a meeting who accepted (or tentatively accepted) becomes an ``Acquaintance``
(HistoryKind.CALENDAR) with the meeting's start time and title; the calendar's events become one
``Snapshot(kind="calendar-events")`` so a note naming a conference can be matched.

Choices (reference/export-formats.md §3):

* **Past or future is left to the rules.** Every meeting is yielded with its start time (``at``,
  ``starts_at``); the rules compare it with the invitation's time. A source has no clock, and an
  imported calendar stays stored while time moves on, so deciding "past" here would go stale.
* Skipped: cancelled events; events the calendar's owner declined; rooms and resources
  (``CUTYPE=RESOURCE``/``ROOM``, ``@resource.calendar.google.com``); attendees without an address
  (``invalid:nomail``, a bare ``urn:uuid:``); attendees who declined or never answered; and every
  attendee of a meeting with more than ``MAX_GUESTS`` people (an all-hands is not a meeting).
* The owner (never their own acquaintance) is the address in Google's ``X-WR-CALNAME``, else the
  address present in most meetings when it is in at least half of them and more than anyone else.
* The organizer attended their own meeting: counted as accepted.
* Times are aware UTC: Windows zone names are resolved by icalendar, floating times and unknown
  zones are read as UTC (the rules allow a day of slack), all-day dates start at 00:00 UTC.

The file is read event by event (icalendar parses one event at a time, with the time-zone
definitions it refers to), so memory stays flat in the size of the calendar.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from loguru import logger

from watcher.config.settings import LimitsSettings
from watcher.models import Acquaintance, Event, HistoryKind, Record, Snapshot
from watcher.sources.addresses import name_from_address
from watcher.sources.base import SourceError

#: A meeting with more people than this is an all-hands or a webinar, not a meeting.
MAX_GUESTS = 25
MET = frozenset({"ACCEPTED", "TENTATIVE"})
_RESOURCE_TYPES = frozenset({"RESOURCE", "ROOM"})
_RESOURCE_DOMAIN = "@resource.calendar.google.com"
_TZID = re.compile(r"^TZID[;:](?:[^:\r\n]*:)?(.+)$", re.MULTILINE | re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def looks_like_calendar(head: bytes) -> bool:
    """The content starts with ``BEGIN:VCALENDAR`` (after a BOM and blank lines). Pure."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom) : 4096].decode(encoding, errors="ignore")
            break
    else:
        text = head[:4096].decode("utf-8", errors="ignore").removeprefix("\ufeff")
    return text.lstrip().upper().startswith("BEGIN:VCALENDAR")


# --------------------------------------------------------------------------------------------
# Splitting the file into blocks
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "VCALENDAR" (the calendar's own properties), "VTIMEZONE", "VEVENT"
    text: str | None  # None: larger than the limit, not kept
    line: int = 0  # the file's line (from 1) where the component begins


class _Splitter:
    """Cuts a calendar's lines into its top-level components, keeping events and zones."""

    KEPT = frozenset({"VTIMEZONE", "VEVENT"})

    def __init__(self, limit: int):
        self.limit = limit
        self.depth = 0
        self.kind = ""
        self.lines: list[str] = []
        self.size = 0
        self.header: list[str] = []
        self.begun = 0

    def feed(self, line: str, number: int) -> Block | None:
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            self.depth += 1
            if self.depth == 2:
                self.kind, self.lines, self.size = upper[6:].strip(), [], 0
                self.begun = number
        if self.depth == 1 and not upper.startswith(("BEGIN:", "END:")):
            self.header.append(line)
        elif self.depth >= 2 and self.kind in self.KEPT:
            self._keep(line)
        if upper.startswith("END:"):
            self.depth -= 1
            if self.depth == 1 and self.kind in self.KEPT:
                text = None if self.size > self.limit else "\r\n".join(self.lines)
                return Block(self.kind, text, self.begun)
        return None

    def _keep(self, line: str) -> None:
        self.size += len(line)
        if self.size <= self.limit:
            self.lines.append(line)
        else:
            self.lines.clear()


def split_calendar(lines: Iterable[str], limit: int) -> Iterator[Block]:
    """Events and time zones in file order, then the calendar's own properties."""
    splitter = _Splitter(limit)
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if line.strip() and (block := splitter.feed(line, number)) is not None:
            yield block
    yield Block("VCALENDAR", "\r\n".join(splitter.header), 1)


# --------------------------------------------------------------------------------------------
# One event -> a Meeting
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Guest:
    name: str
    email: str
    accepted: bool
    resource: bool


@dataclass(frozen=True, slots=True)
class Meeting:
    summary: str
    starts_at: datetime | None
    ends_at: datetime | None
    cancelled: bool
    organizer: str
    guests: tuple[Guest, ...]
    line: int = 0  # the VEVENT's BEGIN line in its file, for the evidence

    def people(self) -> tuple[Guest, ...]:
        return tuple(guest for guest in self.guests if not guest.resource)


class BrokenEvent(Exception):
    """One event in the user's file cannot be read: it is skipped and counted."""


#: What ``Calendar.from_ical`` raises for text it cannot parse: ValueError (InvalidCalendar)
#: and TypeError from its value parsers, KeyError/IndexError from lookups, AttributeError from
#: its zone cache on a doubled TZID. Only that call is guarded: an error of ours is a bug.
_UNPARSABLE = (ValueError, TypeError, KeyError, IndexError, AttributeError)


def as_utc(value: object) -> datetime | None:
    """An icalendar time as aware UTC: floating -> UTC, a date -> its midnight UTC."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return None


def _param(prop: Any, key: str) -> str:
    value = prop.params.get(key, "") if hasattr(prop, "params") else ""
    if isinstance(value, list):
        value = ", ".join(str(part) for part in value)
    return str(value).strip().strip('"')


def _address(prop: Any) -> str:
    """The e-mail address of an ATTENDEE/ORGANIZER: EMAIL= first, then a mailto: value."""
    email = _param(prop, "EMAIL")
    if not email:
        value = str(prop).strip()
        email = value[7:] if value.lower().startswith("mailto:") else ""
    email = email.strip().casefold()
    return email if _EMAIL.match(email) else ""


def _guest(prop: Any) -> Guest:
    email = _address(prop)
    name = _param(prop, "CN")
    if not name or "@" in name:
        name = name_from_address(email)  # a guest known by address only
    resource = _param(prop, "CUTYPE").upper() in _RESOURCE_TYPES or email.endswith(_RESOURCE_DOMAIN)
    return Guest(
        name=" ".join(name.split()),
        email=email,
        accepted=_param(prop, "PARTSTAT").upper() in MET,
        resource=resource,
    )


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _single(event: Any, name: str) -> Any:
    """A property that may occur once; icalendar gives a list when a writer repeats it, and
    the first one is what the writer meant (rather than the list's repr as a title)."""
    found = _listed(event.get(name))
    return found[0] if found else None


def _dt(prop: Any) -> object:
    """A time property's value. icalendar 7 keeps a value it could not parse and raises a
    ValueError (BrokenCalendarProperty) only when it is read: the event is broken, not our code."""
    try:
        return getattr(prop, "dt", None)
    except ValueError as error:
        raise BrokenEvent(str(error)) from None


def _time(event: Any, name: str) -> datetime | None:
    try:
        return as_utc(_dt(_single(event, name)))
    except OverflowError:  # year 1 east of UTC, year 9999 west of it: no such UTC time
        raise BrokenEvent(f"{name} is out of range") from None


def _end(event: Any, start: datetime | None) -> datetime | None:
    end = _time(event, "DTEND")
    duration = _dt(_single(event, "DURATION"))
    if end is None and start is not None and isinstance(duration, timedelta):
        try:
            return start + duration
        except OverflowError:
            raise BrokenEvent("DURATION ends out of range") from None
    return end


def to_meeting(event: Any) -> Meeting:
    start = _time(event, "DTSTART")
    organizer = _single(event, "ORGANIZER")
    return Meeting(
        summary=" ".join(str(_single(event, "SUMMARY") or "").split()),
        starts_at=start,
        ends_at=_end(event, start),
        cancelled=str(_single(event, "STATUS") or "").upper() == "CANCELLED",
        organizer=_address(organizer) if organizer is not None else "",
        guests=tuple(_guest(prop) for prop in _listed(event.get("ATTENDEE"))),
    )


def parse_event(text: str, zones: dict[str, str]) -> Meeting:
    """One VEVENT's text (with the zone definitions it names) as a Meeting; BrokenEvent if the
    text is not a readable event. Any other exception is a bug of ours and propagates."""
    used = "".join(zone + "\r\n" for tzid, zone in zones.items() if tzid in text)
    wrapped = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{used}{text}\r\nEND:VCALENDAR\r\n"
    # Imported on first use: icalendar weighs ~10 MB, which neither an archive's import nor
    # the idle daemon needs to hold.
    from icalendar import Calendar  # noqa: PLC0415

    try:
        events = Calendar.from_ical(wrapped).walk("VEVENT")
    except _UNPARSABLE as error:
        raise BrokenEvent(str(error)) from None
    if not events:
        raise BrokenEvent("no event in the block")
    meeting = to_meeting(events[0])
    if meeting.starts_at is None:
        raise BrokenEvent("no start time")
    return meeting


# --------------------------------------------------------------------------------------------
# The whole calendar
# --------------------------------------------------------------------------------------------


def calendar_owner(calendar_name: str, meetings: list[Meeting]) -> str:
    """The owner's address, or "" when the calendar does not tell."""
    name = calendar_name.strip().casefold()
    if _EMAIL.match(name):
        return name  # Google names a user's calendar after the address
    presence: Counter[str] = Counter()
    with_people = 0
    for meeting in meetings:
        present = {guest.email for guest in meeting.people()} | {meeting.organizer}
        present.discard("")
        with_people += bool(present)
        presence.update(present)
    ranked = presence.most_common(2)
    if not ranked or ranked[0][1] < 2 or ranked[0][1] * 2 < with_people:
        return ""
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return ""  # two people in every meeting: no telling which one owns the calendar
    return ranked[0][0]


def _attended(meeting: Meeting, owner: str) -> bool:
    if meeting.cancelled:
        return False
    # The owner's own answer decides; without one (their own event, or no owner known) they went.
    mine = [guest for guest in meeting.guests if owner and guest.email == owner]
    return mine[0].accepted if mine else True


def acquaintances(meeting: Meeting, owner: str, source: str) -> Iterator[Acquaintance]:
    """The people the owner met in this meeting (see the module's rules); each names the
    event's line in its ``source`` (``calendar.ics line 42``)."""
    people = meeting.people()
    if not _attended(meeting, owner) or len(people) > MAX_GUESTS:
        return
    met: dict[str, str] = {}
    for guest in people:
        if guest.email and guest.accepted:
            met.setdefault(guest.email, guest.name)
    if meeting.organizer:
        met.setdefault(meeting.organizer, _organizer_name(meeting))
    met.pop(owner, None)
    for email, name in met.items():
        yield Acquaintance(
            kind=HistoryKind.CALENDAR,
            name=name,
            emails=(email,),
            at=meeting.starts_at,
            detail=meeting.summary,
            source=f"{source} line {meeting.line}" if meeting.line else source,
        )


def _organizer_name(meeting: Meeting) -> str:
    return next((g.name for g in meeting.guests if g.email == meeting.organizer), "")


def _calendar_name(header: str | None) -> str:
    match = re.search(r"^X-WR-CALNAME[^:\r\n]*:(.*)$", header or "", re.MULTILINE | re.IGNORECASE)
    return match.group(1).strip() if match else ""


@dataclass
class _Reading:
    """What a pass over the file collects: meetings, zone definitions, counts."""

    meetings: list[Meeting]
    zones: dict[str, str]
    calendar_name: str = ""
    events: int = 0
    broken: int = 0

    def take(self, block: Block) -> None:
        if block.kind == "VCALENDAR":
            self.calendar_name = _calendar_name(block.text)
        elif block.kind == "VTIMEZONE":
            for tzid in _TZID.findall(block.text or ""):
                self.zones[tzid.strip().strip('"')] = block.text or ""
        else:
            self.events += 1
            try:
                meeting = parse_event(block.text or "", self.zones)
                self.meetings.append(replace(meeting, line=block.line))
            except BrokenEvent:
                self.broken += 1


def read_calendar(lines: Iterable[str], source: str, limit: int) -> Iterator[Record]:
    reading = _Reading(meetings=[], zones={})
    for block in split_calendar(lines, limit):
        reading.take(block)
    if reading.events and reading.broken == reading.events:
        raise SourceError(f"none of the {reading.events} calendar events could be read")
    if reading.broken:
        logger.warning("{}: skipped {} unreadable calendar events", source, reading.broken)
    owner = calendar_owner(reading.calendar_name, reading.meetings)
    for meeting in reading.meetings:
        yield from acquaintances(meeting, owner, source)
    attended = tuple(
        Event(name=m.summary, starts_at=m.starts_at, ends_at=m.ends_at, attended=True)
        for m in reading.meetings
        if m.summary and _attended(m, owner)
    )
    yield Snapshot(kind="calendar-events", items=attended, source=source)


def _encoding(path: Path) -> str:
    with path.open("rb") as probe:
        head = probe.read(2)
    return "utf-16" if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else "utf-8-sig"


class IcsSource:
    """Calendars exported as ``.ics`` (iCalendar)."""

    name = "ics"

    def sniff(self, name: str, head: bytes) -> bool:
        return looks_like_calendar(head)

    def read(self, path: Path, limits: LimitsSettings) -> Iterator[Record]:
        try:
            with path.open(encoding=_encoding(path), errors="replace", newline="") as handle:
                # Capped reads: a file without line breaks cannot be loaded whole.
                lines = iter(functools.partial(handle.readline, limits.max_field_bytes), "")
                yield from read_calendar(lines, path.name, limits.max_field_bytes)
        except OSError as error:
            raise SourceError(f"cannot read the file: {error.strerror}") from None


SOURCE = IcsSource()
