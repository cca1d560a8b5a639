"""Notifications: what they say (``texts``, pure), which notices an import or a click calls for
(``announce``), and where they go (``backends``: desktop-notifier, log, none).

May import ``watcher.followup``, ``watcher.judge``, ``watcher.store`` and below; never the daemon
or the CLI. ``texts`` imports no I/O module.
"""
