-- Every CRM write belongs to the org and user it was made for, and is
-- delivered only there: a call queued while org A is away is never written
-- to the sandbox or to another org B. `target_id` NULL: the call ended while
-- no CRM was in use; the agent sends such calls somewhere, or discards them.
CREATE TABLE crm_targets (
    id           INTEGER PRIMARY KEY,
    org_id       TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    instance_url TEXT NOT NULL,
    username     TEXT NOT NULL,
    sandbox      INTEGER NOT NULL,
    UNIQUE (org_id, user_id)
);

ALTER TABLE outbox ADD COLUMN target_id INTEGER REFERENCES crm_targets (id);
ALTER TABLE outbox ADD COLUMN discarded_at INTEGER;
ALTER TABLE outbox ADD COLUMN discard_reason TEXT;
ALTER TABLE caller_creations ADD COLUMN target_id INTEGER REFERENCES crm_targets (id);
CREATE INDEX outbox_by_target ON outbox (target_id, state);

-- One creation in flight per number and org (was: per number).
DROP INDEX caller_creations_one_per_number;
CREATE UNIQUE INDEX caller_creations_one_per_number_and_org
    ON caller_creations (COALESCE(target_id, 0), e164) WHERE state = 'pending';

-- Writes queued before targets existed belong to the org saved then, if any.
INSERT OR IGNORE INTO crm_targets (org_id, user_id, instance_url, username, sandbox)
    SELECT json_extract(value, '$.org_id'), json_extract(value, '$.user_id'),
           json_extract(value, '$.instance_url'), json_extract(value, '$.username'), 0
    FROM meta
    WHERE key = 'crm_account' AND json_valid(value)
      AND json_extract(value, '$.org_id') IS NOT NULL AND json_extract(value, '$.user_id') IS NOT NULL;
UPDATE outbox SET target_id = (SELECT MIN(id) FROM crm_targets);
UPDATE caller_creations SET target_id = (SELECT MIN(id) FROM crm_targets);
INSERT INTO meta (key, value) SELECT 'write_target', CAST(id AS TEXT) FROM crm_targets ORDER BY id LIMIT 1;
