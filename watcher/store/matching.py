"""Which stored invitation each staged one is: the SQL both the merge and staging ask.

An invitation is keyed by (person, direction, sent time), where a sent time within a day of a
stored one is the same invitation (the exports carry no time zone); a person has at most one
open invitation to the user at a time, so among several within that day the open one is it.

Most of an import's invitations can be matched before the write lock is taken (``PREMATCH``,
from ``Stage.flush``): it reads the stored invitations only, and the stage remembers what the
database was then, so the merge matches again whatever another writer (or this connection)
changed in between.
"""

from __future__ import annotations

from watcher.models import TIME_SLACK


def _moved(column: str, seconds: int) -> str:
    """SQL for a stored time (UTC ISO 8601 with seconds, ``store.iso``) moved by ``seconds``,
    in the same form, so it compares with the stored times as text."""
    return f"strftime('%Y-%m-%dT%H:%M:%S+00:00', {column}, '{seconds:+d} seconds')"


_SLACK = int(TIME_SLACK.total_seconds())


def _match(person: str) -> str:
    """SQL for the stored invitation a staged one is (NULL: a new one), for the person the SQL
    ``person`` names: the same person and direction, sent times that agree within a day (a
    capture's "3 days ago" is a window of them). The open one first, then the nearest in time,
    then the oldest row."""
    return (
        "(SELECT id FROM ("
        # (a subquery's ORDER BY cannot name the outer row: the distance is a column here)
        "SELECT i.id, i.status IN ('accepted', 'ignored') AS closed, "
        "ABS(julianday(i.sent_at) - julianday(stage_invitations.sent_at)) AS distance "
        f"FROM invitations i WHERE i.person_id = {person} "
        "AND i.direction = stage_invitations.direction AND i.sent_at >= "
        + _moved("COALESCE(stage_invitations.sent_earliest, stage_invitations.sent_at)", -_SLACK)
        + " AND COALESCE(i.sent_earliest, i.sent_at) <= "
        + _moved("stage_invitations.sent_at", _SLACK)
        + ") ORDER BY closed, distance, id LIMIT 1)"
    )


#: The match of each staged invitation of this round that staging did not match already
#: (``PREMATCH``): the person is the one its reference turned out to be in the merge.
MATCH = (
    "UPDATE stage_invitations SET match_id = "
    + _match(
        "(SELECT r.person_id FROM stage_person_ids r WHERE r.ref_key = stage_invitations.ref_key)"
    )
    + " WHERE round = ? AND NOT prematched"
)

#: Matched before the write lock is taken (``Stage.flush``), reading the stored invitations
#: only: each first-round invitation whose reference is a profile URL, the key of the person
#: it names if they are stored (if not, nobody stored invited or was invited by them). Later
#: rounds match what earlier rounds write; a name-only reference may turn out to be a person
#: this file adds: both are left to the merge.
PREMATCH = (
    "UPDATE stage_invitations SET prematched = 1, match_id = "
    + _match("(SELECT p.id FROM people p WHERE p.key = stage_invitations.ref_key)")
    + " WHERE round = 1 AND substr(ref_key, 1, 5) != 'name:'"
)

#: Undo ``PREMATCH`` (the stored invitations may have changed since, or a round moved).
UNMATCH = "UPDATE stage_invitations SET prematched = 0, match_id = NULL WHERE prematched"
