-- Which plugins a tenant has switched off (no row: enabled), the jobs runner's
-- bookkeeping, and the tenant's settings.
CREATE TABLE IF NOT EXISTS crm_plugin (
  name VARCHAR(48) NOT NULL PRIMARY KEY,
  enabled TINYINT(1) NOT NULL DEFAULT 1,
  changed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY crm_plugin_enabled (enabled)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS crm_job (
  name VARCHAR(96) NOT NULL PRIMARY KEY,
  last_run DATETIME NULL,
  last_status INT NOT NULL DEFAULT 0,
  runs BIGINT UNSIGNED NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS crm_setting (
  name VARCHAR(96) NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
