-- Section 6: what presence sync changed and why, for the agent to read
-- (the newest are kept; see presence.rs).
CREATE TABLE presence_history (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     INTEGER NOT NULL,
    side   TEXT NOT NULL CHECK (side IN ('Crm', 'Phone')),
    -- The CRM status's API name or the telephony status's code; NULL:
    -- offline in the CRM's presence.
    status TEXT,
    cause  TEXT NOT NULL,
    note   TEXT
);
