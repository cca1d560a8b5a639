"""LinkedIn's tables: recognised by header, read by column name, every year's shape."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.support.exports import (
    OWNER,
    Connection,
    Invite,
    Person,
    connections_csv,
    education_csv,
    email_addresses_csv,
    endorsements_csv,
    events_csv,
    imported_contacts_csv,
    invitations_csv,
    positions_csv,
    profile_csv,
    recommendations_csv,
    search_queries_csv,
    table,
)
from watcher.config.settings import LimitsSettings
from watcher.models import (
    Acquaintance,
    ConnectionRecord,
    Direction,
    Event,
    HistoryKind,
    InvitationRecord,
    OwnerProfile,
    Position,
    ReadProgress,
    Record,
    School,
    Snapshot,
)
from watcher.sources.base import SourceError
from watcher.sources.linkedin.loose import LinkedInCsvSource, read_table, sniff_kind

YAZ = Person("Yaz M", "https://www.linkedin.com/in/yaz-m")
SAM = Person("Sam Rauf, ACCA, FMVA®", "https://www.linkedin.com/in/sam-rauf-acca-fmva®-0b69998b")
NIKO = Person("Niko Gál", "https://www.linkedin.com/in/niko-gál-b60542b9")
SENT = datetime(2024, 10, 22, 8, 38, tzinfo=UTC)


def read(data: bytes, name: str = "table.csv", **limits: int) -> list[Record]:
    """The records of a table, without its progress reports."""
    records = read_table(io.BytesIO(data), name, name, LimitsSettings(**limits))
    return [record for record in records if not isinstance(record, ReadProgress)]


def kind(data: bytes, name: str = "table.csv") -> str | None:
    found = sniff_kind(name, data)
    return None if found is None else found.name


# --------------------------------------------------------------------------------------------
# Recognition
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (invitations_csv([], variant=2022), "invitations"),
        (invitations_csv([], variant=2024), "invitations"),
        (connections_csv([], variant=2018), "connections"),
        (connections_csv([], variant=2021), "connections"),
        (connections_csv([], variant=2024), "connections"),
        (connections_csv([], excel=True), "connections"),
        (profile_csv(variant=2018), "profile"),
        (profile_csv(variant=2024), "profile"),
        (positions_csv([]), "positions"),
        (education_csv([]), "schools"),
        (events_csv([]), "events"),
        (email_addresses_csv([]), "owner-emails"),
        (imported_contacts_csv([], variant=2018), "contacts"),
        (imported_contacts_csv([], variant=2022), "contacts"),
        (imported_contacts_csv([], variant=2026), "contacts"),
        (endorsements_csv([], variant=2024), "endorsements"),
        (endorsements_csv([], variant=2022), "endorsements"),
        (endorsements_csv([], variant="2022-utf16"), "endorsements"),
        (recommendations_csv([]), "recommendations"),
        (search_queries_csv(["jo smith, mba"]), None),
        (table("First Name,Last Name,E-mail 1 - Value", []), None),
        (table("Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name", []), None),
        (b"", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None),
    ],
)
def test_sniff_kind_recognises_tables_by_header(data: bytes, expected: str | None) -> None:
    assert kind(data) == expected


def test_sniff_kind_ignores_the_name_except_for_given_recommendations() -> None:
    data = recommendations_csv([])
    assert kind(data, "whatever (1).csv") == "recommendations"
    assert kind(data, "Recommendations_Given.csv") is None


def test_linkedin_csv_source_reads_a_renamed_loose_file(tmp_path: Path) -> None:
    path = tmp_path / "Connections (1).csv"
    path.write_bytes(
        connections_csv([Connection("Ana", "Reyes", "https://www.linkedin.com/in/ana")])
    )
    source = LinkedInCsvSource()
    assert source.sniff(path.name, path.read_bytes())
    records = list(source.read(path, LimitsSettings()))
    [record] = [record for record in records if not isinstance(record, ReadProgress)]
    assert isinstance(record, ConnectionRecord)
    assert record.source == "Connections (1).csv"
    size = path.stat().st_size
    assert records[-1] == ReadProgress("Connections (1).csv", size, size)


def test_linkedin_csv_source_does_not_claim_the_right_name_with_wrong_columns() -> None:
    assert not LinkedInCsvSource().sniff("Invitations.csv", table("Name,Email", [["a", "b"]]))


def test_linkedin_csv_source_reports_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read"):
        list(LinkedInCsvSource().read(tmp_path / "gone.csv", LimitsSettings()))


# --------------------------------------------------------------------------------------------
# Invitations.csv
# --------------------------------------------------------------------------------------------


def test_read_invitations_2024_takes_the_counterpart_and_its_url() -> None:
    rows = [Invite(YAZ, SENT, "HI Eve! Let's connect!"), Invite(NIKO, SENT, direction="OUTGOING")]
    incoming, outgoing = read(invitations_csv(rows, variant=2024))
    assert isinstance(incoming, InvitationRecord) and isinstance(outgoing, InvitationRecord)
    assert incoming.counterpart.name == "Yaz M"
    assert incoming.counterpart.profile_url == "https://www.linkedin.com/in/yaz-m"
    assert incoming.direction is Direction.INCOMING
    assert incoming.sent_at == SENT
    assert incoming.message == "HI Eve! Let's connect!"
    assert incoming.pending_only is False
    assert outgoing.counterpart.profile_url == "https://www.linkedin.com/in/niko-gál-b60542b9"
    assert outgoing.direction is Direction.OUTGOING


def test_read_invitations_2022_has_names_only() -> None:
    [record] = read(invitations_csv([Invite(SAM, SENT)], variant=2022))
    assert isinstance(record, InvitationRecord)
    assert record.counterpart.name == "Sam Rauf, ACCA, FMVA®"
    assert record.counterpart.profile_url is None


def test_read_invitations_skips_rows_with_unreadable_dates_but_not_all() -> None:
    data = table(
        "From,To,Sent At,Message,Direction",
        [["A", "Eve", "someday", "", "INCOMING"], ["B", "Eve", "9/5/24, 5:14 AM", "", "INCOMING"]],
    )
    [record] = read(data)
    assert isinstance(record, InvitationRecord) and record.counterpart.name == "B"


def test_read_invitations_fails_when_no_row_has_a_date() -> None:
    data = table("From,To,Sent At,Message,Direction", [["A", "Eve", "2024.09.05", "", "INCOMING"]])
    with pytest.raises(SourceError, match=r"no row has a usable 'Sent At'.*2024\.09\.05"):
        read(data)


def test_read_invitations_of_an_empty_table_is_empty() -> None:
    assert read(invitations_csv([])) == []


# --------------------------------------------------------------------------------------------
# Connections.csv
# --------------------------------------------------------------------------------------------


def test_read_connections_2024_with_preamble_percent_encoding_and_padding_rows() -> None:
    rows = [
        Connection(
            "Réka", "Fekete", "https://www.linkedin.com/in/réka-fekete", company="Acme, Inc."
        ),
        Connection(
            "Jo", "Smith, PhD", "https://www.linkedin.com/in/jo-smith", email="jo@example.com"
        ),
    ]
    data = connections_csv(rows, variant=2024, padding_rows=3)
    assert b"r%C3%A9ka" in data and data.startswith(b"Notes:") and not data.endswith(b"\n")
    reka, jo = read(data)
    assert isinstance(reka, ConnectionRecord) and isinstance(jo, ConnectionRecord)
    assert reka.person.profile_url == "https://www.linkedin.com/in/réka-fekete"
    assert reka.company == "Acme, Inc."
    assert reka.email is None
    assert reka.connected_on == date(2024, 12, 31)
    assert jo.person.name == "Jo Smith, PhD"
    assert jo.email == "jo@example.com"


def test_read_connections_2018_with_us_dates_and_an_urn_for_email() -> None:
    data = connections_csv(
        [Connection("Ann", "Lee", email="urn:li:member:123", connected_on=date(2018, 1, 8))],
        variant=2018,
    )
    [record] = read(data)
    assert isinstance(record, ConnectionRecord)
    assert record.person.profile_url is None
    assert record.email is None
    assert record.connected_on == date(2018, 1, 8)


def test_read_connections_from_an_excel_resave() -> None:
    data = connections_csv(
        [Connection("Réka", "Fekete", connected_on=date(2022, 5, 6))], excel=True
    )
    assert b"06-May-22\r\n" in data
    [record] = read(data)
    assert isinstance(record, ConnectionRecord)
    assert record.person.name == "Réka Fekete"
    assert record.connected_on == date(2022, 5, 6)


def test_read_connections_reports_a_huge_field_naming_the_limit() -> None:
    data = connections_csv([Connection("A" * 5000, "B")], variant=2024)
    with pytest.raises(SourceError, match="max_field_bytes"):
        read(data, max_field_bytes=1000)


# --------------------------------------------------------------------------------------------
# Profile and snapshots
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", [2018, 2024])
def test_read_profile_both_headers(variant: int) -> None:
    [profile] = read(profile_csv("Eve", "Kovacs", "Data Lead", variant=variant))
    assert isinstance(profile, OwnerProfile)
    assert (profile.first_name, profile.last_name, profile.headline) == (
        "Eve",
        "Kovacs",
        "Data Lead",
    )
    assert profile.location.startswith("Stockholm")


def test_read_positions_snapshot_with_month_year_and_open_end() -> None:
    [snapshot] = read(
        positions_csv([("Acme", "Founder", "May 2016", ""), ("Beta", "Head", "2014", "Mar 2016")])
    )
    assert snapshot == Snapshot(
        kind="positions",
        items=(
            Position("Acme", "Founder", date(2016, 5, 1), None),
            Position("Beta", "Head", date(2014, 1, 1), date(2016, 3, 1)),
        ),
        source="table.csv",
    )


def test_read_schools_snapshot_skips_nameless_schools() -> None:
    [snapshot] = read(
        education_csv(
            [
                ("University of California, Berkeley", "2015", "2016", "MA"),
                ("", "2001", "2005", "B.A."),
            ]
        )
    )
    assert isinstance(snapshot, Snapshot)
    assert snapshot.items == (School("University of California, Berkeley", 2015, 2016, "MA"),)


def test_read_events_snapshot_with_ranges_and_relinquished() -> None:
    [snapshot] = read(
        events_csv(
            [
                (
                    "KTH Award",
                    "Jul 01, 2021 10:00 AM - Jul 01, 2021 10:45 AM",
                    "RELINQUISHED",
                    "https://kth.se/x",
                ),
                (
                    "Climate Meetup",
                    "Apr 11, 2024 08:00 AM - Apr 11, 2024 09:00 AM",
                    "APPROVED",
                    "meet.google.com/abc",
                ),
            ]
        )
    )
    assert isinstance(snapshot, Snapshot) and snapshot.kind == "events"
    kth, meetup = snapshot.items
    assert kth == Event(
        "KTH Award",
        datetime(2021, 7, 1, 10, tzinfo=UTC),
        datetime(2021, 7, 1, 10, 45, tzinfo=UTC),
        attended=False,
        url="https://kth.se/x",
    )
    assert isinstance(meetup, Event) and meetup.attended


def test_read_owner_emails_snapshot() -> None:
    [snapshot] = read(email_addresses_csv(["eve@acme.example", "eve@home.example"]))
    assert snapshot == Snapshot(
        "owner-emails", ("eve@acme.example", "eve@home.example"), "table.csv"
    )


# --------------------------------------------------------------------------------------------
# Contacts, endorsements, recommendations
# --------------------------------------------------------------------------------------------


def test_read_contacts_2026_skips_exact_duplicates() -> None:
    row = {
        "FirstName": "Nas",
        "LastName": "Kour",
        "Emails": "nk@org.example",
        "CreatedAt": "7/22/12, 3:13 PM",
    }
    [contact] = read(imported_contacts_csv([row, row], variant=2026))
    assert contact == Acquaintance(
        kind=HistoryKind.IMPORTED_CONTACT,
        name="Nas Kour",
        emails=("nk@org.example",),
        at=datetime(2012, 7, 22, 15, 13, tzinfo=UTC),
        source="table.csv",
    )


def test_read_contacts_2022_treats_null_as_empty_and_splits_emails() -> None:
    row = {
        "Source": "GOOGLE_CONTACTS",
        "FirstName": "Ann",
        "LastName": "Lee",
        "Emails": "a@x.example,b@y.example",
    }
    [contact] = read(imported_contacts_csv([row], variant=2022))
    assert isinstance(contact, Acquaintance)
    assert contact.name == "Ann Lee"
    assert contact.emails == ("a@x.example", "b@y.example")
    assert contact.company == "" and contact.title == ""


def test_read_contacts_2018_uses_full_name_and_profiles() -> None:
    row = {
        "First Name": "Ann",
        "Last Name": "Lee",
        "Full Name": "Ann B. Lee",
        "Email Address": "ann@x.example",
        "Profiles": "https://www.linkedin.com/in/annlee",
        "Companies": "Acme",
    }
    [contact] = read(imported_contacts_csv([row], variant=2018))
    assert isinstance(contact, Acquaintance)
    assert contact.name == "Ann B. Lee"
    assert contact.profile_url == "https://www.linkedin.com/in/annlee"
    assert contact.company == "Acme"


@pytest.mark.parametrize("variant", [2024, 2022, "2022-utf16"])
def test_read_endorsements_every_variant(variant: int | str) -> None:
    rows = [
        (
            "2019/08/04 23:44:19 UTC",
            "Community Development",
            "Arman",
            "Reza, PhD",
            "www.linkedin.com/in/armanreza",
            "ACCEPTED",
        )
    ]
    [endorsement] = read(endorsements_csv(rows, variant=variant))
    assert isinstance(endorsement, Acquaintance)
    assert endorsement.kind is HistoryKind.ENDORSEMENT
    assert endorsement.name == "Arman Reza, PhD"
    assert endorsement.detail == "Community Development"
    assert endorsement.at == datetime(2019, 8, 4, 23, 44, 19, tzinfo=UTC)
    expected_url = "https://www.linkedin.com/in/armanreza" if variant == 2024 else None
    assert endorsement.profile_url == expected_url


def test_read_endorsements_skips_redacted_rows() -> None:
    data = table(
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status,"
        "Display Status",
        [["2019/08/04 23:44:19 UTC", "SQL", "Jo", "Lee", "ACCEPTED", "Redacted"]],
    )
    assert read(data) == []


def test_read_recommendations() -> None:
    rows = [
        (
            "Sam",
            "Hwang, MSPH",
            "Independent",
            "Design Lead",
            "Great.",
            "04/15/24, 09:25 PM",
            "VISIBLE",
        )
    ]
    [recommendation] = read(recommendations_csv(rows))
    assert isinstance(recommendation, Acquaintance)
    assert recommendation.kind is HistoryKind.RECOMMENDATION
    assert recommendation.name == "Sam Hwang, MSPH"
    assert (recommendation.company, recommendation.title) == ("Independent", "Design Lead")
    assert recommendation.at == datetime(2024, 4, 15, 21, 25, tzinfo=UTC)


def test_read_table_reports_unrecognised_columns() -> None:
    with pytest.raises(SourceError, match="did the format change"):
        read(table("Name,Email", [["a", "b"]]), "Invitations.csv")


def test_read_table_owner_is_not_needed_for_outgoing_counterparts() -> None:
    [record] = read(invitations_csv([Invite(YAZ, SENT, direction="OUTGOING")], owner=OWNER))
    assert isinstance(record, InvitationRecord)
    assert record.counterpart.name == "Yaz M"
