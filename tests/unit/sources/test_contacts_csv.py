from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import history_files as files
from watcher.config.settings import LimitsSettings
from watcher.models import Acquaintance, HistoryKind
from watcher.sources import contacts_csv
from watcher.sources.base import SourceError
from watcher.sources.contacts_csv import SOURCE
from watcher.sources.registry import recognise

MARIA_GOOGLE = {
    "First Name": "María",
    "Middle Name": "José",
    "Last Name": "López",
    "Organization Name": "Acme, Inc.",
    "Organization Title": "Data Scientist",
    "Notes": "Met at PyCon.\nIntroduced by Jo;\nfollow up, maybe",
    "Labels": "* myContacts ::: * coworkers",
    "E-mail 1 - Label": "* Home",
    "E-mail 1 - Value": "maria@example.com ::: Maria.Lopez@Acme.example",
    "E-mail 2 - Label": "Work",
    "E-mail 2 - Value": "mlopez@acme.example",
    "Website 1 - Label": "Profile",
    "Website 1 - Value": "linkedin.com/in/maria-lopez-5635a017/",
}
PHONE_ONLY = {"Phone 1 - Label": "Mobile", "Phone 1 - Value": "+1 555 0100"}


def _read(tmp_path: Path, data: bytes) -> list[Acquaintance]:
    path = tmp_path / "contacts.csv"
    path.write_bytes(data)
    records = list(SOURCE.read(path, LimitsSettings()))
    assert all(isinstance(record, Acquaintance) for record in records)
    return [record for record in records if isinstance(record, Acquaintance)]


@pytest.mark.parametrize(
    "data",
    [
        files.google_csv([MARIA_GOOGLE], bom=True),
        files.google_legacy_csv([{"Name": "Jo Smith"}]),
        files.outlook_csv([{"First Name": "Jo"}]),
        files.outlook_com_csv([{"First Name": "Jo"}]),
        files.outlook_csv([{"First Name": "Jo"}], delimiter=";", encoding="cp1252"),
    ],
)
def test_contacts_csv_sniff_recognises_google_and_outlook_headers(data: bytes) -> None:
    assert SOURCE.sniff("export.csv", data[:65536])
    assert recognise("export.csv", data[:65536]) is SOURCE


@pytest.mark.parametrize(
    "data",
    [
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n",  # LinkedIn
        b"Name,Amount\r\nx,1\r\n",
        b"",
        b"\x00\x01\x02binary",
    ],
)
def test_contacts_csv_sniff_rejects_other_tables(data: bytes) -> None:
    assert not SOURCE.sniff("contacts.csv", data)


def test_contacts_csv_read_google_current_format(tmp_path: Path) -> None:
    [maria] = _read(tmp_path, files.google_csv([MARIA_GOOGLE, PHONE_ONLY], bom=True))

    assert maria.kind is HistoryKind.ADDRESS_BOOK
    assert maria.name == "María José López"
    assert maria.emails == ("maria@example.com", "maria.lopez@acme.example", "mlopez@acme.example")
    assert maria.company == "Acme, Inc."
    assert maria.title == "Data Scientist"
    assert maria.profile_url == "https://www.linkedin.com/in/maria-lopez-5635a017"
    assert maria.source == "contacts.csv line 2"  # the row's first line: where to look


def test_contacts_csv_read_google_legacy_format(tmp_path: Path) -> None:
    rows = [
        {
            "Name": "Jo  Smith",
            "Given Name": "Jo",
            "Family Name": "Smith",
            "Group Membership": "* myContacts",
            "E-mail 1 - Type": "* Other",
            "E-mail 1 - Value": "jo@example.com",
            "Organization 1 - Name": "Beta",
            "Organization 1 - Title": "Engineer",
        },
        {"Given Name": "Ann", "Family Name": "Lee", "E-mail 1 - Value": "ann@example.com"},
    ]

    jo, ann = _read(tmp_path, files.google_legacy_csv(rows))

    assert (jo.name, jo.emails, jo.company, jo.title) == (
        "Jo Smith",
        ("jo@example.com",),
        "Beta",
        "Engineer",
    )
    assert ann.name == "Ann Lee"  # no Name column value: built from the parts


def test_contacts_csv_read_outlook_desktop(tmp_path: Path) -> None:
    rows = [
        {
            "First Name": "Jürgen",
            "Last Name": "Müller",
            "E-mail Address": "juergen@baeckerei.example",
            "E-mail 2 Address": "jm@home.example",
            "Company": "Bäckerei Müller",
            "Job Title": "Bäckermeister",
            "Web Page": "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller",
            "Notes": 'He said "hi"\r\nTwice',
        }
    ]

    [jurgen] = _read(tmp_path, files.outlook_csv(rows))

    assert jurgen.name == "Jürgen Müller"
    assert jurgen.emails == ("juergen@baeckerei.example", "jm@home.example")
    assert (jurgen.company, jurgen.title) == ("Bäckerei Müller", "Bäckermeister")
    assert jurgen.profile_url == "https://www.linkedin.com/in/jürgen-müller"


def test_contacts_csv_read_excel_resave_cp1252_semicolons(tmp_path: Path) -> None:
    rows = [{"First Name": "Réka", "Last Name": "Fekete", "E-mail Address": "reka@example.com"}]
    data = files.outlook_csv(rows, delimiter=";", encoding="cp1252")

    [reka] = _read(tmp_path, data)

    assert reka.name == "Réka Fekete"
    assert reka.emails == ("reka@example.com",)


def test_contacts_csv_read_outlook_com(tmp_path: Path) -> None:
    rows = [{"First Name": "Kate", "Last Name": "Bell", "E-mail Address": "kate@mac.com"}]

    [kate] = _read(tmp_path, files.outlook_com_csv(rows, newline="\n"))

    assert (kate.name, kate.emails) == ("Kate Bell", ("kate@mac.com",))


def test_contacts_csv_read_a_bug_in_our_conversion_is_not_the_files_fault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_emails(row: dict[str, str]) -> tuple[str, ...]:
        raise RuntimeError("bug")

    monkeypatch.setattr(contacts_csv, "_emails", broken_emails)

    with pytest.raises(RuntimeError, match="bug"):
        _read(tmp_path, files.google_csv([MARIA_GOOGLE]))


def test_contacts_csv_read_field_over_limit_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(files.google_csv([{**MARIA_GOOGLE, "Notes": "x" * 5000}]))

    with pytest.raises(SourceError, match="longer than"):
        list(SOURCE.read(path, LimitsSettings(max_field_bytes=1000)))


def test_contacts_csv_read_unrelated_table_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(b"Name,Amount\r\nx,1\r\n")

    with pytest.raises(SourceError, match="not a Google or Outlook contacts header"):
        list(SOURCE.read(path, LimitsSettings()))


def test_contacts_csv_read_names_the_line_each_row_starts_on(tmp_path: Path) -> None:
    jo = {"First Name": "Jo", "Last Name": "Park", "E-mail 1 - Value": "jo@park.example"}
    maria, second = _read(tmp_path, files.google_csv([MARIA_GOOGLE, jo]))

    # Maria's notes take three lines (2-4): Jo's row starts on line 5
    assert (maria.source, second.source) == ("contacts.csv line 2", "contacts.csv line 5")
