"""A person's name read from their e-mail address, for calendar guests known by address only.

Calendars often list a guest as ``ATTENDEE:mailto:first.last@example.com`` with no ``CN``; the
address is then the only name there is, and ``first.last`` (or ``first_last``) is the usual
way companies spell it. Pure.
"""

from __future__ import annotations

import re

#: a local part of two or three names: "jonas.weber", "anne-marie_dupont", "j.r.tolkien" is not
_NAMES = re.compile(r"^[^\W\d_]{2,}(?:-[^\W\d_]{2,})?(?:[._][^\W\d_]{2,}(?:-[^\W\d_]{2,})?){1,2}$")
#: mailboxes of roles, not people ("no.reply", "team.berlin")
_ROLES = frozenset(
    [
        "no",
        "reply",
        "noreply",
        "info",
        "team",
        "office",
        "contact",
        "support",
        "sales",
        "hello",
        "admin",
        "mail",
        "events",
        "billing",
        "jobs",
        "careers",
        "hr",
        "press",
        "news",
        "marketing",
        "service",
        "help",
        "booking",
        "calendar",
    ]
)


def name_from_address(email: str) -> str:
    """``"jonas.weber+cal@example.com"`` -> ``"Jonas Weber"``; "" when it names no person."""
    local = email.partition("@")[0].partition("+")[0]
    if not _NAMES.match(local):
        return ""
    parts = re.split(r"[._]", local)
    if any(part.casefold() in _ROLES for part in parts):
        return ""
    return " ".join("-".join(piece.capitalize() for piece in part.split("-")) for part in parts)
