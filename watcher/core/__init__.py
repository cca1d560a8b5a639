"""The pure core every room shares: text folding and phrase patterns, identity (profile URLs and
name keys), name matching.

Imports only the standard library, ``rapidfuzz`` and ``watcher.models``; no I/O, no clock, no
configuration. Anything here may be used by any room.
"""
