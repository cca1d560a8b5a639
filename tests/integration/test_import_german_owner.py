"""An owner who writes in German, end to end: her archive, her address book, her calendar and a
page capture through ``invite-watcher import`` (the daemon's pipeline, a real store), her
interests configured in German with their English ``also``; the verdicts and the reasons
``show`` gives, as a careful reader would (issue 15).

Sabine Hoffmann leads user research at Bahnwerk in Leipzig, studied at the TU Dresden and went
to the Barcamp Leipzig 2026.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.exports import (
    Invite,
    Person,
    build_archive,
    education_csv,
    events_csv,
    positions_csv,
    profile_csv,
)
from tests.support.page_saves import save_bookmarklet
from tests.support.pages import CardSpec, live_page

SENT = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
CAPTURED = datetime(2026, 5, 20, 9, 0, tzinfo=UTC)

CONFIG = """\
[you]
interests = [{term = "Nutzerforschung", also = ["user research", "UX research"]}]
"""


def _person(name: str, slug: str) -> Person:
    return Person(name, f"https://www.linkedin.com/in/{slug}")


#: name -> (the invitation, the verdict a careful reader gives, the rule that must say why)
ARCHIVE_INVITES = {
    # in her address book as "Ulli": a short form of Ulrich
    "Ulrich Brandner": (
        Invite(_person("Ulrich Brandner", "ulrich-brandner"), SENT, ""),
        "accept",
        "history.address-book",
    ),
    # a guest of her calendar known by address only (no CN)
    "Henrike Albers": (
        Invite(_person("Henrike Albers", "henrike-albers"), SENT + timedelta(hours=1), ""),
        "accept",
        "history.calendar",
    ),
    # the name in styled letters; the address book has it plain
    "𝐌𝐚𝐫𝐞𝐢𝐤𝐞 𝐒𝐜𝐡𝐮𝐥𝐭𝐞": (
        Invite(_person("𝐌𝐚𝐫𝐞𝐢𝐤𝐞 𝐒𝐜𝐡𝐮𝐥𝐭𝐞", "mareike-schulte"), SENT + timedelta(hours=2), ""),
        "accept",
        "history.address-book",
    ),
    # LinkedIn's German stock text from a stranger
    "Dirk Pohl": (
        Invite(
            _person("Dirk Pohl", "dirk-pohl"),
            SENT + timedelta(hours=3),
            "Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",
        ),
        "ignore",
        "note.stock",
    ),
    # a romance scam that reads personal
    "Mark Evans": (
        Invite(
            _person("Mark Evans", "mark-evans-offshore"),
            SENT + timedelta(hours=4),
            "Hallo meine Liebe, ich habe Ihr Profil gesehen und Ihr Lächeln ist wunderschön. "
            "Ich arbeite als Ingenieur auf einer Bohrinsel und suche eine ehrliche Frau.",
        ),
        "ignore",
        "note.scam",
    ),
    # her school written short, a German note that says why and proposes a call
    "Tobias Lang": (
        Invite(
            _person("Tobias Lang", "tobias-lang"),
            SENT + timedelta(hours=5),
            "Hallo Sabine, wir kennen uns noch nicht, ich habe auch an der TU Dresden studiert "
            "und baue ein Alumni-Netzwerk für Forschende auf. Hätten Sie Zeit für ein kurzes "
            "Telefonat?",
        ),
        "accept",
        "history.same-school",
    ),
}

#: on the page capture, with headlines: the field in English, her interest in German
PAGE_CARDS = {
    "Jana Roth": (
        CardSpec(
            "Jana Roth",
            "jana-roth",
            headline="Senior UX Researcher at Kartenwerk",
            note="Wir kennen uns noch nicht. Ich leite die Nutzerforschung bei Kartenwerk "
            "und würde mich gerne über Ihre Studien austauschen, vielleicht bei einem Kaffee?",
        ),
        "accept",
        "value.field",
    ),
    # a stranger with a headline in her field and no note: worth meeting first
    "Levent Aydin": (
        CardSpec("Levent Aydin", "levent-aydin", headline="Lead User Researcher | Mobility"),
        "meet-first",
        "value.field",
    ),
    # the brand of the event she attended, without city or year
    "Pia Wendt": (
        CardSpec(
            "Pia Wendt",
            "pia-wendt",
            headline="Designerin",
            note="Ihre Session beim Barcamp über Interviews war großartig, danke! "
            "Darf ich mich vernetzen?",
        ),
        "accept",
        "history.event",
    ),
}

VCARD = """\
BEGIN:VCARD
VERSION:3.0
FN:Sven Ott
EMAIL:sven@ott.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Ulli Brandner
ORG:Stadtwerke Leipzig
EMAIL;TYPE=work:ulli.brandner@stadtwerke.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Schulte;Mareike;;;
FN:Mareike Schulte
EMAIL:mareike@schulte.example
END:VCARD
""".replace("\n", "\r\n")

CALENDAR = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Test//DE
X-WR-CALNAME:sabine.hoffmann@bahnwerk.example
BEGIN:VEVENT
UID:1@test
DTSTART:20260310T090000Z
DTEND:20260310T100000Z
SUMMARY:Interviewleitfaden abstimmen
ORGANIZER;CN=Sabine Hoffmann:mailto:sabine.hoffmann@bahnwerk.example
ATTENDEE;PARTSTAT=ACCEPTED:mailto:henrike.albers@agentur-nord.example
ATTENDEE;PARTSTAT=ACCEPTED;CN=Sabine Hoffmann:mailto:sabine.hoffmann@bahnwerk.example
END:VEVENT
BEGIN:VEVENT
UID:2@test
DTSTART:20260312T090000Z
DTEND:20260312T100000Z
SUMMARY:Synthese-Workshop
ORGANIZER;CN=Sabine Hoffmann:mailto:sabine.hoffmann@bahnwerk.example
ATTENDEE;PARTSTAT=ACCEPTED;CN=Sabine Hoffmann:mailto:sabine.hoffmann@bahnwerk.example
END:VEVENT
END:VCALENDAR
""".replace("\n", "\r\n")


@pytest.fixture
def imported(cli: Any, tmp_path: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    archive = tmp_path / "Basic_LinkedInDataExport_05-20-2026.zip"
    archive.write_bytes(
        build_archive(
            invitations=[invite for invite, _, _ in ARCHIVE_INVITES.values()],
            profile=profile_csv("Sabine", "Hoffmann", "Leiterin Nutzerforschung bei Bahnwerk"),
            extra={
                "Positions.csv": positions_csv(
                    [("Bahnwerk GmbH", "Leiterin Nutzerforschung", "Jan 2021", "")]
                ),
                "Education.csv": education_csv(
                    [("Technische Universität Dresden", "2009", "2015", "Diplom")]
                ),
                "Events.csv": events_csv(
                    [
                        (
                            "Barcamp Leipzig 2026",
                            "Apr 18, 2026 09:00 AM - Apr 18, 2026 06:00 PM",
                            "APPROVED",
                            "https://barcamp-leipzig.example",
                        )
                    ]
                ),
            },
        )
    )
    book = tmp_path / "Kontakte.vcf"
    book.write_text(VCARD, encoding="utf-8")
    calendar = tmp_path / "Kalender.ics"
    calendar.write_text(CALENDAR, encoding="utf-8")
    page = tmp_path / "invitations.html"
    cards = [card for card, _, _ in PAGE_CARDS.values()]
    page.write_bytes(save_bookmarklet(live_page(cards, era="sdui"), CAPTURED.isoformat()))
    for path in (archive, book, calendar, page):
        run = cli("--config", config, "import", path)
        assert run.code == 0, run.out + run.err
    listed = cli("--config", config, "list", "--json")
    assert listed.code == 0, listed.err
    return config, {row["name"]: row for row in listed.json()}


def _show(cli: Any, config: Path, invitation_id: int) -> dict[str, Any]:
    shown = cli("--config", config, "show", "--json", str(invitation_id))
    assert shown.code == 0, shown.err
    return shown.json()  # type: ignore[no-any-return]


def _reason(shown: dict[str, Any], rule: str) -> dict[str, Any]:
    return next(r for r in shown["reasons"] if r["rule"] == rule)


def test_german_owner_verdicts_and_the_rule_that_says_why(
    cli: Any, imported: tuple[Path, dict[str, dict[str, Any]]]
) -> None:
    config, listed = imported
    expected = {**ARCHIVE_INVITES, **PAGE_CARDS}
    assert set(listed) == set(expected)
    for name, (_, verdict, rule) in expected.items():
        shown = _show(cli, config, listed[name]["id"])
        rules = {r["rule"] for r in shown["reasons"]}
        assert (name, shown["verdict"], rule in rules) == (name, verdict, True), shown["reasons"]


def test_german_owner_evidence_names_file_line_and_why(
    cli: Any, imported: tuple[Path, dict[str, dict[str, Any]]]
) -> None:
    config, listed = imported

    def reason(name: str, rule: str) -> dict[str, Any]:
        return _reason(_show(cli, config, listed[name]["id"]), rule)

    ulli = reason("Ulrich Brandner", "history.address-book")
    assert ulli["source"] == "Kontakte.vcf line 6"
    assert "“Ulli” is a short form of “Ulrich”" in ulli["detail"]

    henrike = reason("Henrike Albers", "history.calendar")
    assert henrike["source"] == "Kalender.ics line 5"
    assert "the address henrike.albers@agentur-nord.example spells the name" in henrike["detail"]
    assert "Interviewleitfaden abstimmen" in henrike["detail"]

    assert reason("𝐌𝐚𝐫𝐞𝐢𝐤𝐞 𝐒𝐜𝐡𝐮𝐥𝐭𝐞", "history.address-book")["source"] == "Kontakte.vcf line 12"

    school = reason("Tobias Lang", "history.same-school")["detail"]
    assert "Technische Universität Dresden" in school and "written “TU Dresden”" in school

    field = reason("Levent Aydin", "value.field")["detail"]
    assert "your interest 'Nutzerforschung' (written 'user research')" in field

    event = reason("Pia Wendt", "history.event")["detail"]
    assert "Barcamp Leipzig 2026" in event and "named by its brand" in event
