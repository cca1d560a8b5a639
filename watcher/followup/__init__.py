"""The meet-up lifecycle: transitions (pure), applying them to stored invitations, quiet hours (the
one place their arithmetic lives), the reminder plan (pure), the reminder steps against the
store, and drafts of the meet-up message.

May import ``watcher.judge``, ``watcher.store`` and below; never notifications, the daemon or the
CLI. The pure modules (``transitions``, ``quiet``, ``plan``, ``drafts``) import no I/O module.
"""
