-- Attachments and photos of any record, bytes kept in the database so that every crmd
-- host sees them; a record is named by its entity type and id, as in crm_record_user.
CREATE TABLE IF NOT EXISTS crm_file (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  entity VARCHAR(48) NOT NULL,
  record_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('attachment','photo') NOT NULL,
  name VARCHAR(255) NOT NULL,
  mime VARCHAR(127) NOT NULL,
  size BIGINT UNSIGNED NOT NULL,
  data LONGBLOB NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY crm_file_record (entity, record_id, kind, id),
  CONSTRAINT crm_file_user_fk FOREIGN KEY (user_id) REFERENCES crm_user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
