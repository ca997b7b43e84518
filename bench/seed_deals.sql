-- make bench's deals board: 20,000 open deals spread over the open stages, owned by 20
-- users, the signed-in "bench-user" among them, as bench/seed_contacts.sql does for
-- contacts: ~10% public, the rest private, and ~0.5% restricted with the bench user as a
-- reader, so that the bench user sees ~15% of them. Budgets in roubles (a few in
-- dollars) held as minor units, amount types and close dates vary; most deals name one
-- of the contacts.
-- Needs the user bench-user; rerunnable (it replaces the deals it made before).
SET SESSION foreign_key_checks = 0, unique_checks = 0;

INSERT IGNORE INTO crm_user (login, name, role)
SELECT CONCAT('bench-owner-', LPAD(seq, 2, '0')), CONCAT('Bench Owner ', seq), 'user' FROM seq_1_to_19;

CREATE TEMPORARY TABLE bench_deal_owner (k INT NOT NULL PRIMARY KEY, user_id BIGINT UNSIGNED NOT NULL);
INSERT INTO bench_deal_owner
SELECT 0, id FROM crm_user WHERE login = 'bench-user'
UNION ALL
SELECT CAST(SUBSTRING(login, 13) AS INT), id FROM crm_user WHERE login LIKE 'bench-owner-%';

-- The open stages numbered 0..n-1 in their order.
CREATE TEMPORARY TABLE bench_deal_stage (k INT NOT NULL PRIMARY KEY, id BIGINT UNSIGNED NOT NULL,
  probability TINYINT UNSIGNED NOT NULL);
INSERT INTO bench_deal_stage
SELECT ROW_NUMBER() OVER (ORDER BY position, id) - 1, id, probability FROM deal_stage WHERE kind = 'open';
SET @stages = (SELECT COUNT(*) FROM bench_deal_stage);
SET @contacts = (SELECT COUNT(*) FROM contact);

DELETE FROM crm_record_user WHERE entity = 'deal' AND record_id BETWEEN 1 AND 20000;
DELETE FROM deal WHERE id BETWEEN 1 AND 20000;

INSERT INTO deal (id, name, contact_id, budget, currency, amount_type, close_date, stage_id, probability,
                  owner_id, visibility, has_users, created_at)
SELECT x.seq,
  CONCAT(ELT(1 + x.h % 12, 'Поставка', 'Внедрение', 'Обслуживание', 'Аренда', 'Лицензии', 'Монтаж',
             'Консалтинг', 'Обучение', 'Доставка', 'Supply', 'Support', 'Upgrade'), ' ',
         ELT(1 + (x.h DIV 12) % 10, 'оборудования', 'CRM', 'склада', 'офиса', 'сети', 'серверов',
             'for the branch', 'of the fleet', 'ПО', 'под ключ'), ' №', x.seq),
  IF(@contacts = 0 OR x.h2 % 5 = 0, NULL, 1 + x.h2 % @contacts),
  IF(x.h2 % 17 = 0, NULL, 100 * 1000 * (1 + (x.h DIV 256) % 2000)),
  IF(x.h % 25 = 0, 'USD', 'RUB'),
  ELT(1 + IF((x.h2 DIV 8) % 4 = 0, 1 + (x.h2 DIV 32) % 5, 0), 'fixed', 'hour', 'day', 'week', 'month', 'year'),
  IF(x.h2 % 7 = 0, NULL, CURDATE() + INTERVAL CAST((x.h2 DIV 64) % 240 AS SIGNED) - 60 DAY),
  s.id, s.probability,
  o.user_id,
  CASE WHEN (x.h2 DIV 65536) % 200 < 18 THEN 'public_read' WHEN (x.h2 DIV 65536) % 200 < 20 THEN 'public_write'
       WHEN (x.h2 DIV 65536) % 200 = 20 THEN 'restricted' ELSE 'private' END,
  (x.h2 DIV 65536) % 200 = 20,
  NOW() - INTERVAL (20000 - x.seq) MINUTE
FROM (SELECT seq, CRC32(CONCAT('d', seq)) AS h, CRC32(CONCAT('e', seq)) AS h2 FROM seq_1_to_20000) x
JOIN bench_deal_stage s ON s.k = (x.h DIV 4096) % @stages
JOIN bench_deal_owner o ON o.k = (x.h DIV 65536) % 20;

-- The restricted ones are open to the bench user.
INSERT IGNORE INTO crm_record_user (entity, record_id, user_id, kind)
SELECT 'deal', d.id, o.user_id, 'reader'
FROM deal d JOIN bench_deal_owner o ON o.k = 0
WHERE d.id <= 20000 AND d.visibility = 'restricted';

DROP TEMPORARY TABLE bench_deal_stage;
DROP TEMPORARY TABLE bench_deal_owner;
