"""``invite-watcher run``: the composition root and its parts, one job each — folder watching,
the import worker, the outbox, the action router (notification buttons), the reminder scheduler.

Parts depend on small Protocols and an injected clock, never on the daemon itself. May import
every room but the CLI.
"""
