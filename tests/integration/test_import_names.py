"""People the user would recognise, end to end through import: a calendar guest known only by
address, a nickname in the address book, a name in styled letters (issue 15)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.integration.test_import_evaluation import entry, names_to, show, write
from tests.support.exports import invitations_json

CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Cal//EN\r\n"
    b"X-WR-CALNAME:katharina.brandt@example.de\r\n"
    b"BEGIN:VEVENT\r\nUID:sync-1@example.de\r\n"
    b"DTSTART:20260210T090000Z\r\nDTEND:20260210T093000Z\r\n"
    b"ORGANIZER;CN=Katharina Brandt:mailto:katharina.brandt@example.de\r\n"
    b"ATTENDEE;PARTSTAT=ACCEPTED:mailto:jonas.weber@stadtwerke.example\r\n"
    b"ATTENDEE;PARTSTAT=ACCEPTED;CN=Katharina Brandt:mailto:katharina.brandt@example.de\r\n"
    b"SUMMARY:Abstimmung Lastprognose\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _card(name: str, email: str) -> bytes:
    given, family = name.split()
    return (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{family};{given};;;\r\n"
        f"EMAIL;TYPE=INTERNET:{email}\r\nEND:VCARD\r\n"
    ).encode()


def _rules(cli: Any, name: str) -> set[str]:
    shown = show(cli, names_to(cli)[name]["id"])
    return {finding["rule"] for finding in shown["reasons"]}


def test_import_calendar_guest_known_by_address_only_is_the_inviter(
    cli: Any, tmp_path: Path
) -> None:
    cli("import", write(tmp_path, "inv.json", invitations_json([entry("Jonas Weber")])))
    assert cli("import", write(tmp_path, "calendar.ics", CALENDAR)).code == 0
    assert "history.calendar" in _rules(cli, "Jonas Weber")
    assert names_to(cli)["Jonas Weber"]["verdict"] == "accept"


def test_import_nickname_in_the_address_book_is_the_inviter(cli: Any, tmp_path: Path) -> None:
    people = [entry("Daniela Romero"), entry("Robert Klein"), entry("Katherine Moss")]
    cli("import", write(tmp_path, "inv.json", invitations_json(people)))
    cards = b"".join(
        _card(name, email)
        for name, email in [
            ("Dani Romero", "dani@romero.example"),
            ("Bob Klein", "bob@klein.example"),
            ("Kate Moss", "kate@moss.example"),
        ]
    )
    assert cli("import", write(tmp_path, "contacts.vcf", cards)).code == 0
    for inviter in ("Daniela Romero", "Robert Klein", "Katherine Moss"):
        assert "history.address-book" in _rules(cli, inviter), inviter


def test_import_name_in_styled_letters_matches_its_plain_form(cli: Any, tmp_path: Path) -> None:
    styled = "𝐉𝐚𝐧𝐚 𝐍𝐨𝐯𝐚𝐤"
    cli("import", write(tmp_path, "inv.json", invitations_json([entry(styled)])))
    assert (
        cli("import", write(tmp_path, "contacts.vcf", _card("Jana Novak", "j@n.example"))).code == 0
    )
    assert "history.address-book" in _rules(cli, styled)
