-- Tasks: a title, an admin-edited category, the record it is about (any entity type,
-- named by entity and id), a due time and a pending reminder (both UTC), an assignee,
-- open or closed. Every list filter and sort, the cards' panels and the reminders'
-- scan have their index.
CREATE TABLE IF NOT EXISTS task_category (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  UNIQUE KEY task_category_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Seeded names are message keys: crm:t() shows them translated, and a name an admin
-- types shows as typed.
INSERT IGNORE INTO task_category (name, position) VALUES
  ('tasks.cat.call', 1), ('tasks.cat.meeting', 2), ('tasks.cat.letter', 3), ('tasks.cat.webinar', 4),
  ('tasks.cat.presentation', 5), ('tasks.cat.other', 6);

CREATE TABLE IF NOT EXISTS task (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title VARCHAR(255) NOT NULL,
  category_id BIGINT UNSIGNED NULL,
  -- the linked record: an entity type's name and the record's id, or both NULL
  entity VARCHAR(48) CHARACTER SET ascii NULL,
  record_id BIGINT UNSIGNED NULL,
  due_at DATETIME NOT NULL,
  -- minutes before due_at; NULL: never
  remind_minutes INT NULL,
  -- when the reminder goes (NULL: none pending) and when it went
  remind_at DATETIME NULL,
  reminded_at DATETIME NULL,
  assignee_id BIGINT UNSIGNED NOT NULL,
  description TEXT NULL,
  done TINYINT(1) NOT NULL DEFAULT 0,
  closed_at DATETIME NULL,
  -- the author; record access as for every entity type
  owner_id BIGINT UNSIGNED NOT NULL,
  visibility ENUM('private','public_read','public_write','restricted') NOT NULL DEFAULT 'private',
  -- what the core's access check reads on every record table (tasks' own rules are in common.c)
  has_users TINYINT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  KEY task_assignee_due (assignee_id, done, due_at, id),
  KEY task_assignee_closed (assignee_id, done, closed_at, id),
  KEY task_owner_due (owner_id, done, due_at, id),
  KEY task_due (done, due_at, id),
  KEY task_closed (done, closed_at, id),
  KEY task_category_due (category_id, done, due_at, id),
  KEY task_entity_due (entity, done, due_at, id),
  KEY task_record (entity, record_id, done, due_at),
  KEY task_remind (reminded_at, remind_at),
  CONSTRAINT task_category_fk FOREIGN KEY (category_id) REFERENCES task_category (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
