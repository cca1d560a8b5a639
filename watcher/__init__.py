"""invite-watcher: judge LinkedIn connection requests from strangers, and meet first."""

__version__ = "0.1.0"
