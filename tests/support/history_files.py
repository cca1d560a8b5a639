"""Realistic "have we met?" history files, written by hand after the shapes in
reference/export-formats.md §2 and §3 (names and addresses are placeholders).

Every constant is the bytes of a whole file as the app writes it (CRLF where the app uses CRLF).

vCards: ``GOOGLE_VCF`` (3.0, several cards, ``itemN.`` groups, escapes), ``APPLE_VCF`` (3.0,
lowercase ``type=``, folded base64 PHOTO, yearless BDAY, ``FN: Kate  Bell``, X-SOCIALPROFILE),
``OUTLOOK_VCF`` (2.1, QUOTED-PRINTABLE soft breaks, Windows-1252 bytes, base64 photo followed by a
blank line), ``VCARD4_VCF`` (4.0, data: URI photo).

Contacts CSV: ``google_csv()``, ``google_legacy_csv()``, ``outlook_csv()``,
``outlook_com_csv()`` build the files from rows, with options for a BOM, ``;`` and Windows-1252.

Calendars: ``GOOGLE_ICS`` (folded mid-token, a room, a declined guest, a 30-person all-hands),
``OUTLOOK_ICS`` (Windows time-zone names, ``invalid:nomail``, quoted CN), ``APPLE_ICS``
(CalendarServer ``EMAIL=`` parameters, ``urn:uuid:`` values, an all-day event, floating time).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

_PHOTO_B64 = (
    "/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwc"
    "KDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIy"
)


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def _fold(line: str, width: int = 75) -> str:
    """Fold one content line the RFC way: every ``width`` characters, even mid-token."""
    pieces = [line[i : i + width] for i in range(0, len(line), width)]
    return "\n ".join(pieces)


GOOGLE_VCF = _crlf(
    """BEGIN:VCARD
VERSION:3.0
FN:Maria Lopez
N:Lopez;Maria;;;
EMAIL;TYPE=INTERNET;TYPE=HOME:maria.lopez@example.com
EMAIL;TYPE=INTERNET;TYPE=WORK:MLopez@Acme.example
TEL;TYPE=CELL:+1 555 0100
ORG:Acme\\, Inc.;Research
TITLE:Data Scientist
item1.URL:https\\://www.linkedin.com/in/maria-lopez-5635a017/
item1.X-ABLabel:LinkedIn
NOTE:Met at PyCon\\nIntroduced by Jo
CATEGORIES:myContacts,starred
X-PHONETIC-FIRST-NAME:Ma-ri-a
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Jo Smith
N:Smith;Jo;;;PhD
EMAIL;TYPE=INTERNET:jo@example.com
item2.X-ABLabel:Home
CATEGORIES:myContacts
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:
N:;;;;
TEL;TYPE=CELL:+1 555 0199
CATEGORIES:myContacts
END:VCARD
"""
).encode()

APPLE_VCF = _crlf(
    """BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iPhone OS 17.5.1//EN
N:Bell;Kate;;;
FN: Kate  Bell
ORG:Creative Consulting;
TITLE:Producer
item1.EMAIL;type=INTERNET;type=WORK;type=pref:kate-bell@mac.com
item2.TEL;type=CELL;type=VOICE;type=pref:(555) 564-8583
item2.X-ABLabel:_$!<Mobile>!$_
item3.URL;type=pref:http\\://www.apple.com
item3.X-ABLabel:_$!<HomePage>!$_
X-SOCIALPROFILE;type=linkedin;x-user=kate-bell-1a2b3c:x-apple:kate-bell-1a2b3c
BDAY;X-APPLE-OMIT-YEAR=1604:1604-05-24
"""
    + _fold("PHOTO;ENCODING=b;TYPE=JPEG:" + _PHOTO_B64 * 3)
    + """
X-ABUID:A1B2C3D4-E5F6:ABPerson
END:VCARD
BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//macOS 14.5//EN
N:Zakroff;Daniel;;;
FN:Daniel Zakroff
ORG:Zakroff Studios
X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/DanielZakroff
END:VCARD
"""
).encode()

OUTLOOK_VCF = (
    _crlf(
        """BEGIN:VCARD
VERSION:2.1
N;LANGUAGE=en-us:Doe;John;Richter;Mr.;Sr.
FN:John Doe
ORG:IBM;Accounting
TITLE:Money Counter
NOTE;ENCODING=QUOTED-PRINTABLE:Met him at the=0D=0Aconference in Paris, long ago, =
we talked about=
 accounting
TEL;WORK;VOICE:(905) 555-1234
ADR;WORK;PREF;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:;;Cath=E9drale;Paris;;75001;France
EMAIL;PREF;INTERNET:john.doe@ibm.com
PHOTO;TYPE=JPEG;ENCODING=BASE64:
  """
        + _PHOTO_B64[:72]
        + """
  """
        + _PHOTO_B64[72:]
        + """

X-MS-OL-DEFAULT-POSTAL-ADDRESS:2
REV:20240312T101500Z
END:VCARD
BEGIN:VCARD
VERSION:2.1
N;CHARSET=Windows-1252:Müller;Jürgen
FN;CHARSET=Windows-1252:Jürgen Müller
TITLE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:B=E4ckermeister
ORG;CHARSET=Windows-1252:Bäckerei Müller
EMAIL;PREF;INTERNET:juergen@baeckerei.example
END:VCARD
"""
    )
).encode("cp1252")

VCARD4_VCF = _crlf(
    """BEGIN:VCARD
VERSION:4.0
FN:Simon Perreault
N:Perreault;Simon;;;ing. jr,M.Sc.
EMAIL;TYPE=work:simon.perreault@viagenie.ca
URL;TYPE=work:https://linkedin.com/in/simon-perreault?trk=contact
PHOTO:data:image/jpeg;base64,MIICajCCAdOgAwIBAgICBEUwDQYJKoZIhv
ORG:Viagenie;
END:VCARD
"""
).encode()

#: A card cut short: no END:VCARD before the next card begins.
BROKEN_CARD = _crlf(
    """BEGIN:VCARD
VERSION:3.0
FN:Broken Card
"""
)


# --------------------------------------------------------------------------------------------
# Contacts CSV
# --------------------------------------------------------------------------------------------


def _header(columns: str) -> list[str]:
    return columns.split(",")


GOOGLE_CSV_HEADER = _header(
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Website 1 - Label,Website 1 - Value"
)

GOOGLE_LEGACY_HEADER = _header(
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
    "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
    "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,"
    "Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Title,"
    "Website 1 - Type,Website 1 - Value"
)

OUTLOOK_CSV_HEADER = _header(
    "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,"
    "Anniversary,Location,Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,"
    "E-mail 3 Address,Primary Phone,Home Phone,Home Phone 2,Mobile Phone,Pager,Home Fax,"
    "Company,Job Title,Department,Office Location,Sensitivity,Priority,Private,Categories"
)

OUTLOOK_COM_HEADER = _header(
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
    "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,"
    "Company,Department,Job Title,Notes,Web Page,Categories"
)


def table_bytes(
    header: Sequence[str],
    rows: Sequence[dict[str, str]],
    *,
    bom: bool = False,
    delimiter: str = ",",
    encoding: str = "utf-8",
    newline: str = "\r\n",
) -> bytes:
    """A CSV file: ``header`` then one line per row dict (missing columns empty)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def google_csv(rows: Sequence[dict[str, str]], **options: object) -> bytes:
    return table_bytes(GOOGLE_CSV_HEADER, rows, **options)  # type: ignore[arg-type]


def google_legacy_csv(rows: Sequence[dict[str, str]], **options: object) -> bytes:
    return table_bytes(GOOGLE_LEGACY_HEADER, rows, **options)  # type: ignore[arg-type]


def outlook_csv(rows: Sequence[dict[str, str]], **options: object) -> bytes:
    return table_bytes(OUTLOOK_CSV_HEADER, rows, **options)  # type: ignore[arg-type]


def outlook_com_csv(rows: Sequence[dict[str, str]], **options: object) -> bytes:
    return table_bytes(OUTLOOK_COM_HEADER, rows, **options)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Calendars
# --------------------------------------------------------------------------------------------

_ALL_HANDS_GUESTS = "\n".join(
    _fold(
        f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Staff {n};"
        f"X-NUM-GUESTS=0:mailto:staff{n}@acme.example"
    )
    for n in range(30)
)

GOOGLE_ICS = _crlf(
    """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:eve.kovacs@gmail.com
X-WR-TIMEZONE:Europe/Budapest
BEGIN:VEVENT
DTSTART:20240311T130000Z
DTEND:20240311T140000Z
DTSTAMP:20240401T101010Z
ORGANIZER;CN=eve.kovacs@gmail.com:mailto:eve.kovacs@gmail.com
UID:1a2b3c4d5e@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=
 TRUE;CN=Maria Lopez;X-NUM-GUESTS=0:mailto:maria.lopez@exam
 ple.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=TENTATIVE;RSVP=TRUE
 ;CN=jo@example.com;X-NUM-GUESTS=0:mailto:jo@example.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED;RSVP=TRUE
 ;CN=Declined Dan;X-NUM-GUESTS=0:mailto:dan@example.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=
 TRUE;CN=Silent Sue;X-NUM-GUESTS=0:mailto:sue@example.com
ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Room 4.
 01 (8);X-NUM-GUESTS=0:mailto:c_1889abc@resource.calendar.google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Big
 Room;X-NUM-GUESTS=0:mailto:c_99@resource.calendar.google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE
 ;CN=eve.kovacs@gmail.com;X-NUM-GUESTS=0:mailto:eve.kovacs@gmail.com
SUMMARY:Coffee with Maria
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
DTSTART:20240320T090000Z
DTEND:20240320T100000Z
UID:allhands@google.com
"""
    + _ALL_HANDS_GUESTS
    + """
SUMMARY:All hands
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Budapest:20240405T180000
DTEND;TZID=Europe/Budapest:20240405T200000
UID:cancelled@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED;CN=Cancelled Carl:mailto:carl@example.com
SUMMARY:Dinner (cancelled)
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20240522
DTEND;VALUE=DATE:20240525
UID:pycon@google.com
SUMMARY:PyCon US 2024
END:VEVENT
END:VCALENDAR
"""
).encode()

OUTLOOK_ICS = _crlf(
    """BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:PUBLISH
X-MS-OLK-FORCEINSPECTOROPEN:TRUE
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ATTENDEE;CN="Lopez, Maria";PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:maria.lopez@example.com
ATTENDEE;CN="a@example.com, b@example.com";RSVP=TRUE:invalid:nomail
ATTENDEE;CN=Hans Meier;PARTSTAT=TENTATIVE;RSVP=TRUE:MAILTO:Hans.Meier@Firma.example
ATTENDEE;CN=Owner Olga;PARTSTAT=ACCEPTED:mailto:olga@firma.example
ORGANIZER;CN=Owner Olga:mailto:olga@firma.example
DTSTART;TZID=W. Europe Standard Time:20240715T100000
DTEND;TZID=W. Europe Standard Time:20240715T110000
SUMMARY;LANGUAGE=de-de:Projekt Kick-off
UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A60100000000000000001000000
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
ATTENDEE;CN=Hans Meier;PARTSTAT=ACCEPTED:mailto:hans.meier@firma.example
ATTENDEE;CN=Owner Olga;PARTSTAT=ACCEPTED:mailto:olga@firma.example
ORGANIZER;CN=Hans Meier:mailto:hans.meier@firma.example
DTSTART;TZID="W. Europe Standard Time":20240110T140000
DTEND;TZID="W. Europe Standard Time":20240110T150000
SUMMARY:Review
UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A60100000000000000001000001
END:VEVENT
BEGIN:VEVENT
ATTENDEE;CN="Lopez, Maria";PARTSTAT=DECLINED:mailto:maria.lopez@example.com
ATTENDEE;CN=Owner Olga;PARTSTAT=ACCEPTED:mailto:olga@firma.example
ORGANIZER;CN=Owner Olga:mailto:olga@firma.example
DTSTART;TZID=W. Europe Standard Time:20240801T090000
DURATION:PT30M
SUMMARY:Follow-up
UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A60100000000000000001000002
END:VEVENT
END:VCALENDAR
"""
).encode()

APPLE_ICS = _crlf(
    """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//CALENDARSERVER.ORG//NONSGML Version 1//EN
BEGIN:VEVENT
UID:apple-1
DTSTART:20240601T093000
DTEND:20240601T103000
SUMMARY:Standup
ORGANIZER;CN=User 01;EMAIL=user01@example.com:urn:uuid:user01
ATTENDEE;CN=User 01;CUTYPE=INDIVIDUAL;EMAIL=user01@example.com;PARTSTAT=ACCEPTED:urn:uuid:user01
ATTENDEE;CN=User 02;CUTYPE=INDIVIDUAL;EMAIL=user02@example.com;PARTSTAT=ACCEPTED:urn:uuid:user02
ATTENDEE;CN=Projector;CUTYPE=RESOURCE;EMAIL=projector@example.com;PARTSTAT=ACCEPTED:urn:uuid:res1
END:VEVENT
BEGIN:VEVENT
UID:apple-2
DTSTART;VALUE=DATE:20240610
SUMMARY:WWDC
END:VEVENT
BEGIN:VEVENT
UID:apple-3
DTSTART:20240612T120000
DTEND:20240612T130000
SUMMARY:Lunch
ORGANIZER;CN=User 01;EMAIL=user01@example.com:urn:uuid:user01
ATTENDEE;CN=User 01;CUTYPE=INDIVIDUAL;EMAIL=user01@example.com;PARTSTAT=ACCEPTED:urn:uuid:user01
ATTENDEE;CN=User 03;CUTYPE=INDIVIDUAL;EMAIL=user03@example.com;PARTSTAT=DECLINED:urn:uuid:user03
END:VEVENT
END:VCALENDAR
"""
).encode()
