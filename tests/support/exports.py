"""Realistic LinkedIn export files, built in memory (reference/export-formats.md §1).

People and rows are small dataclasses; each ``*_csv`` function renders one table as LinkedIn
wrote it in a given year, quirks included, and returns its bytes::

    from tests.support.exports import OWNER, Person, Invite, Connection, Msg, build_archive

    yaz = Person("Yaz M", "https://www.linkedin.com/in/yaz-m")
    data = build_archive(
        invitations=[Invite(yaz, datetime(2024, 10, 22, 8, 38, tzinfo=UTC), "Let's connect!")],
        connections=[Connection("Ana", "Reyes", "https://www.linkedin.com/in/ana-reyes")],
        messages=[Msg(yaz, (OWNER,), datetime(2024, 12, 1, 9, tzinfo=UTC), "hello")],
        year=2024,
    )  # -> ZIP bytes; write them anywhere, under any name

Tables and their variants:

* ``invitations_csv(rows, variant=2024 | 2022)`` — 2024 adds the two profile URL columns.
* ``connections_csv(rows, variant=2024 | 2021 | 2018, excel=False, padding_rows=0)`` — the
  ``Notes:`` preamble from 2021, URLs (percent-encoded) from 2024, no final newline from 2021,
  US dates in 2018; ``excel=True`` is a Windows-1252 CRLF re-save with ``06-May-22`` dates and
  no preamble.
* ``messages_csv(rows, variant="2018" | "2020" | "2022" | "2023" | "2024-12" | "2025-01" |
  "2026-04", url_separator=",")`` — each year's header; 2026 quotes every field.
* ``profile_csv``, ``positions_csv``, ``education_csv``, ``events_csv``,
  ``email_addresses_csv``, ``imported_contacts_csv(variant=2018 | 2022 | 2026)``,
  ``endorsements_csv(variant=2024 | 2022 | "2022-utf16")``, ``recommendations_csv``.
* ``table(header, rows, newline="\\n", bom=False, quote_all=False, final_newline=True,
  encoding="utf-8")`` and ``utf16_table(header, rows)`` for anything else.
* ``build_archive(..., year=2024, extra={"Folder/Name.csv": b"..."}, folder="")`` -> ZIP bytes
  with the tables of that year (``folder`` nests every member, e.g. ``"Complete_…/"``).
* ``invitations_json(entries)`` -> the project's own JSON format.
* ``write_big_archive(path, invitations=50_000, connections=30_000, messages=1_000_000)`` writes
  a benchmark archive row by row, never holding it in memory.
"""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)


@dataclass(frozen=True)
class Person:
    name: str
    url: str | None = None


OWNER = Person("Eve Kovacs", "https://www.linkedin.com/in/eve-kovacs")


@dataclass(frozen=True)
class Invite:
    person: Person  # the other party: inviter of incoming, invitee of outgoing
    sent_at: datetime
    message: str = ""
    direction: str = "INCOMING"


@dataclass(frozen=True)
class Connection:
    first: str
    last: str
    url: str | None = None
    email: str = ""
    company: str = ""
    position: str = ""
    connected_on: date = date(2024, 12, 31)


@dataclass(frozen=True)
class Msg:
    sender: Person
    recipients: tuple[Person, ...]
    at: datetime
    content: str = "hello"
    title: str = ""
    draft: bool = False
    conversation: str = "2-Mjk2YTdhYWYtMmM3Zi00ZWEyLWE5NGUtNjBlMGZhY2RlYmE5XzAxMg=="


# --------------------------------------------------------------------------------------------
# Date shapes (§1.8)
# --------------------------------------------------------------------------------------------


def us_datetime(value: datetime, *, padded: bool = False) -> str:
    """``9/25/26, 8:52 AM`` (Invitations, 2018 files) or ``04/15/24, 09:25 PM`` (padded)."""
    hour = value.hour % 12 or 12
    meridiem = "AM" if value.hour < 12 else "PM"
    if padded:
        day = f"{value.month:02d}/{value.day:02d}/{value.year % 100:02d}"
        return f"{day}, {hour:02d}:{value.minute:02d} {meridiem}"
    return f"{value.month}/{value.day}/{value.year % 100:02d}, {hour}:{value.minute:02d} {meridiem}"


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def day_month_year(value: date) -> str:
    """``22 Jan 2026`` (Connections from 2021)."""
    return f"{value.day:02d} {_MONTHS[value.month - 1]} {value.year}"


def excel_date(value: date) -> str:
    """``06-May-22`` (an Excel re-save)."""
    return f"{value.day:02d}-{_MONTHS[value.month - 1]}-{value.year % 100:02d}"


def utc_text(value: datetime, *, sep: str = "-") -> str:
    """``2023-06-11 15:33:58 UTC`` (messages) or with ``sep="/"`` (Endorsements)."""
    return value.astimezone(UTC).strftime(f"%Y{sep}%m{sep}%d %H:%M:%S UTC")


# --------------------------------------------------------------------------------------------
# Generic tables
# --------------------------------------------------------------------------------------------


def table(
    header: Sequence[str] | str,
    rows: Iterable[Sequence[str]],
    *,
    newline: str = "\n",
    bom: bool = False,
    quote_all: bool = False,
    final_newline: bool = True,
    encoding: str = "utf-8",
    delimiter: str = ",",
    preamble: str = "",
) -> bytes:
    """One CSV file as bytes; ``header`` may be a comma-joined string."""
    columns = header.split(",") if isinstance(header, str) else list(header)
    out = io.StringIO(newline="")
    out.write(preamble.replace("\n", newline))
    writer = csv.writer(
        out,
        lineterminator=newline,
        delimiter=delimiter,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerow(columns)
    writer.writerows(rows)
    text = out.getvalue()
    if not final_newline:
        text = text.removesuffix(newline)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def utf16_table(header: Sequence[str] | str, rows: Iterable[Sequence[str]]) -> bytes:
    """LinkedIn's UTF-16LE files: BOM, tab-separated, every field quoted, CRLF."""
    text = table(header, rows, newline="\r\n", quote_all=True, delimiter="\t").decode()
    return b"\xff\xfe" + text.encode("utf-16-le")


# --------------------------------------------------------------------------------------------
# Invitations, Connections, messages
# --------------------------------------------------------------------------------------------


def invitations_csv(
    rows: Iterable[Invite], *, variant: int = 2024, owner: Person = OWNER, **options: Any
) -> bytes:
    header = "From,To,Sent At,Message,Direction"
    if variant >= 2024:
        header += ",inviterProfileUrl,inviteeProfileUrl"
    return table(header, (_invitation_row(row, variant, owner) for row in rows), **options)


def _invitation_row(row: Invite, variant: int, owner: Person) -> list[str]:
    incoming = row.direction.upper() == "INCOMING"
    inviter, invitee = (row.person, owner) if incoming else (owner, row.person)
    cells = [inviter.name, invitee.name, us_datetime(row.sent_at), row.message, row.direction]
    if variant >= 2024:
        cells += [inviter.url or "", invitee.url or ""]
    return cells


def _percent_encoded(url: str) -> str:
    return quote(url, safe=":/")


def connections_csv(
    rows: Iterable[Connection],
    *,
    variant: int = 2024,
    excel: bool = False,
    padding_rows: int = 0,
    **options: Any,
) -> bytes:
    """Connections.csv; ``padding_rows`` adds ``,,,,,,09 Oct 2024`` rows LinkedIn leaves."""
    with_url = variant >= 2024 and not excel
    header = "First Name,Last Name," + ("URL," if with_url else "")
    header += "Email Address,Company,Position,Connected On"
    body = [_connection_row(row, variant, excel, with_url) for row in rows]
    width = header.count(",") + 1
    body += [[""] * (width - 1) + ["09 Oct 2024"]] * padding_rows
    defaults: dict[str, Any]
    if excel:
        defaults = {"newline": "\r\n", "encoding": "cp1252"}
        return table(header, body, **{**defaults, **options})
    defaults = {"preamble": PREAMBLE if variant >= 2021 else "", "final_newline": variant < 2021}
    return table(header, body, **{**defaults, **options})


def _connection_row(row: Connection, variant: int, excel: bool, with_url: bool) -> list[str]:
    if excel:
        on = excel_date(row.connected_on)
    elif variant >= 2021:
        on = day_month_year(row.connected_on)
    else:
        on = us_datetime(datetime.combine(row.connected_on, datetime.min.time()).replace(hour=18))
    url = [_percent_encoded(row.url or "")] if with_url else []
    return [row.first, row.last, *url, row.email, row.company, row.position, on]


MESSAGE_HEADERS = {
    "2018": "From,To,Date,Subject,Content,Direction,Folder",
    "2020": "FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER",
    "2022": "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,"
    "FOLDER",
    "2023": "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER",
}
MESSAGE_HEADERS["2024-12"] = MESSAGE_HEADERS["2023"] + ",IS MESSAGE DRAFT,IS CONVERSATION DRAFT"
MESSAGE_HEADERS["2025-01"] = MESSAGE_HEADERS["2023"] + ",IS MESSAGE DRAFT"
MESSAGE_HEADERS["2026-04"] = MESSAGE_HEADERS["2023"] + ",ATTACHMENTS"


def messages_csv(
    rows: Iterable[Msg],
    *,
    variant: str = "2024-12",
    owner: Person = OWNER,
    url_separator: str = ",",
    **options: Any,
) -> bytes:
    header = MESSAGE_HEADERS[variant]
    columns = header.split(",")
    render = (_message_row(row, columns, owner, url_separator) for row in rows)
    defaults = {"quote_all": variant == "2026-04"}
    return table(columns, render, **{**defaults, **options})


def _message_row(row: Msg, columns: list[str], owner: Person, url_separator: str) -> list[str]:
    outgoing = row.sender == owner
    columns_upper = {column.upper() for column in columns}
    content = row.content if "ATTACHMENTS" in columns else " ".join(row.content.split("\n"))
    values = {
        "CONVERSATION ID": row.conversation,
        "CONVERSATION TITLE": row.title,
        "FROM": row.sender.name,
        "SENDER PROFILE URL": row.sender.url or "",
        "TO": ",".join(person.name for person in row.recipients),
        "RECIPIENT PROFILE URLS": url_separator.join(p.url or "" for p in row.recipients),
        "DATE": utc_text(row.at),
        "SUBJECT": "",
        "CONTENT": content,
        "DIRECTION": "OUTGOING" if outgoing else "INCOMING",
        # SENT only in the 2018 and ~2020 shapes: from 2021 both directions are INBOX (or
        # ARCHIVE, SPAM, empty), so the file no longer says who sent what (§1.5)
        "FOLDER": "SENT" if outgoing and "DIRECTION" in columns_upper else "INBOX",
        "IS MESSAGE DRAFT": "Yes" if row.draft else "No",
        "IS CONVERSATION DRAFT": "No",
        "ATTACHMENTS": "",
    }
    if columns[0] == "From":  # 2018
        values["DATE"] = us_datetime(row.at)
    elif columns[0] == "FROM":  # ~2020
        values["DATE"] = row.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return [values[column.upper()] for column in columns]


# --------------------------------------------------------------------------------------------
# Who the user is
# --------------------------------------------------------------------------------------------


def profile_csv(
    first: str = "Eve", last: str = "Kovacs", headline: str = "Data Lead", *, variant: int = 2024
) -> bytes:
    if variant < 2022:
        header = (
            "First Name,Last Name,Maiden Name,Address,Birth Date,Contact Instructions,Headline,"
            "Summary,Industry,Country,Zip Code,Geo Location,Twitter Handles,Websites,"
            "Instant Messengers"
        )
        row = [
            first,
            last,
            "",
            "",
            "Feb 17, 1998",
            "",
            headline,
            "Summary.",
            "IT",
            "SE",
            "",
            "Stockholm",
            "",
            "",
            "",
        ]
    else:
        header = (
            "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
            "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers"
        )
        row = [
            first,
            last,
            "",
            "",
            "Jun 20",
            headline,
            "Summary.",
            "IT",
            "",
            "Stockholm, Sweden",
            "[eve]",
            "[COMPANY:https://acme.example/]",
            "",
        ]
    return table(header, [row])


def positions_csv(rows: Iterable[Sequence[str]]) -> bytes:
    """Rows of (company, title, started, finished), e.g. ("Acme", "Founder", "May 2016", "")."""
    return table(
        "Company Name,Title,Description,Location,Started On,Finished On",
        (
            [company, title, "Intro.  • Bullet", "Dallas, TX", started, finished]
            for company, title, started, finished in rows
        ),
    )


def education_csv(rows: Iterable[Sequence[str]]) -> bytes:
    """Rows of (school, start, end, degree)."""
    return table(
        "School Name,Start Date,End Date,Notes,Degree Name,Activities",
        ([school, start, end, "", degree, ""] for school, start, end, degree in rows),
    )


def events_csv(rows: Iterable[Sequence[str]]) -> bytes:
    """Rows of (name, time range text, status, url)."""
    return table("Event Name,Event Time,Status,External Url", rows)


def email_addresses_csv(emails: Iterable[str]) -> bytes:
    rows = (
        [email, "Yes", "Yes" if i == 0 else "No", "1/19/26, 12:21 PM"]
        for i, email in enumerate(emails)
    )
    return table("Email Address,Confirmed,Primary,Updated On", rows)


# --------------------------------------------------------------------------------------------
# Traces of knowing someone
# --------------------------------------------------------------------------------------------

CONTACT_HEADERS = {
    2018: "First Name,Last Name,Companies,Title,Email Address,Phone Numbers,Created At,"
    "Instant Message Handles,Addresses,Sites,Full Name,Birthday,Location,Bookmarked At,Profiles",
    2022: "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,Addresses,"
    "Sites,InstantMessageHandles,FullName,Birthday,Location,BookmarkedAt,Profiles",
    2026: "FirstName,MiddleName,LastName,MaidenName,NickName,NamePrefix,NameSuffix,Title,Emails,"
    "PhoneNumbers,CreatedAt,UpdatedAt,CountryCode,RegionCode,ThirdPartyVerified,Location",
}


def imported_contacts_csv(rows: Iterable[Mapping[str, str]], *, variant: int = 2026) -> bytes:
    """Rows as {column: value}; columns not given are empty (``null`` in the 2022 shape)."""
    columns = CONTACT_HEADERS[variant].split(",")
    empty = "null" if variant == 2022 else ""
    return table(columns, ([row.get(c, empty) for c in columns] for row in rows))


def endorsements_csv(rows: Iterable[Sequence[str]], *, variant: int | str = 2024) -> bytes:
    """Rows of (date text, skill, first, last, url, status); 2022 has no URL column."""
    if variant == 2024:
        header = (
            "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
            "Endorser Public Url,Endorsement Status"
        )
        return table(header, rows)
    body = [[d, skill, first, last, status] for d, skill, first, last, _url, status in rows]
    header = "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status"
    if variant == "2022-utf16":
        return utf16_table(header + ",Display Status", [[*row, "SHOWN"] for row in body])
    return table(header, body)


def recommendations_csv(rows: Iterable[Sequence[str]]) -> bytes:
    """Rows of (first, last, company, job title, text, creation date text, status)."""
    return table("First Name,Last Name,Company,Job Title,Text,Creation Date,Status", rows)


def search_queries_csv(queries: Iterable[str]) -> bytes:
    """Commas inside a query are not quoted (R26): written by hand, not by csv."""
    lines = ["Time,Search Query", *(f"2024/04/04 21:35:32 UTC,{q}" for q in queries)]
    return "\n".join(lines).encode()


# --------------------------------------------------------------------------------------------
# The archive and the project's JSON
# --------------------------------------------------------------------------------------------

_MESSAGE_VARIANT = {
    2018: "2018",
    2020: "2020",
    2022: "2022",
    2023: "2023",
    2024: "2024-12",
    2025: "2025-01",
    2026: "2026-04",
}


def archive_members(
    *,
    invitations: Iterable[Invite] = (),
    connections: Iterable[Connection] = (),
    messages: Iterable[Msg] = (),
    profile: bytes | None = None,
    year: int = 2024,
) -> dict[str, bytes]:
    """The members of one year's archive, by name (see build_archive)."""
    members = {
        "Profile.csv": profile if profile is not None else profile_csv(variant=year),
        "Invitations.csv": invitations_csv(invitations, variant=year),
        "Connections.csv": connections_csv(connections, variant=year),
        ("Messages.csv" if year < 2021 else "messages.csv"): messages_csv(
            messages, variant=_MESSAGE_VARIANT[year]
        ),
        "Registration.csv": table(
            "Registered At,Registration Ip,Subscription Types",
            [["9/25/16, 8:52 AM", "1.2.3.4", ""]],
        ),
        "Articles/Articles/hello.html": b"<html><body>An article</body></html>",
    }
    queries = "Search Queries.csv" if year < 2022 else "SearchQueries.csv"
    members[queries] = search_queries_csv(["jo smith, mba"])
    members["Account Status History.csv"] = utf16_table(
        "Time,Event", [["2022/01/01 10:00:00 UTC", "OPENED"]]
    )
    return members


def zip_bytes(members: Mapping[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def build_archive(
    *,
    invitations: Iterable[Invite] = (),
    connections: Iterable[Connection] = (),
    messages: Iterable[Msg] = (),
    profile: bytes | None = None,
    year: int = 2024,
    extra: Mapping[str, bytes] | None = None,
    folder: str = "",
) -> bytes:
    """A LinkedIn archive of ``year`` as ZIP bytes; ``extra`` adds or replaces members."""
    members = archive_members(
        invitations=invitations,
        connections=connections,
        messages=messages,
        profile=profile,
        year=year,
    )
    members.update(extra or {})
    return zip_bytes({folder + name: data for name, data in members.items()})


def invitations_json(entries: Iterable[Mapping[str, Any]], **top: Any) -> bytes:
    document = {
        "format": "invite-watcher/invitations@1",
        "exported_at": "2026-04-02T09:15:00+02:00",
        **top,
        "invitations": list(entries),
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


# --------------------------------------------------------------------------------------------
# Benchmark archive: streamed to disk
# --------------------------------------------------------------------------------------------


def _people(count: int, rng: random.Random) -> list[Person]:
    return [
        Person(f"Person{i} Sur{rng.randrange(1000)}", f"https://www.linkedin.com/in/person-{i}")
        for i in range(count)
    ]


def _stream_rows(
    archive: zipfile.ZipFile, name: str, header: str, rows: Iterator[list[str]]
) -> None:
    with (
        archive.open(name, "w", force_zip64=True) as raw,
        io.TextIOWrapper(raw, "utf-8", newline="") as out,
    ):
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header.split(","))
        writer.writerows(rows)


def write_big_archive(
    path: Path,
    *,
    invitations: int = 50_000,
    connections: int = 30_000,
    messages: int = 1_000_000,
    people: int = 20_000,
    seed: int = 0,
) -> Path:
    """A 2024-shaped archive with the given row counts, written row by row to ``path``."""
    rng = random.Random(seed)
    crowd = _people(people, rng)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Profile.csv", profile_csv())
        inv_rows = (
            _invitation_row(
                Invite(crowd[i % people], start + timedelta(minutes=i), "Hi, let's connect"),
                2024,
                OWNER,
            )
            for i in range(invitations)
        )
        _stream_rows(
            archive,
            "Invitations.csv",
            "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
            inv_rows,
        )
        conn_rows = (
            _connection_row(
                Connection(
                    f"First{i}",
                    f"Last{i}",
                    f"https://www.linkedin.com/in/c-{i}",
                    connected_on=date(2020, 1, 1) + timedelta(days=i % 1500),
                ),
                2024,
                False,
                True,
            )
            for i in range(connections)
        )
        _stream_rows(
            archive,
            "Connections.csv",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
            conn_rows,
        )
        columns = MESSAGE_HEADERS["2024-12"].split(",")
        msg_rows = (
            _message_row(m, columns, OWNER, ",")
            for m in _conversations(messages, crowd, start, rng)
        )
        _stream_rows(archive, "messages.csv", MESSAGE_HEADERS["2024-12"], msg_rows)
    return path


def _conversations(
    total: int, crowd: list[Person], start: datetime, rng: random.Random
) -> Iterator[Msg]:
    """Like LinkedIn writes them: conversation after conversation, each newest first."""
    written = 0
    while written < total:
        other = crowd[rng.randrange(len(crowd))]
        length = min(rng.randint(1, 120), total - written)
        began = start + timedelta(minutes=rng.randrange(500_000))
        for i in reversed(range(length)):
            sender, recipient = (OWNER, other) if i % 2 else (other, OWNER)
            text = "some text,  with commas  and spaces"
            yield Msg(
                sender,
                (recipient,),
                began + timedelta(minutes=7 * i),
                text,
                conversation=f"2-{other.url}",
            )
        written += length


# --------------------------------------------------------------------------------------------
# Members that compress well: the ZIP-bomb caps
# --------------------------------------------------------------------------------------------

_PADDED_ROW = 200_000  # characters of CONTENT per row, well under limits.max_field_bytes


def deflate_ratio(data: bytes) -> float:
    """What zipfile would record for ``data`` as a deflated member: uncompressed / compressed."""
    [info] = zipfile.ZipFile(io.BytesIO(zip_bytes({"m": data}))).infolist()
    return info.file_size / info.compress_size


def _padded_messages(size: int, noise: int, other: Person) -> bytes:
    rng = random.Random(size)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(max(size // _PADDED_ROW, 1)):
        # a few random letters, then the long runs of spaces a pasted message can carry
        text = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz ", k=noise))
        sender, recipient = (other, OWNER) if i % 2 else (OWNER, other)
        rows.append(Msg(sender, (recipient,), start + timedelta(hours=i), text.ljust(_PADDED_ROW)))
    return messages_csv(rows)


def messages_compressing(size: int, ratio: float, other: Person) -> bytes:
    """A harmless messages.csv (a conversation with ``other``) of about ``size`` bytes that
    deflates to about ``ratio`` to 1: the random letters per row are tuned on a sample of at
    most 2 MB (a bigger file of the same rows compresses a little better)."""
    sample = min(size, 2_000_000)
    low, high = 0, _PADDED_ROW  # more noise, less compression
    while high - low > 1:
        middle = (low + high) // 2
        if deflate_ratio(_padded_messages(sample, middle, other)) > ratio:
            low = middle
        else:
            high = middle
    return _padded_messages(size, low, other)
