-- The caller-matching and softphone settings as typed columns (they were
-- JSON documents in `meta`). One row each; absent means the defaults.
CREATE TABLE caller_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    sync_enabled INTEGER NOT NULL CHECK (sync_enabled IN (0, 1)),
    sync_interval_secs INTEGER NOT NULL,
    default_region TEXT NOT NULL,
    auto_create TEXT NOT NULL CHECK (auto_create IN ('Off', 'Contact', 'Lead'))
);

CREATE TABLE phone_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kind TEXT NOT NULL CHECK (kind IN ('Demo', 'Baresip', 'Acd')),
    -- Baresip
    ctrl TEXT,
    dial_domain TEXT,
    -- Acd
    url TEXT,
    agent TEXT,
    CHECK (kind != 'Baresip' OR (ctrl IS NOT NULL AND dial_domain IS NOT NULL)),
    CHECK (kind != 'Acd' OR (url IS NOT NULL AND agent IS NOT NULL))
);

-- What an earlier version saved moves over when it is whole; a document
-- that is not stays in `meta` for the admin (the defaults apply).
INSERT INTO caller_settings (id, sync_enabled, sync_interval_secs, default_region, auto_create)
SELECT 1,
       json_extract(value, '$.sync_enabled'),
       json_extract(value, '$.sync_interval_secs'),
       json_extract(value, '$.default_region'),
       json_extract(value, '$.auto_create')
FROM meta
WHERE key = 'caller_settings'
  AND json_valid(value)
  AND json_type(value, '$.sync_enabled') IN ('true', 'false')
  AND json_type(value, '$.sync_interval_secs') = 'integer'
  AND json_type(value, '$.default_region') = 'text'
  AND json_extract(value, '$.auto_create') IN ('Off', 'Contact', 'Lead');

INSERT INTO phone_settings (id, kind, ctrl, dial_domain, url, agent)
SELECT 1,
       json_extract(value, '$.kind'),
       json_extract(value, '$.ctrl'),
       json_extract(value, '$.dial_domain'),
       json_extract(value, '$.url'),
       json_extract(value, '$.agent')
FROM meta
WHERE key = 'phone_settings'
  AND json_valid(value)
  AND (json_extract(value, '$.kind') = 'Demo'
       OR (json_extract(value, '$.kind') = 'Baresip'
           AND json_type(value, '$.ctrl') = 'text'
           AND json_type(value, '$.dial_domain') = 'text')
       OR (json_extract(value, '$.kind') = 'Acd'
           AND json_type(value, '$.url') = 'text'
           AND json_type(value, '$.agent') = 'text'));

DELETE FROM meta WHERE key = 'caller_settings' AND EXISTS (SELECT 1 FROM caller_settings);
DELETE FROM meta WHERE key = 'phone_settings' AND EXISTS (SELECT 1 FROM phone_settings);
