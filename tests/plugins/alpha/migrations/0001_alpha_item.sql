-- Items of the test plugin alpha. Two statements, each safe to rerun: the system
-- tests make the second one fail to prove a half-applied migration can be rerun.
CREATE TABLE IF NOT EXISTS alpha_item (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX IF NOT EXISTS alpha_item_name ON alpha_item (name);
