-- The messages "mail.notify" asked for, as an email plugin would have sent them.
CREATE TABLE IF NOT EXISTS taskprobe_mail (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id VARCHAR(20) NOT NULL,
  subject VARCHAR(500) NOT NULL,
  text TEXT NOT NULL,
  url VARCHAR(400) NOT NULL,
  entity VARCHAR(48) NOT NULL,
  record_id BIGINT NOT NULL,
  at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY taskprobe_mail_url (url)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
