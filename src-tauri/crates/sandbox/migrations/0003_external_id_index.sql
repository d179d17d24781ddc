-- External-id fields are indexed, as in a real org: an upsert looks its key
-- up for every record, and a scan per record makes big batches quadratic.
-- The lookup in db.rs uses these exact expressions.
CREATE INDEX records_ext_call_object ON records (sobject, json_extract(fields, '$."CallObject"'));
CREATE INDEX records_ext_ringside_call_id ON records (sobject, json_extract(fields, '$."Ringside_Call_Id__c"'));
CREATE INDEX records_ext_username ON records (sobject, json_extract(fields, '$."Username"'));
CREATE INDEX records_ext_developer_name ON records (sobject, json_extract(fields, '$."DeveloperName"'));
