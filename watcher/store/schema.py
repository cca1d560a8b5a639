"""The database schema, as the ``PRAGMA user_version`` migrations that build it.

Migration ``n`` takes a database at version ``n - 1`` to ``n``; ``Database`` runs the missing
ones at open, each in its own transaction, and refuses a database newer than this code.
Natural keys make every import idempotent: a person is keyed by the normalised profile URL (or
by ``name:<name key>`` where an old export has no URL); an invitation by (person, direction, sent
time). Row ids never change, so invitation IDs are stable across imports.
"""

from __future__ import annotations

SCHEMA_VERSION = 3

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        profile_url TEXT,
        headline TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX people_by_name_key ON people(name_key);

    CREATE TABLE connections (
        person_id INTEGER PRIMARY KEY REFERENCES people(id),
        email TEXT, company TEXT, position TEXT,
        connected_on TEXT,
        source TEXT NOT NULL
    );

    CREATE TABLE message_stats (
        person_id INTEGER PRIMARY KEY REFERENCES people(id),
        inbound_count INTEGER NOT NULL, outbound_count INTEGER NOT NULL,
        first_inbound TEXT, last_inbound TEXT, first_outbound TEXT, last_outbound TEXT,
        source TEXT NOT NULL
    );

    CREATE TABLE invitations (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people(id),
        direction TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        headline TEXT NOT NULL DEFAULT '',
        mutual_connections INTEGER,
        note_fingerprint TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'pending',
        verdict TEXT, score INTEGER, reasons TEXT, evaluated_at TEXT,
        first_seen TEXT NOT NULL,
        last_seen_source TEXT NOT NULL
    );
    CREATE INDEX invitations_by_person ON invitations(person_id, direction, sent_at);
    CREATE INDEX invitations_by_fingerprint ON invitations(note_fingerprint);

    CREATE TABLE transitions (
        id INTEGER PRIMARY KEY,
        invitation_id INTEGER NOT NULL REFERENCES invitations(id),
        at TEXT NOT NULL,
        from_status TEXT NOT NULL, to_status TEXT NOT NULL,
        cause TEXT NOT NULL
    );

    CREATE TABLE verdict_changes (
        id INTEGER PRIMARY KEY,
        invitation_id INTEGER NOT NULL REFERENCES invitations(id),
        at TEXT NOT NULL,
        old_verdict TEXT, new_verdict TEXT NOT NULL,
        cause TEXT NOT NULL
    );

    CREATE TABLE owner (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        profile TEXT NOT NULL
    );

    CREATE TABLE snapshots (
        kind TEXT PRIMARY KEY,
        items TEXT NOT NULL,
        source TEXT NOT NULL
    );

    CREATE TABLE acquaintances (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        profile_url TEXT NOT NULL DEFAULT '',
        emails TEXT NOT NULL DEFAULT '',
        company TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL,
        UNIQUE (kind, name_key, profile_url, emails, at, detail)
    );

    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        kind TEXT,
        outcome TEXT NOT NULL,
        error TEXT,
        at TEXT NOT NULL
    );
    CREATE INDEX imports_by_hash ON imports(sha256);

    CREATE TABLE meetups (
        invitation_id INTEGER PRIMARY KEY REFERENCES invitations(id),
        sent_at TEXT NOT NULL,
        fired_stage INTEGER NOT NULL DEFAULT 0,
        snoozed_until TEXT
    );
    """,
    # 2: evidence over time (as-of times, sightings); 3: the persistent outbox. Placeholders
    # until those land: a database made meanwhile is a test's, thrown away.
    2: "SELECT 1",
    3: """
    -- Every notice is written here before it is sent (in the transaction that called for it)
    -- and marked once the notification server took it: a restart shows what was not shown.
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        notice TEXT NOT NULL,
        cause TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        shown_at TEXT,
        -- the budget folded it: counted by the "and N more" notice summarised_in names
        folded_at TEXT,
        summarised_in INTEGER
    );
    CREATE INDEX outbox_unsent ON outbox(id) WHERE shown_at IS NULL AND folded_at IS NULL;
    CREATE INDEX outbox_by_shown ON outbox(shown_at) WHERE shown_at IS NOT NULL;
    """,
}


def migration(target: int) -> list[str]:
    """The statements that take the schema from ``target - 1`` to ``target``."""
    return [statement for statement in _MIGRATIONS[target].split(";") if statement.strip()]
