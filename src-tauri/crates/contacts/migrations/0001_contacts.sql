-- The local copy of the CRM's callers (SYNC-1): one row per record, one
-- row per phone number in E.164 (MATCH-1), indexed for the ringing lookup.
-- Shipped migrations are never edited; add a new file instead.

CREATE TABLE contacts (
    id         TEXT PRIMARY KEY NOT NULL,  -- the CRM's record id
    kind       TEXT NOT NULL CHECK (kind IN ('Contact', 'Lead', 'PersonAccount')),
    name       TEXT NOT NULL,
    company    TEXT,                       -- account name, or the lead's company
    owner_id   TEXT,
    created_at INTEGER NOT NULL,           -- CreatedDate, ms
    modstamp   INTEGER NOT NULL            -- SystemModstamp, ms
) WITHOUT ROWID;

CREATE TABLE contact_phones (
    e164       TEXT NOT NULL,
    contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    field      TEXT NOT NULL,              -- Phone, MobilePhone, …
    raw        TEXT NOT NULL,              -- as stored in the CRM
    extension  TEXT,
    PRIMARY KEY (e164, contact_id, field)
) WITHOUT ROWID;
CREATE INDEX contact_phones_by_contact ON contact_phones (contact_id);

-- Where each object's sync stands, so a crash resumes instead of restarting.
CREATE TABLE sync_state (
    object     TEXT PRIMARY KEY NOT NULL,
    phase      TEXT NOT NULL,              -- full | delta
    checkpoint TEXT,                       -- Bulk locator or SystemModstamp
    updated_at INTEGER NOT NULL
);
