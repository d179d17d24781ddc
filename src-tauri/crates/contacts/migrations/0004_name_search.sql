-- Find a contact by name (click-to-call): a case-blind prefix search.
CREATE INDEX contacts_by_name ON contacts (name COLLATE NOCASE);
