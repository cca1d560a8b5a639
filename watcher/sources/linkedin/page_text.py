"""The text patterns of an invitation card that survived every redesign of LinkedIn's invitation
manager (reference/browser-captures.md §1): relative sent times, mutual-connection phrasings,
the Accept/Ignore accessible labels in several languages, the words of cards that are not
connection invitations, and the "See more" of a cut note.

Pure: strings in, values out. The DOM walk that finds these lines is ``page_cards``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

# --------------------------------------------------------------------------------------------
# Relative times: "3 days ago", "Sent 1 week ago", "Yesterday", "5m"
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Window:
    """When an invitation was sent, as far as a relative time can tell: ``earliest`` to
    ``latest`` (both aware); ``latest`` is what ``sent_at`` gets."""

    earliest: datetime
    latest: datetime


#: (shortest, longest) length of one unit: a month is 28 to 31 days, a year 365 or 366.
_UNITS: dict[str, tuple[timedelta, timedelta]] = {
    "second": (timedelta(seconds=1), timedelta(seconds=1)),
    "minute": (timedelta(minutes=1), timedelta(minutes=1)),
    "hour": (timedelta(hours=1), timedelta(hours=1)),
    "day": (timedelta(days=1), timedelta(days=1)),
    "week": (timedelta(weeks=1), timedelta(weeks=1)),
    "month": (timedelta(days=28), timedelta(days=31)),
    "year": (timedelta(days=365), timedelta(days=366)),
}
_SHORT_UNITS = {
    "s": "second",
    "sec": "second",
    "m": "minute",
    "min": "minute",
    "h": "hour",
    "hr": "hour",
    "d": "day",
    "w": "week",
    "wk": "week",
    "mo": "month",
    "y": "year",
    "yr": "year",
}
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1}
_SENT = r"(?:(?:sent|received)\s+)?"
_LONG_AGO = re.compile(
    _SENT + r"(?P<n>\d+|an?|one)\s+(?P<unit>second|minute|hour|day|week|month|year)s?\s+ago",
    re.IGNORECASE,
)
_SHORT_AGO = re.compile(
    _SENT + r"(?P<n>\d+)\s*(?P<unit>sec|s|min|mo|m|hr|h|d|wk|w|yr|y)s?(?:\s+ago)?", re.IGNORECASE
)
#: Named days, read like "N days ago" (LinkedIn counts elapsed time: "Yesterday" is one day).
_NAMED = {"just now": (0, "minute"), "now": (0, "minute"), "today": (0, "day")}
_NAMED_DAYS = {"yesterday": 1}
_DECORATION = " \t•·|,."


def sent_window(text: str, captured: datetime) -> Window | None:
    """The window a relative time (the whole of ``text``) leaves, counted back from ``captured``.

    "N units ago" is read as at least N and less than N+1 units of elapsed time (a month is
    28–31 days); None when ``text`` is not a relative time.
    """
    phrase = " ".join(text.split()).strip(_DECORATION)
    lowered = phrase.lower().removeprefix("sent ").removeprefix("received ")
    if lowered in _NAMED:
        count, unit = _NAMED[lowered]
        return _window(captured, count, unit)
    if lowered in _NAMED_DAYS:
        return _window(captured, _NAMED_DAYS[lowered], "day")
    match = _LONG_AGO.fullmatch(phrase) or _SHORT_AGO.fullmatch(phrase)
    if match is None:
        return None
    raw, unit = match["n"].lower(), match["unit"].lower()
    count = _COUNT_WORDS.get(raw) or int(raw)
    return _window(captured, count, _SHORT_UNITS.get(unit, unit))


_PROBE = datetime(2000, 1, 1, tzinfo=UTC)


def is_relative_time(text: str) -> bool:
    """True when ``text`` is a relative time ``sent_window`` reads."""
    return sent_window(text, _PROBE) is not None


def _window(captured: datetime, count: int, unit: str) -> Window:
    shortest, longest = _UNITS[unit]
    return Window(earliest=captured - longest * (count + 1), latest=captured - shortest * count)


# --------------------------------------------------------------------------------------------
# Mutual connections: "12 mutual connections", "Jane Roe and 3 other mutual connections", …
# --------------------------------------------------------------------------------------------

_NUMBER = r"(?P<n>\d{1,3}(?:[,.\u00a0\u202f ]\d{3})*|\d+)"
_MUTUAL = r"(?:mutual|shared)\s+connections?"
_COUNTED = re.compile(_NUMBER + r"\+?\s+(?:" + _MUTUAL + r"|connections?\s+in\s+common)", re.I)
_AND_OTHERS = re.compile(r"(?P<names>.+?)\s+and\s+" + _NUMBER + r"\s+others?\s+" + _MUTUAL, re.I)
_BOTH = re.compile(r"(?P<names>.+?)\s+and\s+(?P<last>.+?)\s+are\s+(?:mutual|shared)\s+conn", re.I)
_ONE = re.compile(r"(?P<name>.+?)\s+is\s+a\s+(?:mutual|shared)\s+connection", re.I)


def mutual_connections(text: str) -> int | None:
    """How many mutual connections a line says, or None when it says nothing about them.

    "Jane Roe and 3 other mutual connections" is 4; "Jane Roe, Bo Li and 2 others…" is 4;
    "Jane Roe and Bo Li are mutual connections" is 2; "Jane Roe is a mutual connection" is 1.
    """
    line = " ".join(text.split()).strip(_DECORATION)
    if match := _COUNTED.fullmatch(line):
        return _count(match["n"])
    if match := _AND_OTHERS.fullmatch(line):
        return _count(match["n"]) + _names_in(match["names"])
    if match := _BOTH.match(line):
        return _names_in(match["names"]) + 1
    if _ONE.fullmatch(line):
        return 1
    return None


def _count(digits: str) -> int:
    return int(re.sub(r"\D", "", digits))


def _names_in(names: str) -> int:
    """ "Jane Roe, Bo Li" names two people; a name's own comma ("Smith, PhD") is rare enough."""
    return len([part for part in names.split(",") if part.strip()])


# --------------------------------------------------------------------------------------------
# The Accept / Ignore controls, in the member's language
# --------------------------------------------------------------------------------------------

#: Word stems of "accept" and "ignore" as LinkedIn translates its buttons' labels (English,
#: German, Italian, Spanish, Portuguese, Polish, Russian, Dutch, French).
_ACCEPT = re.compile(r"(?<!\w)(?:accept|akzept|annehm|accett|acept|aceit|zaakcept|принят)", re.I)
_IGNORE = re.compile(
    r"(?<!\w)(?:ignor|zignor|negeer|negeren|rechaz|refus|ablehn|odrzu|отклон|игнор)", re.I
)
#: Labels long enough to be a sentence are not buttons ("I accepted your offer…" in a note).
_LABEL_LIMIT = 120


def is_accept(label: str) -> bool:
    return len(label) <= _LABEL_LIMIT and _ACCEPT.search(label) is not None


def is_ignore(label: str) -> bool:
    return len(label) <= _LABEL_LIMIT and _IGNORE.search(label) is not None and not is_accept(label)


_NAME_IN_LABEL = (
    re.compile(r"accept\s+(?P<name>.+?)[’'‘`´]s\s+invitation", re.I),
    re.compile(r"invitation\s+to\s+connect\s+from\s+(?P<name>.+)", re.I),
    re.compile(r"invitation\s+from\s+(?P<name>.+)", re.I),
)


def name_in_label(label: str) -> str | None:
    """The inviter named in an English Accept/Ignore label, for a card whose link has no text."""
    for pattern in _NAME_IN_LABEL:
        if match := pattern.search(" ".join(label.split())):
            return match["name"].strip(" .")
    return None


# --------------------------------------------------------------------------------------------
# Cards that are not connection invitations, and a note's "See more"
# --------------------------------------------------------------------------------------------

_NOT_CONNECTION = re.compile(
    r"invited\s+you\s+to\s+(?:follow|subscribe|join|attend|their\s+event)"
    r"|wants\s+you\s+to\s+follow|(?<!\w)follows\s+you(?!\w)",
    re.I,
)
#: A line this short that carries one of those words is a label, not a sentence of a note.
_MARKER_LINE_LIMIT = 80


def marks_other_invitation(line: str, *, name: str = "") -> bool:
    """True when a card line says the card invites to follow a page, subscribe to a newsletter,
    join a group, attend an event, or shows someone who "Follows you"."""
    if _NOT_CONNECTION.search(line) is None:
        return False
    return len(line) <= _MARKER_LINE_LIMIT or (bool(name) and line.startswith(name))


_MORE = re.compile(
    r"(?:…|\.\.\.)?\s*(?:see|show|read)?\s*more|mehr\s+anzeigen|voir\s+plus|ver\s+más|"
    r"mostra\s+(?:altro|di\s+più)",
    re.I,
)
_MORE_TAIL = re.compile(r"\s*(?:…|\.\.\.)\s*(?:(?:see|show|read)\s+)?more\s*$", re.I)
_ELLIPSIS_TAIL = re.compile(r"\s*(?:…|\.\.\.)\s*$")


def is_more_control(label: str) -> bool:
    """True for the "See more" / "…more" control that expands a clamped note."""
    return _MORE.fullmatch(" ".join(label.split())) is not None


def cut_note(note: str, *, expandable: bool) -> tuple[str, bool]:
    """The note as shown, without its "…more", and whether the page cut it.

    ``expandable``: the card had a "See more" control. Then, or when the text itself ends with
    "…more", a trailing ellipsis is the page's and goes.
    """
    text = note.strip()
    if _MORE_TAIL.search(text):
        return _ELLIPSIS_TAIL.sub("", _MORE_TAIL.sub("", text)), True
    if expandable:
        return _ELLIPSIS_TAIL.sub("", text), True
    return text, False


#: Lines of a card that are its chrome, not a headline or a note.
_CHROME = re.compile(
    r"message|reply|view\s+profile|verified|pending|premium|\d(?:st|nd|rd|th)\+?|[•·|]|"
    r"(?:1st|2nd|3rd)\s+degree\s+connection",
    re.I,
)


def is_chrome(line: str) -> bool:
    return _CHROME.fullmatch(line.strip(" •·")) is not None or not line.strip(" •·")
