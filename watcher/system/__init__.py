"""The operating system's side: sd_notify, the systemd user service, logging, the local time zone.

May import ``watcher.config``, ``watcher.core`` and ``watcher.models``.
"""
