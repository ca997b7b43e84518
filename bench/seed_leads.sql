-- make bench's leads: @ROWS@ of them (the runner puts the number in), owned by the same
-- 20 users as the contacts, the signed-in "bench-user" among them; ~10% public, the rest
-- private, and the bench user a manager of ~0.5% of the others' leads, so it reads ~14.5%.
-- Spread over the main funnel's open statuses (a few qualified or disqualified), with
-- sources, budgets, phones as typed and in E.164, emails. Needs the user bench-user and
-- the leads plugin's tables.
SET SESSION foreign_key_checks = 0, unique_checks = 0;

INSERT IGNORE INTO crm_user (login, name, role)
SELECT CONCAT('bench-owner-', LPAD(seq, 2, '0')), CONCAT('Bench Owner ', seq), 'user' FROM seq_1_to_19;

-- Owner k (0..19) of a lead is the k-th of these; 0 is the bench user.
CREATE TEMPORARY TABLE bench_lead_owner (k INT NOT NULL PRIMARY KEY, user_id BIGINT UNSIGNED NOT NULL);
INSERT INTO bench_lead_owner
SELECT 0, id FROM crm_user WHERE login = 'bench-user'
UNION ALL
SELECT CAST(SUBSTRING(login, 13) AS INT), id FROM crm_user WHERE login LIKE 'bench-owner-%';

INSERT INTO lead (name, funnel_id, status_id, phone, phone_e164, email, source_id, reason_id, budget, currency,
                  owner_id, visibility, has_users, created_at, updated_at)
SELECT
  CONCAT(ELT(1 + x.h % 8, 'Мебель', 'Ноутбуки', 'Бумага', 'Уборка', 'Кофемашины', 'Стеллажи', 'Связь', 'Обучение'),
         ' — ', ELT(1 + (x.h DIV 8) % 8, 'Север', 'Вектор', 'Гранит', 'Лотос', 'Меридиан', 'Волна', 'Фортуна', 'Техно'),
         ' ', x.seq),
  1,
  -- most leads are open; one in twenty-five qualified, one in twenty-five disqualified
  CASE WHEN x.h2 % 25 = 0 THEN 4 WHEN x.h2 % 25 = 1 THEN 5 ELSE 1 + (x.h2 DIV 25) % 3 END,
  CONCAT('+7 9', SUBSTRING(x.n, 1, 2), ' ', SUBSTRING(x.n, 3, 3), '-', SUBSTRING(x.n, 6, 2), '-', SUBSTRING(x.n, 8, 2)),
  CONCAT('+79', x.n),
  IF((x.h2 DIV 16) % 3 = 0, '', CONCAT('l', x.seq, '@', ELT(1 + x.h % 3, 'example.com', 'example.ru', 'corp.example'))),
  1 + (x.h2 DIV 64) % 7,
  IF(x.h2 % 25 = 1, 1 + (x.h2 DIV 64) % 5, NULL),
  IF((x.h2 DIV 512) % 4 = 0, NULL, 100 * 1000 * (1 + (x.h2 DIV 2048) % 500)),
  'RUB',
  o.user_id,
  CASE WHEN (x.h2 DIV 65536) % 100 < 9 THEN 'public_read' WHEN (x.h2 DIV 65536) % 100 = 9 THEN 'public_write'
       ELSE 'private' END,
  0,
  NOW() - INTERVAL (@ROWS@ - x.seq) MINUTE,
  NOW() - INTERVAL (@ROWS@ - x.seq) MINUTE
FROM (SELECT seq, CRC32(CONCAT('lead', seq)) AS h, CRC32(CONCAT('lb', seq)) AS h2,
             LPAD((seq * 7919) % 1000000000, 9, '0') AS n FROM seq_1_to_@ROWS@) x
JOIN bench_lead_owner o ON o.k = (x.h DIV 65536) % 20;

-- The bench user manages ~0.5% of the others' leads; those carry the has_users flag.
INSERT IGNORE INTO crm_record_user (entity, record_id, user_id, kind)
SELECT 'lead', l.id, o.user_id, 'manager'
FROM lead l JOIN bench_lead_owner o ON o.k = 0
WHERE l.id % 200 = 7 AND l.owner_id <> o.user_id;
UPDATE lead l JOIN crm_record_user ru ON ru.entity = 'lead' AND ru.record_id = l.id SET l.has_users = 1;

DROP TEMPORARY TABLE bench_lead_owner;
