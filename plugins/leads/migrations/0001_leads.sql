-- Leads: funnels with ordered statuses (each funnel ends with a qualified and a
-- disqualified status), admin-edited sources and disqualification reasons, and the
-- leads themselves. Contact, company and product ids belong to other plugins: no
-- foreign keys to them (those plugins may be off); their events keep the ids current.
-- Every list filter and sort has its index; phone (E.164) and email lookups too.
-- Record access reads owner_id, visibility and has_users (crm/access.h).
CREATE TABLE IF NOT EXISTS lead_funnel (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  UNIQUE KEY lead_funnel_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS lead_status (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  funnel_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(100) NOT NULL,
  -- open statuses come first in their order; the two final ones close every funnel
  kind ENUM('open','qualified','disqualified') NOT NULL DEFAULT 'open',
  position INT NOT NULL DEFAULT 0,
  UNIQUE KEY lead_status_name (funnel_id, name),
  KEY lead_status_order (funnel_id, position, id),
  CONSTRAINT lead_status_funnel_fk FOREIGN KEY (funnel_id) REFERENCES lead_funnel (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS lead_source (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  UNIQUE KEY lead_source_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS lead_reason (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  position INT NOT NULL DEFAULT 0,
  UNIQUE KEY lead_reason_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Seeded names are message keys: crm:t() shows them translated, and a name an admin
-- types shows as typed. Fixed ids keep a rerun harmless.
INSERT IGNORE INTO lead_funnel (id, name, position) VALUES (1, 'leads.funnel.main', 1);
INSERT IGNORE INTO lead_status (id, funnel_id, name, kind, position) VALUES
  (1, 1, 'leads.status.new', 'open', 1), (2, 1, 'leads.status.contacted', 'open', 2),
  (3, 1, 'leads.status.need', 'open', 3), (4, 1, 'leads.status.qualified', 'qualified', 1000),
  (5, 1, 'leads.status.disqualified', 'disqualified', 1001);
INSERT IGNORE INTO lead_source (id, name, position) VALUES
  (1, 'leads.source.website', 1), (2, 'leads.source.call', 2), (3, 'leads.source.email', 3),
  (4, 'leads.source.referral', 4), (5, 'leads.source.exhibition', 5), (6, 'leads.source.ads', 6),
  (7, 'leads.source.social', 7);
INSERT IGNORE INTO lead_reason (id, name, position) VALUES
  (1, 'leads.reason.no_budget', 1), (2, 'leads.reason.no_need', 2), (3, 'leads.reason.competitor', 3),
  (4, 'leads.reason.no_answer', 4), (5, 'leads.reason.duplicate', 5);

CREATE TABLE IF NOT EXISTS lead (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  funnel_id BIGINT UNSIGNED NOT NULL,
  status_id BIGINT UNSIGNED NOT NULL,
  -- a person and a company of the contacts plugin
  contact_id BIGINT UNSIGNED NULL,
  company_id BIGINT UNSIGNED NULL,
  -- the lead's own phone (as typed and E.164, NULL when unreadable) and email (lower-cased)
  phone VARCHAR(64) NOT NULL DEFAULT '',
  phone_e164 VARCHAR(20) NULL,
  email VARCHAR(254) NOT NULL DEFAULT '',
  -- a product of the products plugin
  product_id BIGINT UNSIGNED NULL,
  source_id BIGINT UNSIGNED NULL,
  -- why it was disqualified (set only in a disqualified status)
  reason_id BIGINT UNSIGNED NULL,
  -- minor units (kopecks, cents) of currency; NULL when not known
  budget BIGINT NULL,
  currency CHAR(3) NOT NULL DEFAULT 'RUB',
  description TEXT NULL,
  owner_id BIGINT UNSIGNED NOT NULL,
  visibility ENUM('private','public_read','public_write','restricted') NOT NULL DEFAULT 'private',
  -- 1 while crm_record_user lists managers or readers (the core keeps it)
  has_users TINYINT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  -- the sorts hold what the access check reads, so a list walks one index
  KEY lead_name (name, id, visibility, owner_id, has_users),
  KEY lead_created (created_at, id, visibility, owner_id, has_users),
  KEY lead_updated (updated_at, id, visibility, owner_id, has_users),
  KEY lead_funnel (funnel_id, created_at, id),
  KEY lead_status (status_id, created_at, id, visibility, owner_id, has_users),
  -- the board's counts and sums per status read this index alone
  KEY lead_board (funnel_id, status_id, currency, budget, visibility, owner_id, has_users),
  KEY lead_owner (owner_id, created_at, id),
  KEY lead_source (source_id, created_at, id),
  KEY lead_visibility (visibility, created_at, id),
  KEY lead_contact (contact_id),
  KEY lead_company (company_id),
  KEY lead_phone (phone_e164),
  KEY lead_email (email),
  CONSTRAINT lead_funnel_fk FOREIGN KEY (funnel_id) REFERENCES lead_funnel (id),
  CONSTRAINT lead_status_fk FOREIGN KEY (status_id) REFERENCES lead_status (id),
  CONSTRAINT lead_source_fk FOREIGN KEY (source_id) REFERENCES lead_source (id) ON DELETE SET NULL,
  CONSTRAINT lead_reason_fk FOREIGN KEY (reason_id) REFERENCES lead_reason (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
