-- What every record type shares, named by entity type and record id as in
-- crm_record_user: tags, history with admin-edited categories, custom fields and
-- their values, and links between records.
CREATE TABLE IF NOT EXISTS crm_tag (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- compared without regard to case: "VIP" and "vip" are one tag
  name VARCHAR(100) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY crm_tag_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS crm_record_tag (
  entity VARCHAR(48) NOT NULL,
  record_id BIGINT UNSIGNED NOT NULL,
  tag_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (entity, record_id, tag_id),
  -- lists filtered by a tag, and the tags in use for an entity type
  KEY crm_record_tag_tag (tag_id, entity, record_id),
  CONSTRAINT crm_record_tag_tag_fk FOREIGN KEY (tag_id) REFERENCES crm_tag (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- code names the categories code writes ("created", "call", ...); NULL for those admins
-- add. Seeded names are message keys shown through crm:t; a renamed one shows as typed.
CREATE TABLE IF NOT EXISTS crm_history_category (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(48) NULL,
  name VARCHAR(100) NOT NULL,
  system TINYINT(1) NOT NULL DEFAULT 0,
  position INT NOT NULL DEFAULT 0,
  UNIQUE KEY crm_history_category_code (code),
  KEY crm_history_category_position (position, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- System categories are written by the core and by plugins (calls, mail, tasks) and
-- cannot be deleted; users log meetings by hand.
INSERT IGNORE INTO crm_history_category (id, code, name, system, position) VALUES
  (1, 'created', 'core.history.created', 1, 10), (2, 'changed', 'core.history.changed', 1, 20),
  (3, 'note', 'core.history.note', 1, 30), (4, 'call', 'core.history.call', 1, 40),
  (5, 'email', 'core.history.email', 1, 50), (6, 'meeting', 'core.history.meeting', 0, 60),
  (7, 'task', 'core.history.task', 1, 70);

CREATE TABLE IF NOT EXISTS crm_history (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  entity VARCHAR(48) NOT NULL,
  record_id BIGINT UNSIGNED NOT NULL,
  category_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  text TEXT NOT NULL,
  url VARCHAR(400) NOT NULL DEFAULT '',
  -- a record's history, newest first, keyset-paged by id
  KEY crm_history_record (entity, record_id, id),
  KEY crm_history_category (category_id),
  CONSTRAINT crm_history_category_fk FOREIGN KEY (category_id) REFERENCES crm_history_category (id),
  CONSTRAINT crm_history_user_fk FOREIGN KEY (user_id) REFERENCES crm_user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- options: a list field's choices, one per line.
CREATE TABLE IF NOT EXISTS crm_custom_field (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  entity VARCHAR(48) NOT NULL,
  name VARCHAR(100) NOT NULL,
  type ENUM('text','number','date','list','checkbox') NOT NULL,
  options TEXT NULL,
  required TINYINT(1) NOT NULL DEFAULT 0,
  position INT NOT NULL DEFAULT 0,
  UNIQUE KEY crm_custom_field_name (entity, name),
  KEY crm_custom_field_entity (entity, position, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Values in their stored form (numbers canonical, dates YYYY-MM-DD, checkboxes 1/0);
-- an empty value has no row. The second key serves list filters by value.
CREATE TABLE IF NOT EXISTS crm_custom_value (
  field_id BIGINT UNSIGNED NOT NULL,
  record_id BIGINT UNSIGNED NOT NULL,
  value VARCHAR(500) NOT NULL,
  PRIMARY KEY (field_id, record_id),
  KEY crm_custom_value_value (field_id, value, record_id),
  CONSTRAINT crm_custom_value_field_fk FOREIGN KEY (field_id) REFERENCES crm_custom_field (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A link is stored once, from either side, and read from both.
CREATE TABLE IF NOT EXISTS crm_link (
  entity VARCHAR(48) NOT NULL,
  record_id BIGINT UNSIGNED NOT NULL,
  to_entity VARCHAR(48) NOT NULL,
  to_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (entity, record_id, to_entity, to_id),
  KEY crm_link_to (to_entity, to_id, entity, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
