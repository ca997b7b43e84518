-- The board's column counts and budget sums, kept by triggers in the deal's own
-- transaction, so that the board adds up a few hundred rows instead of reading every
-- deal. Rows are grouped by what the core's access condition reads (owner, visibility,
-- has_users); a deal with listed readers keeps a row of its own (id = the deal's id, 0
-- for the grouped ones), so that condition applies to this table as it does to deal.
CREATE TABLE IF NOT EXISTS deal_total (
  stage_id BIGINT UNSIGNED NOT NULL,
  currency CHAR(3) NOT NULL,
  owner_id BIGINT UNSIGNED NOT NULL,
  visibility ENUM('private','public_read','public_write','restricted') NOT NULL,
  has_users TINYINT NOT NULL,
  id BIGINT UNSIGNED NOT NULL,
  deals INT NOT NULL,
  -- how many of them have a budget: a sum of none is shown as no sum, not as 0
  budgets INT NOT NULL,
  budget DECIMAL(32,0) NOT NULL,
  PRIMARY KEY (stage_id, currency, owner_id, visibility, has_users, id),
  KEY deal_total_owner (owner_id, stage_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The index the board's totals read before.
ALTER TABLE deal DROP INDEX IF EXISTS deal_board;

-- Rerunnable: the totals are recounted from the deals.
DELETE FROM deal_total;
INSERT INTO deal_total (stage_id, currency, owner_id, visibility, has_users, id, deals, budgets, budget)
SELECT stage_id, currency, owner_id, visibility, has_users, IF(has_users = 1, id, 0), COUNT(*), COUNT(budget),
  IFNULL(SUM(budget), 0)
FROM deal GROUP BY stage_id, currency, owner_id, visibility, has_users, IF(has_users = 1, id, 0);

CREATE TRIGGER IF NOT EXISTS deal_total_insert AFTER INSERT ON deal FOR EACH ROW
  INSERT INTO deal_total (stage_id, currency, owner_id, visibility, has_users, id, deals, budgets, budget)
  VALUES (NEW.stage_id, NEW.currency, NEW.owner_id, NEW.visibility, NEW.has_users, IF(NEW.has_users = 1, NEW.id, 0),
    1, NEW.budget IS NOT NULL, IFNULL(NEW.budget, 0))
  ON DUPLICATE KEY UPDATE deals = deals + 1, budgets = budgets + VALUES(budgets), budget = budget + VALUES(budget);

CREATE TRIGGER IF NOT EXISTS deal_total_delete AFTER DELETE ON deal FOR EACH ROW
  UPDATE deal_total SET deals = deals - 1, budgets = budgets - (OLD.budget IS NOT NULL),
    budget = budget - IFNULL(OLD.budget, 0)
  WHERE stage_id = OLD.stage_id AND currency = OLD.currency AND owner_id = OLD.owner_id
    AND visibility = OLD.visibility AND has_users = OLD.has_users AND id = IF(OLD.has_users = 1, OLD.id, 0);

-- An update that changes none of the keys nor the budget (a name, a description) leaves
-- the totals alone; one that does takes the deal out of its old row and into its new one.
CREATE TRIGGER IF NOT EXISTS deal_total_update_out AFTER UPDATE ON deal FOR EACH ROW
  UPDATE deal_total SET deals = deals - 1, budgets = budgets - (OLD.budget IS NOT NULL),
    budget = budget - IFNULL(OLD.budget, 0)
  WHERE stage_id = OLD.stage_id AND currency = OLD.currency AND owner_id = OLD.owner_id
    AND visibility = OLD.visibility AND has_users = OLD.has_users AND id = IF(OLD.has_users = 1, OLD.id, 0)
    AND NOT (OLD.stage_id <=> NEW.stage_id AND OLD.currency <=> NEW.currency AND OLD.owner_id <=> NEW.owner_id
      AND OLD.visibility <=> NEW.visibility AND OLD.has_users <=> NEW.has_users AND OLD.budget <=> NEW.budget);

CREATE TRIGGER IF NOT EXISTS deal_total_update_in AFTER UPDATE ON deal FOR EACH ROW FOLLOWS deal_total_update_out
  INSERT INTO deal_total (stage_id, currency, owner_id, visibility, has_users, id, deals, budgets, budget)
  SELECT NEW.stage_id, NEW.currency, NEW.owner_id, NEW.visibility, NEW.has_users, IF(NEW.has_users = 1, NEW.id, 0),
    1, NEW.budget IS NOT NULL, IFNULL(NEW.budget, 0) FROM DUAL
  WHERE NOT (OLD.stage_id <=> NEW.stage_id AND OLD.currency <=> NEW.currency AND OLD.owner_id <=> NEW.owner_id
    AND OLD.visibility <=> NEW.visibility AND OLD.has_users <=> NEW.has_users AND OLD.budget <=> NEW.budget)
  ON DUPLICATE KEY UPDATE deals = deals + 1, budgets = budgets + VALUES(budgets), budget = budget + VALUES(budget);

-- A deal's own row (listed readers) goes once the deal leaves it.
CREATE TRIGGER IF NOT EXISTS deal_total_delete_own AFTER DELETE ON deal FOR EACH ROW FOLLOWS deal_total_delete
  DELETE FROM deal_total WHERE OLD.has_users = 1 AND stage_id = OLD.stage_id AND currency = OLD.currency
    AND owner_id = OLD.owner_id AND visibility = OLD.visibility AND has_users = 1 AND id = OLD.id AND deals = 0;

CREATE TRIGGER IF NOT EXISTS deal_total_update_own AFTER UPDATE ON deal FOR EACH ROW FOLLOWS deal_total_update_in
  DELETE FROM deal_total WHERE OLD.has_users = 1 AND stage_id = OLD.stage_id AND currency = OLD.currency
    AND owner_id = OLD.owner_id AND visibility = OLD.visibility AND has_users = 1 AND id = OLD.id AND deals = 0;
