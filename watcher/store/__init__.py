"""SQLite, the one source of truth: connection and transactions, schema and migrations, and one
module per aggregate. Callers get domain types (``watcher.models`` and the store's own frozen
records), never ``sqlite3.Row``.

May import ``watcher.models``, ``watcher.core`` and ``watcher.config``; never the rules
(``watcher.judge``), the follow-up, notifications, the daemon or the CLI.
"""
