-- make bench's data, on top of what `crmctl migrate` records in crm_migration:
-- a crm_plugin row for every module, so the home query's LEFT JOIN finds a
-- match for each row, for crmd's page and the PHP page alike. Rerunnable.
INSERT INTO crm_plugin (name, enabled) VALUES ('core', 1), ('home', 1)
  ON DUPLICATE KEY UPDATE enabled = 1;
