"""`invite-watcher demo`: a realistic sample export with made-up people, for a first run.

Two files, written the way a browser does (a hidden partial file renamed into place): a small
LinkedIn archive saying who "you" are (profile, jobs, school, an event), then the invitation JSON
with six strangers — a good note, a colleague, someone from the event, a pitch, a connection
collector, and someone worth meeting first.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

PROFILE = [
    [
        "First Name",
        "Last Name",
        "Maiden Name",
        "Address",
        "Birth Date",
        "Headline",
        "Summary",
        "Industry",
        "Zip Code",
        "Geo Location",
        "Twitter Handles",
        "Websites",
        "Instant Messengers",
    ],
    [
        "Eve",
        "Kovacs",
        "",
        "",
        "Jun 20",
        "Head of Communications at Northwind Labs",
        "Storyteller for climate tech.",
        "Public Relations and Communications",
        "1000",
        "Lisbon, Portugal",
        "",
        "",
        "",
    ],
]
POSITIONS = [
    ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
    ["Northwind Labs", "Head of Communications", "", "Lisbon", "Mar 2023", ""],
    ["Acme Corp", "PR Manager", "", "Berlin", "Jan 2018", "Feb 2023"],
]
EDUCATION = [
    ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
    ["University of Lisbon", "2010", "2014", "", "B.A. Communication", ""],
]
CONNECTIONS_NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\n'
)
CONNECTIONS = [
    ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
    [
        "Ana",
        "Reyes",
        "https://www.linkedin.com/in/ana-reyes-demo",
        "",
        "Acme Corp",
        "Analyst",
        "31 Dec 2024",
    ],
]


def _csv(rows: list[list[str]], preamble: str = "") -> bytes:
    buffer = io.StringIO()
    buffer.write(preamble)
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _events(now: datetime) -> list[list[str]]:
    start = (now - timedelta(days=8)).strftime("%b %d, %Y 09:00 AM")
    end = (now - timedelta(days=6)).strftime("%b %d, %Y 06:00 PM")
    return [
        ["Event Name", "Event Time", "Status", "External Url"],
        [f"Lisbon PR Summit {now:%Y}", f"{start} - {end}", "APPROVED", "lisbonprsummit.example"],
    ]


def archive_bytes(now: datetime) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Profile.csv", _csv(PROFILE))
        archive.writestr("Positions.csv", _csv(POSITIONS))
        archive.writestr("Education.csv", _csv(EDUCATION))
        archive.writestr("Events.csv", _csv(_events(now)))
        archive.writestr("Connections.csv", _csv(CONNECTIONS, CONNECTIONS_NOTES))
    return buffer.getvalue()


def _invitation(
    name: str, slug: str, headline: str, note: str, *, hours_ago: int, mutual: int, now: datetime
) -> dict[str, object]:
    return {
        "name": name,
        "profile_url": f"https://www.linkedin.com/in/{slug}",
        "headline": headline,
        "note": note,
        "sent_at": (now - timedelta(hours=hours_ago)).isoformat(timespec="seconds"),
        "mutual_connections": mutual,
    }


def invitations_json(now: datetime) -> bytes:
    people = [
        _invitation(
            "Maya Lindqvist",
            "maya-lindqvist-demo",
            "Brand strategist for climate startups",
            "Hi Eve, we've never met, but I'm building a circle of communications people in "
            "climate tech and your work at Northwind stood out. Up for a virtual coffee?",
            hours_ago=2,
            mutual=3,
            now=now,
        ),
        _invitation(
            "Tom Becker",
            "tom-becker-demo",
            "Finance at Northwind Labs",
            "",
            hours_ago=5,
            mutual=12,
            now=now,
        ),
        _invitation(
            "Priya Raman",
            "priya-raman-demo",
            "Press officer",
            f"Great talking with you at the Lisbon PR Summit {now:%Y} last week!",
            hours_ago=20,
            mutual=1,
            now=now,
        ),
        _invitation(
            "Jordan Blake",
            "jordan-blake-demo",
            "Growth consultant",
            "I help agencies triple their leads in 30 days — book a free demo: "
            "https://example.com/demo",
            hours_ago=26,
            mutual=0,
            now=now,
        ),
        _invitation(
            "Chris Nolan",
            "chris-nolan-demo",
            "LION | Open networker | I accept all invites",
            "I'd like to add you to my professional network on LinkedIn.",
            hours_ago=30,
            mutual=0,
            now=now,
        ),
        _invitation(
            "Sam Ortiz",
            "sam-ortiz-demo",
            "Public relations manager at Brightside",
            "",
            hours_ago=40,
            mutual=2,
            now=now,
        ),
    ]
    document = {
        "format": "invite-watcher/invitations@1",
        "exported_at": now.isoformat(timespec="seconds"),
        "invitations": people,
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


def _drop(folder: Path, name: str, data: bytes) -> Path:
    """Write like a browser: a hidden partial file, then a rename into place."""
    partial = folder / f".{name}.part"
    partial.write_bytes(data)
    target = folder / name
    partial.replace(target)
    return target


def write_demo(folder: Path, now: datetime) -> str:
    """Drop the sample archive, then the invitations; returns what was written."""
    stamp = now.strftime("%m-%d-%Y")
    archive = _drop(folder, f"Basic_LinkedInDataExport_{stamp}_demo.zip", archive_bytes(now))
    invitations = _drop(folder, f"invite-watcher-demo-{now:%H%M%S}.json", invitations_json(now))
    return f"{archive.name} and {invitations.name} in {folder}"
