-- Events («Мероприятия»): their dates in UTC, the contacts taking part, and the history
-- items planned inside them. Every list filter and sort has its index; the calendar
-- reads a bounded range of start dates (an event lasts at most 366 days).
CREATE TABLE IF NOT EXISTS event_item (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  description TEXT NULL,
  starts_at DATETIME NOT NULL,
  -- NULL: no end given; the event is a moment
  ends_at DATETIME NULL,
  closed TINYINT(1) NOT NULL DEFAULT 0,
  closed_at DATETIME NULL,
  owner_id BIGINT UNSIGNED NOT NULL,
  visibility ENUM('private','public_read','public_write','restricted') NOT NULL DEFAULT 'public_read',
  -- 1 while crm_record_user lists readers of it (kept by the core)
  has_users TINYINT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  -- each sort index also holds what the access check reads
  KEY event_item_open_start (closed, starts_at, id, visibility, owner_id, has_users),
  KEY event_item_open_name (closed, name, id, visibility, owner_id, has_users),
  KEY event_item_start (starts_at, id, visibility, owner_id, has_users),
  KEY event_item_name (name, id, visibility, owner_id, has_users),
  KEY event_item_owner (owner_id, starts_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Contacts belong to the contacts plugin: no foreign key to them, the subscriptions to
-- contact.deleted and contact.merged keep these rows right.
CREATE TABLE IF NOT EXISTS event_participant (
  event_id BIGINT UNSIGNED NOT NULL,
  contact_id BIGINT UNSIGNED NOT NULL,
  added_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (event_id, contact_id),
  KEY event_participant_contact (contact_id, event_id),
  CONSTRAINT event_participant_event_fk FOREIGN KEY (event_id) REFERENCES event_item (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A history item planned for a date (a meeting, a call): once done it is filed in the
-- event's history under its category and leaves this table.
CREATE TABLE IF NOT EXISTS event_plan (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id BIGINT UNSIGNED NOT NULL,
  category_id BIGINT UNSIGNED NOT NULL,
  planned_at DATETIME NOT NULL,
  text TEXT NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY event_plan_event (event_id, planned_at, id),
  CONSTRAINT event_plan_event_fk FOREIGN KEY (event_id) REFERENCES event_item (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
