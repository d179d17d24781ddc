-- Durable outbox for CRM writes. A row is added in the same transaction
-- that ends a call Ringside must log; the CRM write itself happens later,
-- as often as needed, and is idempotent by `external_id`.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    call_row        INTEGER NOT NULL UNIQUE REFERENCES calls (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('task')),
    external_id     TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    crm_record_id   TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

-- Facts about this installation (not settings: nothing an admin edits).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
