-- Every sObject record, whatever its type. Field values are a JSON object;
-- the system fields Salesforce maintains are columns.
CREATE TABLE records (
    id              TEXT PRIMARY KEY NOT NULL,
    sobject         TEXT NOT NULL,
    fields          TEXT NOT NULL,
    created_date    INTEGER NOT NULL,
    system_modstamp INTEGER NOT NULL,
    deleted_at      INTEGER
);
CREATE INDEX records_type_modstamp ON records (sobject, system_modstamp);
CREATE INDEX records_type_deleted ON records (sobject, deleted_at);

-- Per key prefix, the last number handed out.
CREATE TABLE id_counters (
    prefix TEXT PRIMARY KEY NOT NULL,
    last   INTEGER NOT NULL
);

CREATE TABLE oauth_codes (
    code           TEXT PRIMARY KEY NOT NULL,
    client_id      TEXT NOT NULL,
    redirect_uri   TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    expires_at     INTEGER NOT NULL
);

CREATE TABLE oauth_tokens (
    token      TEXT PRIMARY KEY NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
    user_id    TEXT NOT NULL,
    client_id  TEXT NOT NULL,
    issued_at  INTEGER NOT NULL,
    expires_at INTEGER,
    revoked    INTEGER NOT NULL DEFAULT 0
);
