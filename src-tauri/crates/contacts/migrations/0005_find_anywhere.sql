-- Find a contact by a word anywhere in its name or company, or by any run
-- of digits in one of its numbers, from an index (two FTS5 tables keyed by
-- `contacts.search_key`, a number each record gets when it is indexed,
-- counted up in `search_key_counter`).
-- The name prefix indexes of 0004 are replaced by them.
DROP INDEX contacts_by_name;
DROP INDEX contacts_by_last_part;

ALTER TABLE contacts ADD COLUMN search_key INTEGER;
CREATE UNIQUE INDEX contacts_by_search_key ON contacts (search_key);
CREATE TABLE search_key_counter (next INTEGER NOT NULL);
INSERT INTO search_key_counter (next) VALUES (0);
-- An account renamed in the CRM re-indexes its Contacts' company.
CREATE INDEX contacts_by_account ON contacts (account_id) WHERE account_id IS NOT NULL;

-- Words of the name and of the company (a Lead's own, a Contact's
-- account's), case- and accent-blind; a prefix index per length up to 8
-- keeps each typed prefix one index walk.
CREATE VIRTUAL TABLE contact_words USING fts5 (
    name, company,
    tokenize = 'unicode61 remove_diacritics 2',
    detail = none, prefix = '2 3 4 5 6 7 8',
    content = '', contentless_delete = 1
);
-- Each number's digits (E.164 without `+`, and as the CRM stores it), as
-- trigrams with positions: any run of three or more digits is a phrase.
CREATE VIRTUAL TABLE contact_digits USING fts5 (
    digits,
    tokenize = 'trigram',
    detail = full,
    content = '', contentless_delete = 1
);
