"""Names read from e-mail addresses, for calendar guests without a CN."""

from __future__ import annotations

from pathlib import Path

import pytest

from watcher.config.settings import LimitsSettings
from watcher.models import Acquaintance, HistoryKind
from watcher.sources.addresses import name_from_address
from watcher.sources.calendar import SOURCE


@pytest.mark.parametrize(
    ("email", "name"),
    [
        ("jonas.weber@stadtwerke.example", "Jonas Weber"),
        ("anne-marie_dupont@example.fr", "Anne-Marie Dupont"),
        ("maria.lopez+cal@example.com", "Maria Lopez"),
        ("jo@example.com", ""),
        ("j.smith@example.com", ""),
        ("no.reply@example.com", ""),
        ("team.berlin@example.de", ""),
        ("c_1889abc@resource.calendar.google.com", ""),
    ],
)
def test_name_from_address_reads_first_and_last_name(email: str, name: str) -> None:
    assert name_from_address(email) == name


def test_calendar_attendee_without_cn_is_named_by_the_address(tmp_path: Path) -> None:
    path = tmp_path / "calendar.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Cal//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:1@example.de\r\nDTSTART:20260210T090000Z\r\n"
        b"DTEND:20260210T093000Z\r\n"
        b"ATTENDEE;PARTSTAT=ACCEPTED:mailto:jonas.weber@stadtwerke.example\r\n"
        b"SUMMARY:Abstimmung\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    met = [
        r.name
        for r in SOURCE.read(path, LimitsSettings())
        if isinstance(r, Acquaintance) and r.kind is HistoryKind.CALENDAR
    ]
    assert met == ["Jonas Weber"]
