-- Shipped migrations are never edited; add a new file instead.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- STATE-4: every login event with the states after it.
CREATE TABLE login_changes (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    event     TEXT NOT NULL,
    crm       TEXT NOT NULL,
    companion TEXT NOT NULL,
    changed   INTEGER NOT NULL
);

CREATE TABLE calls (
    id                 INTEGER PRIMARY KEY,
    call_id            TEXT NOT NULL,
    direction          TEXT NOT NULL,
    remote             TEXT NOT NULL,
    queue              INTEGER NOT NULL,
    started_at         INTEGER NOT NULL,
    answered_at        INTEGER,
    ended_at           INTEGER,
    final_phase        TEXT,
    end_reason         TEXT,
    acd_task_url       TEXT,
    do_not_log         INTEGER,
    do_not_log_touched INTEGER,
    crm_at_end         TEXT,
    companion_at_end   TEXT,
    writer             TEXT,
    reason             TEXT,
    disposition        TEXT,
    notes              TEXT,
    interrupted        INTEGER NOT NULL DEFAULT 0
);
-- One live row per telephony call id; ids may be reused once a call ends.
CREATE UNIQUE INDEX calls_live_call_id ON calls (call_id) WHERE ended_at IS NULL;
CREATE INDEX calls_started ON calls (started_at DESC);

CREATE TABLE call_phases (
    call_row  INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    phase     TEXT NOT NULL,
    at        INTEGER NOT NULL,
    crm       TEXT NOT NULL,
    companion TEXT NOT NULL,
    PRIMARY KEY (call_row, seq)
);

CREATE TABLE call_anomalies (
    id       INTEGER PRIMARY KEY,
    call_row INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    at       INTEGER NOT NULL,
    message  TEXT NOT NULL
);
CREATE INDEX call_anomalies_call ON call_anomalies (call_row);
