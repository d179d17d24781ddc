-- Phone search: every phone field's digits, reversed, so a search for a
-- number's trailing digits is an indexed prefix match.
CREATE TABLE record_phones (
    record_id       TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    sobject         TEXT NOT NULL,
    field           TEXT NOT NULL,
    reversed_digits TEXT NOT NULL,
    PRIMARY KEY (record_id, field)
);
CREATE INDEX record_phones_lookup ON record_phones (reversed_digits, sobject);
