-- CONF-1: disposition codes can be the org's, mirrored here by their record
-- id so that calls keep pointing at a local row; local codes have no org.
ALTER TABLE disposition_codes ADD COLUMN crm_org TEXT;
ALTER TABLE disposition_codes ADD COLUMN crm_id TEXT;
DROP INDEX disposition_codes_active_label;
CREATE UNIQUE INDEX disposition_codes_active_label
    ON disposition_codes (COALESCE(crm_org, ''), label COLLATE NOCASE) WHERE retired_at IS NULL;
CREATE UNIQUE INDEX disposition_codes_crm
    ON disposition_codes (crm_org, crm_id) WHERE crm_id IS NOT NULL;
