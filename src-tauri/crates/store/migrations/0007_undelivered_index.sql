-- The writes not yet done, per org: counted after every call end and read
-- for the waiting list, so they must not scan the whole outbox history.
CREATE INDEX outbox_undelivered ON outbox (target_id, state)
    WHERE state != 'sent' AND discarded_at IS NULL;
