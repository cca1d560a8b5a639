"""The import summary in words (``watcher.cli.import_summary``) from counts, not invitations."""

from __future__ import annotations

from pathlib import Path

from watcher.cli.import_summary import summary_line
from watcher.models import Direction, ImportChanges, Imported, Status, Verdict

IN, OUT = Direction.INCOMING, Direction.OUTGOING


def imported(new: int, **more: int) -> Imported:
    changes = ImportChanges(new={"invitations": new, **more}, new_invitation_ids=list(range(new)))
    return Imported(path=Path("a.zip"), kind="linkedin-archive", sha256="0" * 64, changes=changes)


def test_import_summary_names_where_the_new_invitations_stand_from_the_tally() -> None:
    tally = {
        (IN, Status.PENDING, Verdict.MEET_FIRST): 5,
        (IN, Status.PENDING, Verdict.IGNORE): 7,
        (IN, Status.ACCEPTED, Verdict.ACCEPT): 30_000,
        (IN, Status.ACCEPTED, Verdict.IGNORE): 2,
        (IN, Status.REPLIED, Verdict.MEET_FIRST): 1,
        (IN, Status.PENDING, None): 3,
        (OUT, Status.PENDING, None): 4,
    }

    line = summary_line(imported(30_022, connections=300), tally)

    assert line == (
        "imported a.zip (linkedin-archive): 30,022 new invitations: 5 to meet first, "
        "7 to ignore, 3 not judged, 30,002 already connected, 1 in a meet-up, 4 sent by you; "
        "also 300 new connections"
    )


def test_import_summary_of_a_dry_run_counts_only() -> None:
    line = summary_line(imported(1), {}, dry_run=True)

    assert line == "would import a.zip (linkedin-archive): 1 new invitation"
