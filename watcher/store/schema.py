"""The database schema, as the ``PRAGMA user_version`` migrations that build it.

Migration ``n`` takes a database at version ``n - 1`` to ``n``; ``Database`` runs the missing
ones at open, each in its own transaction, and refuses a database newer than this code.
Natural keys make every import idempotent: a person is keyed by the normalised profile URL (or
by ``name:<name key>`` where an old export has no URL); an invitation by (person, direction, sent
time). Row ids never change, so invitation IDs are stable across imports.
"""

from __future__ import annotations

SCHEMA_VERSION = 7

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
    2: """
    -- Evidence over time (DESIGN.md): when each file's contents were true (its as-of time and
    -- how it was read), the window a complete listing (an Invitations.csv) covers, and which
    -- files saw each invitation. No semicolons in these comments: statements split on them.
    ALTER TABLE imports ADD COLUMN as_of TEXT;
    ALTER TABLE imports ADD COLUMN as_of_basis TEXT;
    ALTER TABLE imports ADD COLUMN listed_from TEXT;
    ALTER TABLE imports ADD COLUMN listed_to TEXT;
    UPDATE imports SET as_of = at, as_of_basis = 'the time it was imported'
        WHERE outcome = 'imported';

    CREATE TABLE sightings (
        id INTEGER PRIMARY KEY,
        invitation_id INTEGER NOT NULL REFERENCES invitations(id),
        import_id INTEGER REFERENCES imports(id),
        as_of TEXT NOT NULL,
        -- 1: in a complete listing of its window (Invitations.csv), 0: a partial one (the JSON)
        complete INTEGER NOT NULL,
        UNIQUE (invitation_id, import_id)
    );
    CREATE INDEX sightings_by_invitation ON sightings(invitation_id, as_of);
    -- A capture's "3 days ago" is a window: sent_at is its latest time, this its earliest
    -- (NULL: the time is exact). A later, more exact sighting narrows it.
    ALTER TABLE invitations ADD COLUMN sent_earliest TEXT;
    -- An invitation stored before: seen by the import that created it, as of that import's
    -- time, which was logged at the end of the same transaction.
    INSERT INTO sightings (invitation_id, import_id, as_of, complete)
        SELECT i.id, (SELECT MIN(m.id) FROM imports m
                      WHERE m.outcome = 'imported' AND m.at >= i.first_seen),
               i.first_seen, 0
        FROM invitations i;

    -- The lifecycle event of each move: an invitation closed only by inference (vanished from
    -- a listing) may reopen, one the user decided never does.
    ALTER TABLE transitions ADD COLUMN event TEXT;
    UPDATE transitions SET event = CASE
        WHEN cause = 'command: decide accept' THEN 'decided-accept'
        WHEN cause = 'command: decide ignore' THEN 'decided-ignore'
        WHEN cause = 'command: sent' THEN 'sent'
        WHEN cause IN ('command: replied', 'reminder: They replied') THEN 'replied'
        WHEN to_status = 'unanswered' THEN 'gave-up'
        WHEN cause LIKE 'import of %' AND to_status = 'accepted' THEN 'connected'
        WHEN cause LIKE 'import of %' AND to_status = 'ignored' THEN 'vanished'
        WHEN cause LIKE 'import of %' AND to_status = 'meet-requested' THEN 'sent'
        WHEN cause LIKE 'import of %' AND to_status = 'replied' THEN 'replied'
    END;
    CREATE INDEX transitions_by_invitation ON transitions(invitation_id, id);

    -- Who the user is and their snapshots: the newest file's list wins, whatever the order.
    ALTER TABLE owner ADD COLUMN as_of TEXT;
    ALTER TABLE snapshots ADD COLUMN as_of TEXT;
    """,
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
    4: """
    -- The stored note was cut short by the page it came from ("…See more"). A fuller sighting
    -- of the same note (the archive, a later capture) replaces it and clears this. (No
    -- semicolons in these comments: migrations are split on them.)
    ALTER TABLE invitations ADD COLUMN note_truncated INTEGER NOT NULL DEFAULT 0;
    """,
    5: """
    -- The people known by name only (an old export without URLs), by name key: "is this
    -- inviter a connection under a name-key twin?" looks here, not through every person
    -- sharing the name.
    CREATE INDEX people_name_only ON people(name_key) WHERE profile_url IS NULL;
    """,
    6: """
    -- What an import left to judge once its merge committed: the invitations it may have
    -- changed the verdict of (a JSON array, NULL: every one) and its outcome, announced when
    -- they are judged. Written in the merge's transaction, dropped in the one that stores the
    -- verdicts: a kill in between leaves it for the next import or the daemon's start.
    CREATE TABLE pending_judgings (
        id INTEGER PRIMARY KEY,
        cause TEXT NOT NULL,
        invitation_ids TEXT,
        outcome TEXT NOT NULL,
        announce INTEGER NOT NULL,
        created_at TEXT NOT NULL
    );
    """,
    7: """
    -- A template's count is now named by steps ("10 or more"), and only a change of step
    -- re-judges its senders: what earlier versions wrote is judged once more, by the next
    -- import or the daemon's start, so no finding keeps an exact count that has gone stale.
    INSERT INTO pending_judgings (cause, invitation_ids, outcome, announce, created_at)
        SELECT 'the rules changed (an upgrade)', NULL, '', 0,
            strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
        WHERE EXISTS (SELECT 1 FROM invitations WHERE verdict IS NOT NULL);
    """,
}


def migration(target: int) -> list[str]:
    """The statements that take the schema from ``target - 1`` to ``target``."""
    return [statement for statement in _MIGRATIONS[target].split(";") if statement.strip()]
