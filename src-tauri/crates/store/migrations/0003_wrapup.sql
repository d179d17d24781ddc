-- Wrap-up (WRAP-1..4): disposition codes managed by the admin, and what the
-- agent adds to a call after it ends.

-- Codes are never deleted: a retired code stays valid on the calls that
-- carry it (WRAP-3). Only active labels must be unique.
CREATE TABLE disposition_codes (
    id         INTEGER PRIMARY KEY,
    label      TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    retired_at INTEGER
);
CREATE UNIQUE INDEX disposition_codes_active_label
    ON disposition_codes (label COLLATE NOCASE) WHERE retired_at IS NULL;

INSERT INTO disposition_codes (label, position, created_at) VALUES
    ('Resolved', 1, 0),
    ('Follow-up needed', 2, 0),
    ('Left voicemail', 3, 0),
    ('Wrong number', 4, 0),
    ('Escalated', 5, 0);

ALTER TABLE calls ADD COLUMN disposition_code INTEGER REFERENCES disposition_codes (id);
ALTER TABLE calls ADD COLUMN who_id TEXT;
ALTER TABLE calls ADD COLUMN what_id TEXT;
ALTER TABLE calls ADD COLUMN what_label TEXT;
ALTER TABLE calls ADD COLUMN wrapped_up_at INTEGER;

-- A wrap-up after the Task was written bumps `revision` and makes the write
-- due again; a write counts as done only if it carried the latest revision.
ALTER TABLE outbox ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
