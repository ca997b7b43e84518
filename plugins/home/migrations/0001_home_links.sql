-- Links admins pin to the start page.
CREATE TABLE IF NOT EXISTS home_link (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title VARCHAR(200) NOT NULL,
  href VARCHAR(1000) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  KEY home_link_position (position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
