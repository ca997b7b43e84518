-- The web forms "Contacts from site": what each asks, what new contacts get, where it
-- may be posted from; and the accepted submissions per address that rate-limit it.
CREATE TABLE IF NOT EXISTS contact_webform (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  -- random (libsodium), hex: the key names the form in its public URL, the secret
  -- keys the HMAC of the time stamps the form is shown with
  form_key CHAR(32) NOT NULL,
  secret CHAR(64) NOT NULL,
  -- each optional field: 0 not asked, 1 asked, 2 required (names are always required)
  f_email TINYINT UNSIGNED NOT NULL DEFAULT 2,
  f_phone TINYINT UNSIGNED NOT NULL DEFAULT 1,
  f_company TINYINT UNSIGNED NOT NULL DEFAULT 0,
  f_job_title TINYINT UNSIGNED NOT NULL DEFAULT 0,
  f_message TINYINT UNSIGNED NOT NULL DEFAULT 1,
  -- what new contacts get
  type_id BIGINT UNSIGNED NULL,
  tags VARCHAR(500) NOT NULL DEFAULT '',
  manager_id BIGINT UNSIGNED NOT NULL,
  -- where a plain (script-less) post is sent after success; '' shows our own page
  thanks_url VARCHAR(500) NOT NULL DEFAULT '',
  -- origins ("https://example.com") allowed to post, one per line; '' allows any
  origins VARCHAR(2000) NOT NULL DEFAULT '',
  active TINYINT(1) NOT NULL DEFAULT 1,
  submitted INT UNSIGNED NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY contact_webform_key (form_key),
  KEY contact_webform_name (name, id),
  CONSTRAINT contact_webform_type_fk FOREIGN KEY (type_id) REFERENCES contact_type (id) ON DELETE SET NULL,
  CONSTRAINT contact_webform_manager_fk FOREIGN KEY (manager_id) REFERENCES crm_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per accepted submission: the limit counts an address's rows of the last
-- minutes; rows older than a day are pruned by the submissions themselves.
CREATE TABLE IF NOT EXISTS contact_webform_hit (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  form_id BIGINT UNSIGNED NOT NULL,
  address VARCHAR(45) NOT NULL,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY contact_webform_hit_address (form_id, address, at),
  KEY contact_webform_hit_at (at),
  CONSTRAINT contact_webform_hit_fk FOREIGN KEY (form_id) REFERENCES contact_webform (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
