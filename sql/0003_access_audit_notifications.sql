-- Record access lists shared by every plugin, the admins' audit log, and notifications.
CREATE TABLE IF NOT EXISTS crm_record_user (
  entity VARCHAR(48) NOT NULL,
  record_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('manager','reader') NOT NULL,
  PRIMARY KEY (entity, record_id, user_id, kind),
  KEY crm_record_user_user (user_id, entity),
  CONSTRAINT crm_record_user_user_fk FOREIGN KEY (user_id) REFERENCES crm_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS crm_audit (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  user_id BIGINT UNSIGNED NULL,
  action VARCHAR(64) NOT NULL,
  entity VARCHAR(48) NOT NULL DEFAULT '',
  record_id BIGINT UNSIGNED NULL,
  field VARCHAR(64) NOT NULL DEFAULT '',
  old_value TEXT NULL,
  new_value TEXT NULL,
  KEY crm_audit_at (at),
  KEY crm_audit_action (action, id),
  KEY crm_audit_user (user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS crm_notification (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  msg_key VARCHAR(96) NOT NULL,
  text VARCHAR(400) NOT NULL DEFAULT '',
  url VARCHAR(400) NOT NULL DEFAULT '',
  read_at DATETIME NULL,
  KEY crm_notification_user (user_id, read_at, id),
  CONSTRAINT crm_notification_user_fk FOREIGN KEY (user_id) REFERENCES crm_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
