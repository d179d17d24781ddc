-- Record owners' names (Users), so a match shows who owns the record.
CREATE TABLE owners (
    id   TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
) WITHOUT ROWID;
