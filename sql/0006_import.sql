-- CSV imports: the file (converted to UTF-8), its column mapping, progress and report,
-- kept in the database so that any crmd host shows them and the jobs process runs them.
CREATE TABLE IF NOT EXISTS crm_import (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  entity VARCHAR(48) NOT NULL,
  filename VARCHAR(255) NOT NULL DEFAULT '',
  encoding VARCHAR(16) NOT NULL,
  delimiter CHAR(1) NOT NULL,
  data LONGBLOB NOT NULL,
  n_columns INT UNSIGNED NOT NULL,
  -- one line per column: the field it goes to, "cf:<name>" for a custom field, "" for none
  mapping TEXT NULL,
  dup_policy ENUM('skip','update','create') NOT NULL DEFAULT 'skip',
  mode ENUM('all','good') NOT NULL DEFAULT 'good',
  state ENUM('mapping','queued','running','done','failed') NOT NULL DEFAULT 'mapping',
  total INT UNSIGNED NOT NULL DEFAULT 0,
  done INT UNSIGNED NOT NULL DEFAULT 0,
  created INT UNSIGNED NOT NULL DEFAULT 0,
  updated INT UNSIGNED NOT NULL DEFAULT 0,
  skipped INT UNSIGNED NOT NULL DEFAULT 0,
  refused INT UNSIGNED NOT NULL DEFAULT 0,
  -- all-or-nothing imports: whether the rows were stored (0 when a refused row undid them)
  committed TINYINT(1) NOT NULL DEFAULT 0,
  message VARCHAR(96) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  started_at DATETIME NULL,
  finished_at DATETIME NULL,
  KEY crm_import_user (user_id, id),
  KEY crm_import_state (state, id),
  KEY crm_import_created (created_at),
  CONSTRAINT crm_import_user_fk FOREIGN KEY (user_id) REFERENCES crm_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The rows an import refused (or stored only in part), one problem per row: the line
-- of the file, the field and why (an i18n key).
CREATE TABLE IF NOT EXISTS crm_import_error (
  import_id BIGINT UNSIGNED NOT NULL,
  line INT UNSIGNED NOT NULL,
  field VARCHAR(96) NOT NULL DEFAULT '',
  reason VARCHAR(96) NOT NULL,
  -- 1: the row was stored, but this value (a custom field) was not
  partial TINYINT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (import_id, line),
  CONSTRAINT crm_import_error_import_fk FOREIGN KEY (import_id) REFERENCES crm_import (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
