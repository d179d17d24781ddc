-- Caller matching (MATCH-2/4/7): who a call is attributed to, with the words
-- to show for it, and the records Ringside creates for unknown callers.
-- A creation is queued and retried like a Task write; a call's Task waits
-- for it so the Task carries the new record as its WhoId.

ALTER TABLE calls ADD COLUMN who_label TEXT;

CREATE TABLE caller_creations (
    id              INTEGER PRIMARY KEY,
    object          TEXT NOT NULL CHECK (object IN ('Contact', 'Lead')),
    e164            TEXT NOT NULL,
    fields          TEXT NOT NULL,            -- the record to create, JSON
    state           TEXT NOT NULL CHECK (state IN ('pending', 'created', 'abandoned')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    record_id       TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
-- Never two creations in flight for one number: later calls share the first.
CREATE UNIQUE INDEX caller_creations_one_per_number
    ON caller_creations (e164) WHERE state = 'pending';
CREATE INDEX caller_creations_due ON caller_creations (state, next_attempt_at);

ALTER TABLE calls ADD COLUMN creation_id INTEGER REFERENCES caller_creations (id);
CREATE INDEX calls_by_creation ON calls (creation_id) WHERE creation_id IS NOT NULL;
