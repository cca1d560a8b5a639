"""The store's reading side alone: an invitation, its history and sightings, the listing.

What ``list`` and ``show`` ask of the database, without the aggregates only writers and the
daemon use (the outbox, the meet-ups, the import log, the judgings, the rules' bulk reads):
their modules are not loaded for a command that prints and exits. ``Store`` is this and the
rest, so a function taking a ``Reading`` takes a ``Store`` too.
"""

from watcher.store.evidence import Evidence
from watcher.store.invitations import Invitations
from watcher.store.lifecycle import Lifecycle
from watcher.store.listing import Listing


class Reading(Invitations, Lifecycle, Evidence, Listing):
    """One SQLite database, for reading invitations back (each part a mixin over
    ``Database``, as in ``Store``)."""
