"""SQLite, the one source of truth: connection and transactions (``database``), schema and
migrations (``schema``), and one module per aggregate (``imports``, ``people``, ``invitations``,
``lifecycle``, ``evidence``, ``meetups``, ``outbox``, ``judgings``), combined into the one
``Store`` callers use (``complete``; its reading side alone, for the commands that only print,
is ``reading.Reading``). Callers get domain types (``watcher.models`` and the store's own frozen
records, ``records``), never ``sqlite3.Row``.

May import ``watcher.models``, ``watcher.core`` and ``watcher.config``; never the rules
(``watcher.judge``), the follow-up, notifications, the daemon or the CLI.
"""

import importlib
from typing import TYPE_CHECKING

from watcher.store.database import StoreError, iso, parse_iso
from watcher.store.records import (
    ApplyCounts,
    LoggedImport,
    Sighting,
    StatusChange,
    StoredInvitation,
    Transition,
    VerdictChange,
)

if TYPE_CHECKING:
    from watcher.store.complete import Store
    from watcher.store.judgings import PendingJudging
    from watcher.store.outbox import NewNotice, OutboxEntry

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

#: Exported names whose modules load on first use (PEP 562): ``list`` and ``show`` read with
#: ``watcher.store.reading.Reading`` and never need the writers' aggregates these bring.
_LAZY = {
    "Store": "watcher.store.complete",
    "PendingJudging": "watcher.store.judgings",
    "NewNotice": "watcher.store.outbox",
    "OutboxEntry": "watcher.store.outbox",
}


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value  # once: the next lookup finds it without coming here
    return value
