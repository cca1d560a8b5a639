"""``Store``: every aggregate's methods on one connection (``watcher.store`` exports it)."""

from watcher.store.evaluations import Evaluations
from watcher.store.imports import ImportLog
from watcher.store.judgings import Judgings
from watcher.store.meetups import Meetups
from watcher.store.outbox import OutboxLog
from watcher.store.reading import Reading


class Store(Reading, Meetups, ImportLog, OutboxLog, Evaluations, Judgings):
    """One SQLite database, every aggregate's methods on one connection.

    Not thread-safe: one Store per thread. ``Invitations`` brings ``People`` along (every
    invitation names its counterpart); each part is a mixin over ``Database``. No two parts
    define a method of the same name, so their order decides nothing.
    """
