"""The date and time shapes of LinkedIn exports (reference/export-formats.md §1.8).

Formats are tried in one fixed order, most common first, each as an anchored pattern, so a value
never means one thing in one file and another elsewhere. Month names are matched against an
English table rather than ``strptime``'s ``%b``, which follows the process locale. Zone-less
values are read as UTC (see ``watcher.models.TIME_SLACK`` for why that is good enough).

Two-digit years pivot at 69 like POSIX: ``22`` is 2022, ``70`` is 1970.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_ISO = re.compile(
    r"(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?"
)
_US = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})")
_MONTH_DAY_YEAR = re.compile(
    r"([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
)
_MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.? (\d{4})")
_YEAR = re.compile(r"(\d{4})")
_RANGE_SEPARATOR = re.compile(r"\s+-\s+")


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        return value + (2000 if value < 69 else 1900)
    return value


def _hour(hour: str, meridiem: str | None) -> int:
    value = int(hour)
    if meridiem is None:
        return value
    if not 1 <= value <= 12:
        raise ValueError("hour out of range for a 12-hour clock")
    return value % 12 + (12 if meridiem.lower() == "pm" else 0)


def _zone(text: str | None) -> timezone:
    if text is None or text in ("UTC", "GMT", "Z"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _from_iso(match: re.Match[str]) -> datetime:
    y, m, d, hh, mm, ss, zone = match.groups()
    return datetime(
        int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0), tzinfo=_zone(zone)
    )


def _from_us(match: re.Match[str]) -> datetime:
    m, d, y, hh, mm, ss, meridiem = match.groups()
    hour = _hour(hh, meridiem) if hh else 0
    return datetime(_year(y), int(m), int(d), hour, int(mm or 0), int(ss or 0), tzinfo=UTC)


def _month(name: str) -> int:
    number = _MONTHS.get(name.lower())
    if number is None:
        raise ValueError(f"unknown month {name!r}")
    return number


def _from_day_month_year(match: re.Match[str]) -> datetime:
    d, month, y = match.groups()
    return datetime(_year(y), _month(month), int(d), tzinfo=UTC)


def _from_month_day_year(match: re.Match[str]) -> datetime:
    month, d, y, hh, mm, ss, meridiem = match.groups()
    hour = _hour(hh, meridiem) if hh else 0
    return datetime(int(y), _month(month), int(d), hour, int(mm or 0), int(ss or 0), tzinfo=UTC)


#: The fixed order: messages and endorsements, Invitations/Connections 2018/Recommendations/
#: Excel, Connections 2021+ and Excel re-saves, Profile birth dates and Events.
_FORMATS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], datetime]], ...] = (
    (_ISO, _from_iso),
    (_US, _from_us),
    (_DAY_MONTH_YEAR, _from_day_month_year),
    (_MONTH_DAY_YEAR, _from_month_day_year),
)


@functools.lru_cache(maxsize=1 << 14)
def parse_datetime(text: str) -> datetime | None:
    """An aware datetime (UTC when the text has no zone), or None for anything unrecognised.

    A date without a time is midnight. Values without a year (Profile's ``Jun 20``) are None.
    Cached: Connections.csv repeats the same few hundred dates thousands of times.
    """
    text = text.strip()
    if not text:
        return None
    for pattern, build in _FORMATS:
        match = pattern.fullmatch(text)
        if match is not None:
            try:
                return build(match)
            except ValueError:  # 31 Feb, month 13, hour 25
                return None
    return None


def parse_date(text: str) -> date | None:
    """The calendar date of any full date or datetime ``parse_datetime`` reads."""
    value = parse_datetime(text)
    return None if value is None else value.date()


def parse_month(text: str) -> date | None:
    """Positions' ``Jun 2018`` or ``2017`` (the first of the month or year), or a full date."""
    text = text.strip()
    match = _MONTH_YEAR.fullmatch(text)
    if match is not None:
        try:
            return date(int(match.group(2)), _month(match.group(1)), 1)
        except ValueError:
            return None
    match = _YEAR.fullmatch(text)
    if match is not None:
        year = int(match.group(1))
        return date(year, 1, 1) if year >= 1 else None
    return parse_date(text)


def parse_year(text: str) -> int | None:
    """Education's ``2015`` (or the year of any date we read)."""
    text = text.strip()
    if _YEAR.fullmatch(text):
        return int(text)
    value = parse_month(text)
    return None if value is None else value.year


def parse_range(text: str) -> tuple[datetime | None, datetime | None]:
    """Events' ``Jul 01, 2021 10:00 AM - Jul 01, 2021 10:45 AM`` -> (start, end).

    A single time gives (start, None); anything unreadable gives (None, None).
    """
    parts = _RANGE_SEPARATOR.split(text.strip(), maxsplit=1)
    start = parse_datetime(parts[0])
    end = parse_datetime(parts[1]) if len(parts) == 2 else None
    if start is None:
        return None, None
    return start, end


def sortable(text: str) -> str:
    """``YYYY-MM-DD HH:MM:SS`` (UTC) for any datetime we read, "" otherwise.

    messages.csv's own ``2023-06-11 15:33:58 UTC`` already sorts as text; older shapes are
    turned into it so the message tally can compare strings instead of datetimes.
    """
    value = parse_datetime(text)
    if value is None:
        return ""
    try:
        return value.astimezone(UTC).isoformat(sep=" ")[:19]
    except OverflowError:  # year 1 with a positive offset
        return ""
