-- The flag the core's record access reads before looking for listed users.
ALTER TABLE rec_item ADD COLUMN IF NOT EXISTS has_users TINYINT NOT NULL DEFAULT 0;
