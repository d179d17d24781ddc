-- Find a contact by name (click-to-call): a case-blind prefix search on the
-- whole name and on the part after its first space (a last name).
CREATE INDEX contacts_by_name ON contacts (name COLLATE NOCASE);
CREATE INDEX contacts_by_last_part ON contacts (substr(name, instr(name, ' ') + 1) COLLATE NOCASE);
