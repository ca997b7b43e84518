-- People, their groups and what groups are granted; sessions and login attempts.
CREATE TABLE IF NOT EXISTS crm_user (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  login VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  email VARCHAR(254) NOT NULL DEFAULT '',
  locale ENUM('ru','en') NOT NULL DEFAULT 'ru',
  timezone VARCHAR(64) NOT NULL DEFAULT 'Europe/Moscow',
  role ENUM('owner','admin','user') NOT NULL DEFAULT 'user',
  password_hash VARCHAR(255) NOT NULL DEFAULT '',
  active TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY crm_user_login (login),
  KEY crm_user_name (active, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS crm_group (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  UNIQUE KEY crm_group_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS crm_group_member (
  group_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (group_id, user_id),
  KEY crm_group_member_user (user_id),
  CONSTRAINT crm_group_member_group_fk FOREIGN KEY (group_id) REFERENCES crm_group (id) ON DELETE CASCADE,
  CONSTRAINT crm_group_member_user_fk FOREIGN KEY (user_id) REFERENCES crm_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS crm_group_grant (
  group_id BIGINT UNSIGNED NOT NULL,
  permission VARCHAR(96) NOT NULL,
  PRIMARY KEY (group_id, permission),
  CONSTRAINT crm_group_grant_group_fk FOREIGN KEY (group_id) REFERENCES crm_group (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who may use the CRM when the owner restricts it (setting access.mode = 'chosen').
CREATE TABLE IF NOT EXISTS crm_access (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NULL,
  group_id BIGINT UNSIGNED NULL,
  UNIQUE KEY crm_access_user (user_id),
  UNIQUE KEY crm_access_group (group_id),
  CONSTRAINT crm_access_user_fk FOREIGN KEY (user_id) REFERENCES crm_user (id) ON DELETE CASCADE,
  CONSTRAINT crm_access_group_fk FOREIGN KEY (group_id) REFERENCES crm_group (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Tokens are stored as SHA-256: a stolen table opens no session.
CREATE TABLE IF NOT EXISTS crm_session (
  token_hash CHAR(64) NOT NULL PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  csrf CHAR(43) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_seen DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  address VARCHAR(45) NOT NULL DEFAULT '',
  KEY crm_session_user (user_id),
  KEY crm_session_seen (last_seen),
  CONSTRAINT crm_session_user_fk FOREIGN KEY (user_id) REFERENCES crm_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS crm_login_failure (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  login VARCHAR(64) NOT NULL,
  address VARCHAR(45) NOT NULL,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY crm_login_failure_login (login, at),
  KEY crm_login_failure_address (address, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
