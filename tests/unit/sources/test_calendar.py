from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support import history_files as files
from watcher.config.settings import LimitsSettings
from watcher.models import Acquaintance, Event, HistoryKind, Record, Snapshot
from watcher.sources import calendar
from watcher.sources.base import SourceError
from watcher.sources.calendar import (
    SOURCE,
    Guest,
    Meeting,
    as_utc,
    calendar_owner,
    looks_like_calendar,
    read_calendar,
)
from watcher.sources.registry import recognise


def _records(tmp_path: Path, data: bytes, limits: LimitsSettings | None = None) -> list[Record]:
    path = tmp_path / "calendar.ics"
    path.write_bytes(data)
    return list(SOURCE.read(path, limits or LimitsSettings()))


def _met(records: list[Record]) -> list[tuple[str, str, str]]:
    return [
        (r.emails[0], r.name, r.detail)
        for r in records
        if isinstance(r, Acquaintance) and r.kind is HistoryKind.CALENDAR
    ]


def _events(records: list[Record]) -> list[Event]:
    [snapshot] = [r for r in records if isinstance(r, Snapshot)]
    assert snapshot.kind == "calendar-events"
    return [item for item in snapshot.items if isinstance(item, Event)]


@pytest.mark.parametrize("data", [files.GOOGLE_ICS, files.OUTLOOK_ICS, files.APPLE_ICS])
def test_ics_sniff_recognises_every_writer(data: bytes) -> None:
    assert SOURCE.sniff("export", data[:65536])
    assert recognise("export.ics", data[:65536]) is SOURCE


@pytest.mark.parametrize(
    "head", [b"", b"BEGIN:VCARD\r\n", b"Subject,Start Date\r\n", b"PK\x03\x04\x14\x00"]
)
def test_ics_sniff_rejects_other_content(head: bytes) -> None:
    assert not looks_like_calendar(head)


def test_ics_read_google_keeps_accepted_and_tentative_people(tmp_path: Path) -> None:
    records = _records(tmp_path, files.GOOGLE_ICS)

    # declined, unanswered, rooms, the owner, the all-hands and the cancelled dinner are left out
    assert _met(records) == [
        ("maria.lopez@example.com", "Maria Lopez", "Coffee with Maria"),
        ("jo@example.com", "", "Coffee with Maria"),  # CN was the address itself
    ]
    maria = records[0]
    assert isinstance(maria, Acquaintance)
    assert maria.at == datetime(2024, 3, 11, 13, 0, tzinfo=UTC)
    assert maria.source == "calendar.ics line 8"  # its BEGIN:VEVENT: where to look


def test_ics_read_google_snapshot_lists_attended_events(tmp_path: Path) -> None:
    events = _events(_records(tmp_path, files.GOOGLE_ICS))

    assert [e.name for e in events] == ["Coffee with Maria", "All hands", "PyCon US 2024"]
    pycon = events[2]
    assert pycon.starts_at == datetime(2024, 5, 22, tzinfo=UTC)  # all-day date
    assert pycon.ends_at == datetime(2024, 5, 25, tzinfo=UTC)
    assert all(e.attended for e in events)


def test_ics_read_outlook_windows_time_zone_and_nomail(tmp_path: Path) -> None:
    records = _records(tmp_path, files.OUTLOOK_ICS)

    assert _met(records) == [
        ("maria.lopez@example.com", "Lopez, Maria", "Projekt Kick-off"),
        ("hans.meier@firma.example", "Hans Meier", "Projekt Kick-off"),  # MAILTO: upper case
        ("hans.meier@firma.example", "Hans Meier", "Review"),
    ]
    kickoff = records[0]
    assert isinstance(kickoff, Acquaintance)
    # 10:00 W. Europe Standard Time in July is 08:00 UTC
    assert kickoff.at == datetime(2024, 7, 15, 8, 0, tzinfo=UTC)
    follow_up = _events(records)[2]
    assert follow_up.ends_at == datetime(2024, 8, 1, 7, 30, tzinfo=UTC)  # from DURATION


def test_ics_read_apple_addresses_from_email_parameter(tmp_path: Path) -> None:
    records = _records(tmp_path, files.APPLE_ICS)

    # user01 owns the calendar; the projector is a resource; user03 declined
    assert _met(records) == [("user02@example.com", "User 02", "Standup")]
    standup = _events(records)[0]
    assert standup.starts_at == datetime(2024, 6, 1, 9, 30, tzinfo=UTC)  # floating time


def test_ics_read_skips_events_the_owner_declined(tmp_path: Path) -> None:
    declined = files.GOOGLE_ICS.replace(
        b"PARTSTAT=ACCEPTED;RSVP=TRUE\r\n ;CN=eve.kovacs@gmail.com",
        b"PARTSTAT=DECLINED;RSVP=TRUE\r\n ;CN=eve.kovacs@gmail.com",
    )
    assert declined != files.GOOGLE_ICS

    records = _records(tmp_path, declined)

    assert _met(records) == []
    assert "Coffee with Maria" not in [e.name for e in _events(records)]


def test_ics_read_skips_unreadable_event_and_keeps_the_rest(tmp_path: Path) -> None:
    bad = b"BEGIN:VEVENT\r\nDTSTART:2024031\r\nSUMMARY:Bad\r\nEND:VEVENT\r\n"
    data = files.APPLE_ICS.replace(b"BEGIN:VEVENT", bad + b"BEGIN:VEVENT", 1)

    records = _records(tmp_path, data)

    assert _met(records) == [("user02@example.com", "User 02", "Standup")]


@pytest.mark.parametrize(
    "bad",
    [
        # A time that exists in its zone but not in UTC (year 1 east of UTC) …
        b"BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:00010101T000000\r\nSUMMARY:Old\r\n",
        # … or an end past year 9999.
        b"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:99991231\r\nDURATION:P2D\r\nSUMMARY:Late\r\n",
        # An event closed by END:VTIMEZONE with a doubled TZID: icalendar's zone cache raises
        # AttributeError on it, which is still the file's fault.
        b"BEGIN:VEVENT\r\nDTSTART:20240101T100000Z\r\nTZID:A\r\nTZID:B\r\nEND:VTIMEZONE\r\n",
    ],
)
def test_ics_read_skips_event_the_libraries_cannot_take(tmp_path: Path, bad: bytes) -> None:
    if not bad.endswith(b"END:VTIMEZONE\r\n"):
        bad += b"END:VEVENT\r\n"
    data = files.APPLE_ICS.replace(b"BEGIN:VEVENT", bad + b"BEGIN:VEVENT", 1)

    records = _records(tmp_path, data)

    assert _met(records) == [("user02@example.com", "User 02", "Standup")]
    assert [e.name for e in _events(records)] == ["Standup", "WWDC", "Lunch"]


@pytest.mark.parametrize("error", [RuntimeError("bug"), ValueError("bug"), KeyError("bug")])
def test_ics_read_a_bug_in_our_conversion_is_not_a_broken_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    # An error of our own code must surface as a bug, not be counted against the user's file
    # as "unreadable events" (nor, when every event hits it, blamed on the file).
    def broken_guest(prop: object) -> Guest:
        raise error

    monkeypatch.setattr(calendar, "_guest", broken_guest)

    with pytest.raises(type(error), match="bug"):
        _records(tmp_path, files.APPLE_ICS)


def test_ics_read_repeated_single_properties_take_the_first(tmp_path: Path) -> None:
    event = (
        b"BEGIN:VEVENT\r\nDTSTART:20240105T100000Z\r\nDTSTART:20240106T100000Z\r\n"
        b"SUMMARY:Coffee\r\nSUMMARY:Coffee again\r\nEND:VEVENT\r\n"
    )
    data = files.APPLE_ICS.replace(b"BEGIN:VEVENT", event + b"BEGIN:VEVENT", 1)

    [coffee, *_] = _events(_records(tmp_path, data))

    assert (coffee.name, coffee.starts_at) == ("Coffee", datetime(2024, 1, 5, 10, 0, tzinfo=UTC))


def test_ics_read_skips_event_bigger_than_the_field_limit(tmp_path: Path) -> None:
    huge = b"BEGIN:VEVENT\r\nDTSTART:20240101T100000Z\r\nSUMMARY:Huge\r\nDESCRIPTION:"
    huge += b"x" * 5000 + b"\r\nEND:VEVENT\r\n"
    data = files.APPLE_ICS.replace(b"BEGIN:VEVENT", huge + b"BEGIN:VEVENT", 1)

    records = _records(tmp_path, data, LimitsSettings(max_field_bytes=2000))

    assert "Huge" not in [e.name for e in _events(records)]
    assert _met(records) == [("user02@example.com", "User 02", "Standup")]


def test_ics_read_every_event_broken_is_a_source_error(tmp_path: Path) -> None:
    data = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:No start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

    with pytest.raises(SourceError, match="none of the 1 calendar events"):
        _records(tmp_path, data)


def test_ics_read_empty_calendar_yields_empty_snapshot(tmp_path: Path) -> None:
    records = _records(tmp_path, b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")

    assert records == [Snapshot(kind="calendar-events", items=(), source="calendar.ics")]


def test_ics_read_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read"):
        list(SOURCE.read(tmp_path / "gone.ics", LimitsSettings()))


def test_as_utc_converts_every_time_shape() -> None:
    berlin = datetime(2024, 1, 10, 14, 0, tzinfo=ZoneInfo("Europe/Berlin"))

    assert as_utc(berlin) == datetime(2024, 1, 10, 13, 0, tzinfo=UTC)
    assert as_utc(datetime(2024, 1, 10, 14, 0)) == datetime(2024, 1, 10, 14, 0, tzinfo=UTC)
    assert as_utc(date(2024, 1, 10)) == datetime(2024, 1, 10, tzinfo=UTC)
    assert as_utc("20240110") is None


def _meeting(*emails: str, organizer: str = "") -> Meeting:
    guests = tuple(Guest(name="", email=e, accepted=True, resource=False) for e in emails)
    return Meeting("m", None, None, cancelled=False, organizer=organizer, guests=guests)


def test_calendar_owner_from_google_calendar_name() -> None:
    assert calendar_owner("Eve@Example.com", []) == "eve@example.com"


def test_calendar_owner_is_the_person_in_most_meetings() -> None:
    meetings = [_meeting("me@x.org", "a@x.org"), _meeting("b@x.org", organizer="me@x.org")]

    assert calendar_owner("Work", meetings) == "me@x.org"


def test_calendar_owner_unknown_when_tied_or_rare() -> None:
    assert calendar_owner("", [_meeting("a@x.org", "b@x.org")] * 2) == ""
    assert calendar_owner("", [_meeting("a@x.org")]) == ""


_ICS_LINES = st.sampled_from(
    [
        "BEGIN:VEVENT",
        "END:VEVENT",
        "BEGIN:VTIMEZONE",
        "END:VTIMEZONE",
        "TZID:W. Europe Standard Time",
        "DTSTART;TZID=W. Europe Standard Time:20240715T100000",
        "DTSTART:2024",
        "DTEND;VALUE=DATE:20240716",
        "DURATION:PT1H",
        "SUMMARY:Coffee",
        "ATTENDEE;PARTSTAT=ACCEPTED;CN=Jo:mailto:jo@example.com",
        'ATTENDEE;CN="a@b.c, d@e.f":invalid:nomail',
        "ORGANIZER;EMAIL=o@example.com:urn:uuid:1",
        " continued",
    ]
)


@given(st.lists(st.one_of(_ICS_LINES, st.text(max_size=30)), max_size=30))
def test_read_calendar_raises_only_source_errors(lines: list[str]) -> None:
    text = ["BEGIN:VCALENDAR\r\n", *(f"{line}\r\n" for line in lines), "END:VCALENDAR\r\n"]
    try:
        records = list(read_calendar(text, "x.ics", 10_000))
    except SourceError:
        return
    assert isinstance(records[-1], Snapshot)
