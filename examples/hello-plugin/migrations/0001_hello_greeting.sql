-- The greetings /hello counts. One statement per step, each safe to run again.
CREATE TABLE IF NOT EXISTS hello_greeting (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  text VARCHAR(200) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A fixed id makes the seed row idempotent: a rerun inserts nothing.
INSERT IGNORE INTO hello_greeting (id, text) VALUES (1, 'Hello from the first migration');
