"""invite-watcher's own invitation file: what the browser's invitation manager page shows.

The LinkedIn archive lacks headlines and mutual connections, and only arrives after a day; this
small JSON carries the invitations still waiting, made in the browser::

    {
      "format": "invite-watcher/invitations@1",
      "exported_at": "2026-04-02T09:15:00+02:00",
      "invitations": [
        {
          "name": "Yaz Moreno",
          "profile_url": "https://www.linkedin.com/in/yaz-moreno",
          "headline": "Climate tech founder",
          "note": "Hi Eve! We met at Open Campus. Coffee next week?",
          "sent_at": "2026-04-01T18:03:00Z",
          "mutual_connections": 4,
          "direction": "incoming"
        }
      ]
    }

Only ``name`` and ``sent_at`` are required in an entry; ``direction`` defaults to ``incoming``.
``null`` for an optional field means the field is absent (exporters write it for "unknown").
Times are ISO 8601; a time without a zone is read as UTC. Unknown keys are ignored so newer
exporters can add fields. A file is read whole (it is small) and validated with pydantic; the
first problem is reported naming the entry (``invitations[2] (Jo Lee): sent_at: …``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from watcher.config.settings import LimitsSettings
from watcher.core.identity import normalise_url
from watcher.models import AsOf, Direction, InvitationRecord, PersonRef, ReadProgress
from watcher.sources import asof
from watcher.sources.base import SourceError

FORMAT = "invite-watcher/invitations@1"
FORMAT_FAMILY = b'"invite-watcher/invitations@'
_VERSION = re.compile(r"invite-watcher/invitations@(\S+)")


class _NullIsAbsent(BaseModel):
    """A model where ``null`` for an optional field reads as the field left out.

    Exporters write ``null`` for "unknown" all the time; dropping the key before validation
    lets the field's default apply, while ``null`` for a required field, or a wrong type,
    still fails naming the field.
    """

    @model_validator(mode="before")
    @classmethod
    def _drop_nulls(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        optional = {name for name, field in cls.model_fields.items() if not field.is_required()}
        return {
            key: value for key, value in data.items() if value is not None or key not in optional
        }


class JsonInvitation(_NullIsAbsent):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    name: str = Field(min_length=1)
    profile_url: str | None = None
    headline: str | None = None
    note: str = ""
    sent_at: datetime
    mutual_connections: int | None = Field(default=None, ge=0)
    direction: Direction = Direction.INCOMING

    @field_validator("profile_url")
    @classmethod
    def _profile_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        normalised = normalise_url(value)
        if normalised is None:
            raise ValueError(f"{value!r} is not a LinkedIn profile URL (…/in/<name>)")
        return normalised

    @field_validator("sent_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class InvitationsFile(_NullIsAbsent):
    model_config = ConfigDict(extra="ignore")

    format: Literal["invite-watcher/invitations@1"]
    exported_at: datetime | None = None
    invitations: list[JsonInvitation]


def _describe(error: ValidationError, document: Any) -> str:
    first = error.errors()[0]
    loc = list(first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if len(loc) >= 2 and loc[0] == "invitations" and isinstance(loc[1], int):
        entry = f"invitations[{loc[1]}]"
        name = _entry_name(document, loc[1])
        where = entry + (f" ({name})" if name else "")
        field = ".".join(str(part) for part in loc[2:])
        return f"{where}: {field + ': ' if field else ''}{message}"
    return f"{'.'.join(str(part) for part in loc) or 'the document'}: {message}"


def _entry_name(document: Any, index: int) -> str:
    try:
        name = document["invitations"][index]["name"]
    except (KeyError, IndexError, TypeError):
        return ""
    return name if isinstance(name, str) else ""


def parse_invitations(data: bytes) -> InvitationsFile:
    """Validate the whole document; SourceError with the offending entry when it is wrong."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SourceError("not UTF-8 text") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise SourceError(f"not valid JSON ({where}): {error.msg}") from None
    version = (
        _VERSION.search(str(document.get("format", ""))) if isinstance(document, dict) else None
    )
    if version is not None and version.group(1) != "1":
        raise SourceError(f"format version {version.group(1)} is newer than this program reads (1)")
    try:
        return InvitationsFile.model_validate(document)
    except ValidationError as error:
        raise SourceError(_describe(error, document)) from None


def _record(entry: JsonInvitation, source: str) -> InvitationRecord:
    return InvitationRecord(
        counterpart=PersonRef(name=entry.name, profile_url=entry.profile_url),
        direction=entry.direction,
        sent_at=entry.sent_at,
        message=entry.note,
        headline=entry.headline or None,
        mutual_connections=entry.mutual_connections,
        pending_only=True,
        source=source,
    )


class InvitationsJsonSource:
    name = "invitations-json"

    def sniff(self, name: str, head: bytes) -> bool:
        text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
        return text.startswith(b"{") and FORMAT_FAMILY in head

    def read(
        self, path: Path, limits: LimitsSettings
    ) -> Iterator[InvitationRecord | AsOf | ReadProgress]:
        """The document is read and validated whole (it is small): its as-of time first, then
        its records, then one progress report, all of it read."""
        try:
            data = path.read_bytes()
        except OSError as error:
            raise SourceError(f"cannot read the file: {error.strerror or error}") from None
        document = parse_invitations(data)
        yield asof.exported_at(document.exported_at)
        for entry in document.invitations:
            yield _record(entry, path.name)
        yield ReadProgress(path.name, len(data), len(data))
