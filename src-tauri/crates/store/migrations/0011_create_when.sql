-- MATCH-2: when an unknown caller's record is made (on ring, on answer, or
-- when Ringside logs the call). Saved settings keep today's behaviour: ring.
ALTER TABLE caller_settings ADD COLUMN create_when TEXT NOT NULL DEFAULT 'Ring'
    CHECK (create_when IN ('Ring', 'Answer', 'Logged'));
