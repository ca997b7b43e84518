-- Contacts: persons and companies, their emails, phones (as typed and E.164), links
-- and addresses; admin-edited types and temperature levels. Every list filter and
-- sort has its index; lookups by email and by E.164 number are indexed.
CREATE TABLE IF NOT EXISTS contact_type (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  UNIQUE KEY contact_type_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS contact_temperature (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  UNIQUE KEY contact_temperature_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Seeded names are message keys: crm:t() shows them translated, and a name an admin
-- types shows as typed.
INSERT IGNORE INTO contact_type (name, position) VALUES
  ('contacts.type.client', 1), ('contacts.type.partner', 2), ('contacts.type.supplier', 3),
  ('contacts.type.competitor', 4);
INSERT IGNORE INTO contact_temperature (name, position) VALUES
  ('contacts.temp.cold', 1), ('contacts.temp.warm', 2), ('contacts.temp.hot', 3);

CREATE TABLE IF NOT EXISTS contact (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('person','company') NOT NULL,
  first_name VARCHAR(100) NOT NULL DEFAULT '',
  last_name VARCHAR(100) NOT NULL DEFAULT '',
  -- what lists show and sort by: the company's name, or "Last First" of a person
  name VARCHAR(255) NOT NULL,
  company_id BIGINT UNSIGNED NULL,
  job_title VARCHAR(150) NOT NULL DEFAULT '',
  type_id BIGINT UNSIGNED NULL,
  temperature_id BIGINT UNSIGNED NULL,
  currency CHAR(3) NOT NULL DEFAULT '',
  description TEXT NULL,
  owner_id BIGINT UNSIGNED NOT NULL,
  visibility ENUM('private','public_read','public_write','restricted') NOT NULL DEFAULT 'private',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY contact_name (name, id),
  KEY contact_kind (kind, name, id),
  KEY contact_type (type_id, name, id),
  KEY contact_temperature (temperature_id, name, id),
  KEY contact_owner (owner_id, name, id),
  KEY contact_visibility (visibility, name, id),
  KEY contact_company (company_id, name, id),
  KEY contact_created (created_at, id),
  KEY contact_first_name (first_name),
  CONSTRAINT contact_company_fk FOREIGN KEY (company_id) REFERENCES contact (id) ON DELETE SET NULL,
  CONSTRAINT contact_type_fk FOREIGN KEY (type_id) REFERENCES contact_type (id) ON DELETE SET NULL,
  CONSTRAINT contact_temperature_fk FOREIGN KEY (temperature_id) REFERENCES contact_temperature (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS contact_email (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contact_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('work','home','other') NOT NULL DEFAULT 'work',
  -- stored lower-cased: lookups compare exactly
  email VARCHAR(254) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  KEY contact_email_email (email, contact_id),
  KEY contact_email_contact (contact_id, position),
  CONSTRAINT contact_email_fk FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS contact_phone (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contact_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('mobile','work','home','fax','other') NOT NULL DEFAULT 'mobile',
  typed VARCHAR(64) NOT NULL,
  -- NULL when the typed number could not be read as a phone number
  e164 VARCHAR(20) NULL,
  position INT NOT NULL DEFAULT 0,
  KEY contact_phone_e164 (e164, contact_id),
  KEY contact_phone_contact (contact_id, position),
  CONSTRAINT contact_phone_fk FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS contact_link (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contact_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('site','vk','telegram','whatsapp','facebook','linkedin','other') NOT NULL DEFAULT 'site',
  url VARCHAR(500) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  KEY contact_link_contact (contact_id, position),
  CONSTRAINT contact_link_fk FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS contact_address (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contact_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('work','home','postal','other') NOT NULL DEFAULT 'work',
  address VARCHAR(500) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  KEY contact_address_contact (contact_id, position),
  CONSTRAINT contact_address_fk FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
