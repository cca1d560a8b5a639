"""A week of invitations to work through: who the user is, and four inviters with four kinds
of note, written as the files a user drops (Profile, Positions, Events, an invitation JSON).

Used by the draft and review tests, which import them through the real pipeline.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.exports import events_csv, invitations_json, positions_csv, profile_csv

#: the example note of issue 13: admits not having met, names the user's talk, proposes coffee
JANE_NOTE = (
    "Hi William, we haven't met but I saw your talk at PyCon Berlin and would love to grab a coffee"
)
RAJ_NOTE = (
    "Hello William, I don't think we've met. I'm on the data team at Acme Corp in Leeds and "
    "would value your advice on platform work. Would you be up for a quick call?"
)
PITCH = "I help agencies triple their leads in 30 days — book a free demo: https://bit.ly/x"

#: newest first, as ``list`` and the review screen show them
NAMES = ["Pat Pitch", "Raj Patel", "Jane Doe", "Mia Lund"]


def profile(name: str) -> str:
    return "https://www.linkedin.com/in/" + name.lower().replace(" ", "-")


def _invitation(name: str, day: int, note: str, headline: str) -> dict[str, object]:
    return {
        "name": name,
        "profile_url": profile(name),
        "headline": headline,
        "note": note,
        "sent_at": f"2026-03-{day:02d}T09:30:00Z",
        "direction": "incoming",
    }


def write_week(folder: Path) -> list[Path]:
    """The files, in the order to import them: the owner first, then the invitations."""
    files = {
        "Profile.csv": profile_csv("William", "Hart", "Data engineering lead at Acme Corp"),
        "Positions.csv": positions_csv([("Acme Corp", "Data lead", "Mar 2021", "")]),
        "Events.csv": events_csv(
            [
                (
                    "PyCon Berlin",
                    "Feb 12, 2026 09:00 AM - Feb 12, 2026 05:00 PM",
                    "APPROVED",
                    "https://pycon.example",
                )
            ]
        ),
        "invitations.json": invitations_json(
            [
                _invitation("Mia Lund", 1, "", "Data engineering at Initech"),
                _invitation("Jane Doe", 2, JANE_NOTE, "Backend developer"),
                _invitation("Raj Patel", 3, RAJ_NOTE, "Data engineer at Acme Corp"),
                _invitation("Pat Pitch", 4, PITCH, "Growth hacker"),
            ]
        ),
    }
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths
