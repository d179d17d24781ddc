-- How a call ended (talked, declined, missed, abandoned, not answered) and
-- the queue that routed it, shown in history. Calls before this migration
-- keep NULL: history says only what it knew then.
ALTER TABLE calls ADD COLUMN call_end TEXT;
ALTER TABLE calls ADD COLUMN queue_name TEXT;
