"""The LinkedIn data archive: a ZIP of CSV tables, read member by member, in memory.

Recognised by content: the ZIP signature plus at least one LinkedIn member name among the local
file headers in the sniffed head (the central directory is at the end of the file, out of
reach of a pure sniff), or a ``…LinkedInDataExport…`` file name. Members are found at any depth,
classified by their header (``linkedin.kind_of``), and streamed straight out of the archive:
nothing is extracted to disk. Unknown members are ignored.

Before any member is read, the central directory is checked against ``LimitsSettings``: the
number of members, the total uncompressed size, the compression ratio of each member larger than
``zip_ratio_floor_bytes`` (ZIP bombs), and encryption. zipfile itself refuses to inflate a
member past its declared size, so the declared sizes are safe to trust.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from watcher.config.settings import LimitsSettings
from watcher.models import ReadProgress, Record
from watcher.sources.asof import dated_archive
from watcher.sources.base import SourceError
from watcher.sources.linkedin.loose import TableKind, core_kind_name, read_table, sniff_kind
from watcher.sources.linkedin.owner import OwnerClues
from watcher.sources.text import SNIFF_BYTES, Place

ZIP_MAGIC = b"PK\x03\x04"
_LOCAL_HEADER = re.compile(rb"PK\x03\x04.{22}(..)(..)", re.DOTALL)

#: Member names (lower-case, no folder, no extension) of LinkedIn archives since 2018; any one of
#: them in the head marks a LinkedIn archive.
LINKEDIN_MEMBERS = frozenset(
    {
        "ad_targeting", "ad targeting", "articles", "certifications", "comments",
        "company follows", "connections", "contacts", "courses", "education",
        "email addresses", "endorsement_given_info", "endorsement_received_info",
        "endorsement given info", "endorsement received info", "events", "honors",
        "imported contacts", "importedcontacts", "inferences_about_you", "invitations",
        "jobs", "job applications", "languages", "learning", "logins", "member_follows",
        "messages", "patents", "phonenumbers", "phone numbers", "positions", "profile",
        "profile summary", "projects", "publications", "reactions", "receipts",
        "recommendations_given", "recommendations_received", "registration", "rich_media",
        "savedjobalerts", "searchqueries", "search queries", "security challenges",
        "shares", "skills", "verifications", "votes", "whatsapp phone numbers",
    }
)  # fmt: skip


def member_names_in(head: bytes) -> Iterator[str]:
    """The file names of the local headers found in ``head`` (those whose name fits in it)."""
    for match in _LOCAL_HEADER.finditer(head):
        name_length = int.from_bytes(match.group(1), "little")
        start = match.end()
        raw = head[start : start + name_length]
        if len(raw) == name_length:
            yield raw.decode("utf-8", errors="replace")


def _is_linkedin_member(name: str) -> bool:
    path = PurePosixPath(name)
    return any(
        part.lower().removesuffix(".csv") in LINKEDIN_MEMBERS
        for part in (*path.parent.parts, path.name)
    )


@dataclass(frozen=True)
class _Member:
    info: zipfile.ZipInfo
    kind: TableKind

    @property
    def order(self) -> tuple[int, str]:
        return self.kind.rank, self.info.filename


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise SourceError(
            "the ZIP archive is truncated or corrupt (no readable directory)"
        ) from None
    except (OSError, EOFError, ValueError) as error:
        raise SourceError(f"cannot open the ZIP archive: {error}") from None


def check_limits(infos: list[zipfile.ZipInfo], limits: LimitsSettings) -> None:
    """Refuse ZIP bombs and encrypted archives before reading anything."""
    if len(infos) > limits.zip_max_members:
        raise SourceError(
            f"the ZIP archive has {len(infos):,} members, more than limits.zip_max_members "
            f"({limits.zip_max_members:,})"
        )
    total = sum(info.file_size for info in infos)
    if total > limits.zip_max_total_bytes:
        raise SourceError(
            f"the ZIP archive would unpack to {total:,} bytes, more than "
            f"limits.zip_max_total_bytes ({limits.zip_max_total_bytes:,})"
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        # a small member cannot unpack to much whatever its ratio, and the total cap bounds
        # them all; LinkedIn's own small messages.csv compresses past 200:1
        if info.file_size > limits.zip_ratio_floor_bytes and ratio > limits.zip_max_ratio:
            raise SourceError(
                f"{info.filename}: compressed {ratio:,.0f} to 1, more than limits.zip_max_ratio "
                f"({limits.zip_max_ratio}): a ZIP bomb?"
            )
        if info.flag_bits & 0x1:
            raise SourceError(f"the ZIP archive is encrypted ({info.filename} needs a password)")


def _member_error(name: str, error: Exception) -> SourceError:
    if isinstance(error, NotImplementedError):
        return SourceError(f"{name}: compressed with a method we cannot read ({error})")
    return SourceError(f"{name}: the ZIP member is corrupt or truncated ({error})")


_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError)


def _classify(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> TableKind | None:
    try:
        with archive.open(info) as stream:
            head = stream.read(SNIFF_BYTES)
    except _MEMBER_ERRORS as error:
        raise _member_error(info.filename, error) from None
    kind = sniff_kind(info.filename, head)
    core = core_kind_name(info.filename)
    if kind is None and core is not None and head.strip():
        raise SourceError(
            f"{info.filename}: not the LinkedIn {core} table we know (unreadable or "
            "unexpected columns); did the format change?"
        )
    return kind


def _members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> list[_Member]:
    members = []
    for info in infos:
        if info.is_dir() or info.file_size == 0:
            continue
        kind = _classify(archive, info)
        if kind is not None:
            members.append(_Member(info, kind))
    return sorted(members, key=lambda member: member.order)


def _read_member(
    archive: zipfile.ZipFile,
    member: _Member,
    label: str,
    limits: LimitsSettings,
    *,
    clues: OwnerClues,
    place: Place,
) -> Iterator[Record]:
    name = member.info.filename
    try:
        with archive.open(member.info) as stream:
            yield from read_table(
                stream, PurePosixPath(name).name, label, limits, clues=clues, place=place
            )
    except SourceError as error:
        raise SourceError(f"{name}: {error}") from None
    except _MEMBER_ERRORS as error:
        raise _member_error(name, error) from None


class ArchiveSource:
    """``Basic_/Complete_LinkedInDataExport_MM-DD-YYYY.zip``, under any name."""

    name = "linkedin-archive"

    def sniff(self, name: str, head: bytes) -> bool:
        if not head.startswith(ZIP_MAGIC):
            return False
        if "linkedindataexport" in name.lower().replace(" ", ""):
            return True
        return any(_is_linkedin_member(member) for member in member_names_in(head))

    def read(self, path: Path, limits: LimitsSettings) -> Iterator[Record]:
        """The tables' records, with the archive's as-of time (``asof.dated_archive``)."""
        return dated_archive(path.name, self._tables(path, limits))

    def _tables(self, path: Path, limits: LimitsSettings) -> Iterator[Record]:
        """Progress reports count the uncompressed bytes of the members read, up to their sum
        (a member read only in part, Profile.csv, counts whole once it is done)."""
        with _open_zip(path) as archive:
            infos = archive.infolist()
            check_limits(infos, limits)
            members = _members(archive, infos)
            if not members:
                raise SourceError("the ZIP archive holds no LinkedIn table we can read")
            total = sum(member.info.file_size for member in members)
            done = 0
            # members go in rank order, whatever their order in the ZIP: Profile, Connections
            # and Invitations have told who the owner is before messages.csv needs it
            clues = OwnerClues()
            for member in members:
                name = member.info.filename
                place = Place(PurePosixPath(name).name, done, total)
                label = f"{path.name}/{name}"
                yield from _read_member(archive, member, label, limits, clues=clues, place=place)
                done += member.info.file_size
                yield ReadProgress(place.member, done, total)
