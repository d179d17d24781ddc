-- Which org a call's caller (WhoId) belongs to, so a Task never carries a
-- record id from another org: when the call's Task is for a different org
-- the attribution is dropped (the Task goes without a caller) instead.
ALTER TABLE calls ADD COLUMN who_org_id TEXT;
UPDATE calls SET who_org_id = COALESCE(
    (SELECT t.org_id FROM outbox o JOIN crm_targets t ON t.id = o.target_id WHERE o.call_row = calls.id),
    (SELECT t.org_id FROM meta m JOIN crm_targets t ON t.id = CAST(m.value AS INTEGER) WHERE m.key = 'write_target'))
WHERE who_id IS NOT NULL OR creation_id IS NOT NULL;

-- A live call is its telephony id and its start: a call held in memory
-- (its end not saved yet) never blocks a new call that reuses the id.
DROP INDEX calls_live_call_id;
CREATE UNIQUE INDEX calls_live_call ON calls (call_id, started_at) WHERE ended_at IS NULL;
