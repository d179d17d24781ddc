-- Account names, so a Contact's match shows its company; Person Accounts
-- are callers themselves and live in `contacts`.
CREATE TABLE accounts (
    id   TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
) WITHOUT ROWID;

ALTER TABLE contacts ADD COLUMN account_id TEXT;
