-- Records of the test entity "rec": just enough columns for the core's record access.
CREATE TABLE IF NOT EXISTS rec_item (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  owner_id BIGINT UNSIGNED NOT NULL,
  visibility ENUM('private','public_read','public_write','restricted') NOT NULL DEFAULT 'private',
  title VARCHAR(200) NOT NULL,
  KEY rec_item_owner (owner_id, id),
  KEY rec_item_visibility (visibility, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
