-- The flag that spares lists a look at crm_record_user for contacts nobody is listed on,
-- and the name index holding what the access check reads, so the default list walks
-- one index.
ALTER TABLE contact ADD COLUMN IF NOT EXISTS has_users TINYINT NOT NULL DEFAULT 0;
UPDATE contact c SET c.has_users = 1 WHERE EXISTS (SELECT 1 FROM crm_record_user ru WHERE ru.entity = 'contact' AND ru.record_id = c.id);
ALTER TABLE contact ADD KEY IF NOT EXISTS contact_name_access (name, id, visibility, owner_id, has_users);
ALTER TABLE contact DROP KEY IF EXISTS contact_name;
