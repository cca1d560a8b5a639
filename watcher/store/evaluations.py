"""What the rules read and write in bulk during an import: batched history for the invitations
being judged and their verdicts written back, one statement per kind."""

from __future__ import annotations

from watcher.store.database import Database


class Evaluations(Database):
    pass
