-- The product and service catalog: what leads and deals name as "of interest" and
-- invoices will bill. Every record is readable by all users (visibility public_read);
-- editing is the products.edit permission's. Each list filter and sort has its index.
CREATE TABLE IF NOT EXISTS product (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('product','service') NOT NULL DEFAULT 'product',
  name VARCHAR(200) NOT NULL,
  -- unique when given; NULL (no SKU) never collides
  sku VARCHAR(64) NULL,
  unit VARCHAR(32) NOT NULL DEFAULT '',
  -- minor units (kopecks, cents) of currency
  price BIGINT NOT NULL DEFAULT 0,
  currency CHAR(3) NOT NULL DEFAULT 'RUB',
  -- the default tax an invoice line starts with
  tax ENUM('none','vat0','vat10','vat20') NOT NULL DEFAULT 'none',
  description TEXT NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  -- who added it; record access reads owner_id and visibility like any record's
  owner_id BIGINT UNSIGNED NULL,
  visibility ENUM('private','public_read','public_write','restricted') NOT NULL DEFAULT 'public_read',
  has_users TINYINT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY product_sku (sku),
  KEY product_name (name),
  KEY product_active_name (active, name),
  KEY product_active_kind_name (active, kind, name),
  KEY product_kind_name (kind, name),
  KEY product_active_price (active, price),
  KEY product_price (price),
  KEY product_active_created (active, created_at),
  KEY product_created (created_at),
  -- words of a name, for a search that finds "Lenovo" in "Ноутбук Lenovo"
  FULLTEXT KEY product_words (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
