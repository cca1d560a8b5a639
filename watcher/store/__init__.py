"""SQLite, the one source of truth: connection and transactions (``database``), schema and
migrations (``schema``), and one module per aggregate (``imports``, ``people``, ``invitations``,
``lifecycle``, ``evidence``, ``meetups``, ``outbox``, ``judgings``), combined here into the one
``Store`` callers use. Callers get domain types (``watcher.models`` and the store's own frozen
records, ``records``), never ``sqlite3.Row``.

May import ``watcher.models``, ``watcher.core`` and ``watcher.config``; never the rules
(``watcher.judge``), the follow-up, notifications, the daemon or the CLI.
"""

from watcher.store.database import StoreError, iso, parse_iso
from watcher.store.evaluations import Evaluations
from watcher.store.evidence import Evidence
from watcher.store.imports import ImportLog
from watcher.store.invitations import Invitations
from watcher.store.judgings import Judgings, PendingJudging
from watcher.store.lifecycle import Lifecycle
from watcher.store.listing import Listing
from watcher.store.meetups import Meetups
from watcher.store.outbox import NewNotice, OutboxEntry, OutboxLog
from watcher.store.records import (
    ApplyCounts,
    LoggedImport,
    Sighting,
    StatusChange,
    StoredInvitation,
    Transition,
    VerdictChange,
)

__all__ = [
    "ApplyCounts",
    "LoggedImport",
    "NewNotice",
    "OutboxEntry",
    "PendingJudging",
    "Sighting",
    "StatusChange",
    "Store",
    "StoreError",
    "StoredInvitation",
    "Transition",
    "VerdictChange",
    "iso",
    "parse_iso",
]


class Store(
    Invitations,
    Lifecycle,
    Evidence,
    Meetups,
    ImportLog,
    OutboxLog,
    Listing,
    Evaluations,
    Judgings,
):
    """One SQLite database, every aggregate's methods on one connection.

    Not thread-safe: one Store per thread. ``Invitations`` brings ``People`` along (every
    invitation names its counterpart); each part is a mixin over ``Database``.
    """
