-- Deals and their stages. Stages are an admin-edited ordered list, each with the success
-- probability a deal takes when it enters it; the final "won" and "lost" stages are fixed
-- kinds that stay last. Every list filter and sort, the board and the contact's panel
-- have their index.
CREATE TABLE IF NOT EXISTS deal_stage (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  probability TINYINT UNSIGNED NOT NULL DEFAULT 0,
  kind ENUM('open','won','lost') NOT NULL DEFAULT 'open',
  position INT NOT NULL DEFAULT 0,
  UNIQUE KEY deal_stage_name (name),
  KEY deal_stage_position (position, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Seeded names are message keys: pages show them translated, a name an admin types shows
-- as typed. The final stages sit after any position an open stage can reach.
INSERT IGNORE INTO deal_stage (id, name, probability, kind, position) VALUES
  (1, 'deals.stage.first_contact', 10, 'open', 1),
  (2, 'deals.stage.needs', 20, 'open', 2),
  (3, 'deals.stage.proposal', 40, 'open', 3),
  (4, 'deals.stage.negotiation', 60, 'open', 4),
  (5, 'deals.stage.contract', 80, 'open', 5),
  (6, 'deals.stage.won', 100, 'won', 1000000),
  (7, 'deals.stage.lost', 0, 'lost', 1000001);

CREATE TABLE IF NOT EXISTS deal (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  -- a person or a company of the contacts plugin, read through its events
  contact_id BIGINT UNSIGNED NULL,
  description TEXT NULL,
  -- minor units (kopecks, cents) of currency; NULL when not known
  budget BIGINT NULL,
  currency CHAR(3) NOT NULL,
  amount_type ENUM('fixed','hour','day','week','month','year') NOT NULL DEFAULT 'fixed',
  -- a product of the products plugin, read through its events
  product_id BIGINT UNSIGNED NULL,
  close_date DATE NULL,
  stage_id BIGINT UNSIGNED NOT NULL,
  probability TINYINT UNSIGNED NOT NULL DEFAULT 0,
  -- the lead this deal was qualified from: one deal per lead
  lead_id BIGINT UNSIGNED NULL,
  owner_id BIGINT UNSIGNED NOT NULL,
  visibility ENUM('private','public_read','public_write','restricted') NOT NULL DEFAULT 'public_write',
  -- 1 while the core lists readers of the deal (crm_access_set_users keeps it)
  has_users TINYINT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  -- sort keys without NULLs, so that keyset paging compares plain values: deals without
  -- a close date or a budget come last
  close_sort DATE AS (IFNULL(close_date, '9999-12-31')) PERSISTENT,
  budget_sort BIGINT AS (IFNULL(budget, -1)) PERSISTENT,
  UNIQUE KEY deal_lead (lead_id),
  -- each sort index ends with what the access condition reads, so that a list is
  -- served by its index alone
  KEY deal_name (name, id, visibility, owner_id, has_users),
  KEY deal_stage (stage_id, name, id, visibility, owner_id, has_users),
  KEY deal_stage_close (stage_id, close_sort, id, visibility, owner_id, has_users),
  -- the board's counts and sums read this index alone
  KEY deal_board (stage_id, currency, visibility, owner_id, has_users, budget),
  KEY deal_owner (owner_id, name, id, visibility, has_users),
  KEY deal_amount_type (amount_type, name, id, visibility, owner_id, has_users),
  KEY deal_contact (contact_id, close_sort, id, visibility, owner_id, has_users),
  KEY deal_close (close_sort, id, visibility, owner_id, has_users),
  KEY deal_budget (budget_sort, id, visibility, owner_id, has_users),
  KEY deal_created (created_at, id, visibility, owner_id, has_users),
  FULLTEXT KEY deal_text (name, description),
  CONSTRAINT deal_stage_fk FOREIGN KEY (stage_id) REFERENCES deal_stage (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
