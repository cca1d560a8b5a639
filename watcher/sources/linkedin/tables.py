"""Readers for the small LinkedIn tables: one function per kind, columns read by name.

Each reader takes a ``Table`` and the ``source`` label to put on its records, and yields records.
Rows that cannot be used (no name, no date where the key needs one) are skipped; a table where
every data row had to be skipped raises SourceError, because that means the format changed
under us rather than that the user has no data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from watcher.core.identity import normalise_url
from watcher.models import (
    Acquaintance,
    ConnectionRecord,
    Direction,
    Event,
    HistoryKind,
    InvitationRecord,
    OwnerProfile,
    PersonRef,
    Position,
    School,
    Snapshot,
)
from watcher.sources.base import SourceError
from watcher.sources.dates import parse_date, parse_datetime, parse_month, parse_range, parse_year
from watcher.sources.linkedin.owner import OwnerClues
from watcher.sources.linkedin.urls import profile_url
from watcher.sources.text import Table, cell

_DIRECTIONS = {"incoming": Direction.INCOMING, "outgoing": Direction.OUTGOING}
#: The cells as LinkedIn writes them, looked up before any stripping and lower-casing.
_DIRECTIONS_AS_WRITTEN = {"INCOMING": Direction.INCOMING, "OUTGOING": Direction.OUTGOING}
_MULTI_VALUE = re.compile(r"[,;\s]+")


class _Usable:
    """Counts rows seen and rows used, to tell "no data" from "nothing we could read"."""

    def __init__(self, table: Table, what: str):
        self.table, self.what = table, what
        self.seen = self.used = 0
        self.example = ""

    def skipped(self, value: str) -> None:
        self.seen += 1
        self.example = self.example or value

    def took(self) -> None:
        self.seen += 1
        self.used += 1

    def check(self) -> None:
        if self.seen and not self.used:
            shown = f" (first value: {self.example[:60]!r})" if self.example else ""
            raise SourceError(f"no row has a usable {self.what}{shown}")


def full_name(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _person(name: str, url: str) -> PersonRef:
    return PersonRef(name=name, profile_url=profile_url(url) if url else None)


# --------------------------------------------------------------------------------------------
# Invitations.csv and Connections.csv
# --------------------------------------------------------------------------------------------


def read_invitations(table: Table, source: str, clues: OwnerClues) -> Iterator[InvitationRecord]:
    """Both header shapes; the counterpart is the inviter of incoming, the invitee of outgoing.
    The other side is the owner, which ``clues`` learn (for messages.csv)."""
    pick = table.picker(
        "From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"
    )
    usable = _Usable(table, "'Sent At' date and 'Direction'")
    for row in table.rows():
        inviter, invitee, sent, message, direction_text, inviter_url, invitee_url = pick(row)
        direction = _DIRECTIONS_AS_WRITTEN.get(direction_text) or _DIRECTIONS.get(
            direction_text.strip().lower()
        )
        sent_at = parse_datetime(sent)
        if direction is None or sent_at is None:
            usable.skipped(sent.strip())
            continue
        incoming = direction is Direction.INCOMING
        usable.took()
        clues.saw_owner(
            (invitee if incoming else inviter).strip(),
            (invitee_url if incoming else inviter_url).strip(),
        )
        yield InvitationRecord(
            counterpart=_person(
                (inviter if incoming else invitee).strip(),
                (inviter_url if incoming else invitee_url).strip(),
            ),
            direction=direction,
            sent_at=sent_at,
            message=message.strip(),
            pending_only=False,
            source=source,
        )
    usable.check()


def _email(text: str) -> str | None:
    """2018 exports sometimes hold ``urn:li:member:…`` where the address should be."""
    return text if "@" in text else None


def read_connections(table: Table, source: str, clues: OwnerClues) -> Iterator[ConnectionRecord]:
    """The owner's connections: each one is someone other than the owner, ``clues`` learn."""
    pick = table.picker(
        "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"
    )
    for row in table.rows():
        first, last, url, email, company, position, connected_on = (c.strip() for c in pick(row))
        name = full_name(first, last)
        if not name and not url:  # the ",,,,,,09 Oct 2024" padding rows
            continue
        person = _person(name, url)
        clues.saw_connection(person.name, person.profile_url)
        yield ConnectionRecord(
            person=person,
            email=_email(email),
            company=company or None,
            position=position or None,
            connected_on=parse_date(connected_on),
            source=source,
        )


# --------------------------------------------------------------------------------------------
# Who the user is: Profile.csv and the snapshot tables
# --------------------------------------------------------------------------------------------


def read_profile(table: Table, source: str, clues: OwnerClues) -> Iterator[OwnerProfile]:
    """The owner's own profile: one row, whose name ``clues`` learn."""
    for record in table.records():
        first, last = record.get("first name", "").strip(), record.get("last name", "").strip()
        clues.saw_owner(full_name(first, last))
        yield OwnerProfile(
            first_name=first,
            last_name=last,
            headline=record.get("headline", "").strip(),
            summary=record.get("summary", "").strip(),
            industry=record.get("industry", "").strip(),
            location=(record.get("geo location") or record.get("country") or "").strip(),
            source=source,
        )
        return


def read_positions(table: Table, source: str) -> Iterator[Snapshot]:
    c_company, c_title = table.column("Company Name"), table.column("Title")
    c_start, c_end = table.column("Started On"), table.column("Finished On")
    items = tuple(
        Position(
            company=cell(row, c_company),
            title=cell(row, c_title),
            started=parse_month(cell(row, c_start)),
            finished=parse_month(cell(row, c_end)),
        )
        for row in table.rows()
        if cell(row, c_company) or cell(row, c_title)
    )
    yield Snapshot(kind="positions", items=items, source=source)


def read_schools(table: Table, source: str) -> Iterator[Snapshot]:
    c_name, c_degree = table.column("School Name"), table.column("Degree Name")
    c_start, c_end = table.column("Start Date"), table.column("End Date")
    items = tuple(
        School(
            name=cell(row, c_name),
            start_year=parse_year(cell(row, c_start)),
            end_year=parse_year(cell(row, c_end)),
            degree=cell(row, c_degree),
        )
        for row in table.rows()
        if cell(row, c_name)  # a degree without a school says nothing we can match
    )
    yield Snapshot(kind="schools", items=items, source=source)


def _event(name: str, when: str, status: str, url: str) -> Event:
    starts_at, ends_at = parse_range(when)
    return Event(
        name=name,
        starts_at=starts_at,
        ends_at=ends_at,
        attended=status.upper() != "RELINQUISHED",
        url=url,
    )


def read_events(table: Table, source: str) -> Iterator[Snapshot]:
    c_name, c_time = table.column("Event Name"), table.column("Event Time")
    c_status, c_url = table.column("Status"), table.column("External Url")
    items = tuple(
        _event(cell(row, c_name), cell(row, c_time), cell(row, c_status), cell(row, c_url))
        for row in table.rows()
        if cell(row, c_name)
    )
    yield Snapshot(kind="events", items=items, source=source)


def read_owner_emails(table: Table, source: str) -> Iterator[Snapshot]:
    c_email = table.column("Email Address")
    emails = tuple(dict.fromkeys(e for row in table.rows() if "@" in (e := cell(row, c_email))))
    yield Snapshot(kind="owner-emails", items=emails, source=source)


# --------------------------------------------------------------------------------------------
# Traces of knowing someone: imported contacts, endorsements, recommendations
# --------------------------------------------------------------------------------------------


def _value(text: str) -> str:
    """Contacts.csv (2022) writes the literal text ``null`` in empty cells."""
    text = text.strip()
    return "" if text.lower() == "null" else text


def _profile_url(*cells: str) -> str | None:
    for text in cells:
        for part in _MULTI_VALUE.split(text):
            url = normalise_url(part) if "linkedin" in part.lower() else None
            if url:
                return url
    return None


def _first(record: dict[str, str], *keys: str) -> str:
    """The first non-empty value among ``keys``: the contact shapes name columns differently."""
    return next((value for key in keys if (value := _value(record.get(key, "")))), "")


def _contact(record: dict[str, str], source: str) -> Acquaintance | None:
    def get(*keys: str) -> str:
        return _first(record, *keys)

    name = get("full name", "fullname") or full_name(
        get("first name", "firstname"), get("middlename"), get("last name", "lastname")
    )
    emails = tuple(
        dict.fromkeys(p for p in _MULTI_VALUE.split(get("emails", "email address")) if "@" in p)
    )
    if not name and not emails:
        return None
    return Acquaintance(
        kind=HistoryKind.IMPORTED_CONTACT,
        name=name or emails[0],
        profile_url=_profile_url(get("profiles"), get("sites")),
        emails=emails,
        company=get("companies", "company"),
        title=get("title"),
        at=parse_datetime(get("created at", "createdat")),
        source=source,
    )


def read_imported_contacts(table: Table, source: str) -> Iterator[Acquaintance]:
    """All three shapes (2018, 2022, 2026); exact duplicate rows are read once."""
    seen: set[tuple[str, ...]] = set()
    for record in table.records():
        fingerprint = tuple(record.values())
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        contact = _contact(record, source)
        if contact is not None:
            yield contact


def read_endorsements(table: Table, source: str) -> Iterator[Acquaintance]:
    """With or without the URL column; ``Redacted`` rows (the 2022 UTF-16 twin) are skipped."""
    c_first, c_last = table.column("Endorser First Name"), table.column("Endorser Last Name")
    c_url, c_skill = table.column("Endorser Public Url"), table.column("Skill Name")
    c_date, c_display = table.column("Endorsement Date"), table.column("Display Status")
    seen: set[tuple[str, ...]] = set()
    for row in table.rows():
        name = full_name(cell(row, c_first), cell(row, c_last))
        if not name or cell(row, c_display).lower() == "redacted" or tuple(row) in seen:
            continue
        seen.add(tuple(row))
        yield Acquaintance(
            kind=HistoryKind.ENDORSEMENT,
            name=name,
            profile_url=normalise_url(cell(row, c_url)),
            at=parse_datetime(cell(row, c_date)),
            detail=cell(row, c_skill),
            source=source,
        )


def read_recommendations(table: Table, source: str) -> Iterator[Acquaintance]:
    c_first, c_last = table.column("First Name"), table.column("Last Name")
    c_company, c_title = table.column("Company"), table.column("Job Title")
    c_date = table.column("Creation Date")
    seen: set[tuple[str, ...]] = set()
    for row in table.rows():
        name = full_name(cell(row, c_first), cell(row, c_last))
        if not name or tuple(row) in seen:
            continue
        seen.add(tuple(row))
        at: datetime | None = parse_datetime(cell(row, c_date))
        yield Acquaintance(
            kind=HistoryKind.RECOMMENDATION,
            name=name,
            company=cell(row, c_company),
            title=cell(row, c_title),
            at=at,
            detail="recommended you",
            source=source,
        )
