-- make bench's contacts: @ROWS@ of them (bench/run.sh puts the number in), owned by 20
-- users, the signed-in "bench-user" among them; ~10% public, the rest private, and the
-- bench user a manager of ~0.5% of the others' contacts. One company to 19 persons, most
-- persons at a company; emails, phones as typed and in E.164. Needs the user bench-user.
SET SESSION foreign_key_checks = 0, unique_checks = 0;

INSERT IGNORE INTO crm_user (login, name, role)
SELECT CONCAT('bench-owner-', LPAD(seq, 2, '0')), CONCAT('Bench Owner ', seq), 'user' FROM seq_1_to_19;

-- Owner k (0..19) of a contact is the k-th of these; 0 is the bench user.
CREATE TEMPORARY TABLE bench_owner (k INT NOT NULL PRIMARY KEY, user_id BIGINT UNSIGNED NOT NULL);
INSERT INTO bench_owner
SELECT 0, id FROM crm_user WHERE login = 'bench-user'
UNION ALL
SELECT CAST(SUBSTRING(login, 13) AS INT), id FROM crm_user WHERE login LIKE 'bench-owner-%';

-- Names are made of syllables: ~4,000 surnames, 20 first names, so a surname is found
-- ~250 times per million, as real ones are.
CREATE TEMPORARY TABLE bench_row (
  seq BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  h INT UNSIGNED NOT NULL,
  h2 INT UNSIGNED NOT NULL,
  is_company TINYINT NOT NULL,
  stem VARCHAR(40) NOT NULL
);
INSERT INTO bench_row
SELECT seq, CRC32(seq), CRC32(CONCAT('b', seq)), seq % 20 = 1,
  CONCAT(ELT(1 + CRC32(seq) % 16, 'Вол', 'Кар', 'Сем', 'Бел', 'Мор', 'Лин', 'Дон', 'Гал',
             'Ров', 'Зай', 'Тар', 'Пол', 'Ник', 'Фед', 'Сок', 'Жук'),
         ELT(1 + (CRC32(seq) DIV 16) % 16, 'ан', 'ен', 'ин', 'ол', 'ур', 'ет', 'им', 'ак',
             'ор', 'ус', 'ыш', 'ал', 'ем', 'иг', 'от', 'ер'),
         ELT(1 + (CRC32(seq) DIV 256) % 16, 'ов', 'ев', 'ин', 'ский', 'енко', 'ых', 'ук', 'ан',
             'ич', 'ец', 'иков', 'ашов', 'уев', 'ников', 'ицкий', 'ёв'))
FROM seq_1_to_@ROWS@;

INSERT INTO contact (id, kind, first_name, last_name, name, company_id, job_title, type_id, temperature_id,
                     currency, owner_id, visibility, created_at)
SELECT r.seq,
  IF(r.is_company, 'company', 'person'),
  IF(r.is_company, '', ELT(1 + (r.h DIV 4096) % 20, 'Анна', 'Борис', 'Виктор', 'Галина', 'Дмитрий', 'Елена',
     'Иван', 'Мария', 'Сергей', 'Ольга', 'Алексей', 'Наталья', 'Павел', 'Татьяна', 'John', 'Mary',
     'Peter', 'Anna', 'Михаил', 'Ирина')),
  IF(r.is_company, '', r.stem),
  IF(r.is_company, CONCAT(r.stem, ' ', ELT(1 + (r.h DIV 4096) % 5, 'Групп', 'Трейд', 'Систем', 'Логистик', 'Строй')),
     CONCAT(r.stem, ' ', ELT(1 + (r.h DIV 4096) % 20, 'Анна', 'Борис', 'Виктор', 'Галина', 'Дмитрий', 'Елена',
     'Иван', 'Мария', 'Сергей', 'Ольга', 'Алексей', 'Наталья', 'Павел', 'Татьяна', 'John', 'Mary',
     'Peter', 'Anna', 'Михаил', 'Ирина'))),
  -- two persons in three work at one of the companies before them
  IF(r.is_company OR r.seq < 21 OR r.h2 % 3 = 0, NULL, 1 + 20 * ((r.h2 DIV 3) % ((r.seq - 1) DIV 20))),
  IF(r.is_company, '', ELT(1 + (r.h2 DIV 8) % 5, 'Директор', 'Менеджер', 'Engineer', 'Buyer', '')),
  IF((r.h2 DIV 64) % 4 = 0, NULL, (r.h2 DIV 64) % 4),
  IF((r.h2 DIV 256) % 4 = 0, NULL, (r.h2 DIV 256) % 4),
  IF((r.h2 DIV 1024) % 7 = 0, 'RUB', ''),
  o.user_id,
  CASE WHEN (r.h2 DIV 65536) % 100 < 9 THEN 'public_read' WHEN (r.h2 DIV 65536) % 100 = 9 THEN 'public_write'
       ELSE 'private' END,
  NOW() - INTERVAL (@ROWS@ - r.seq) MINUTE
FROM bench_row r JOIN bench_owner o ON o.k = (r.h DIV 65536) % 20;

INSERT INTO contact_email (contact_id, kind, email, position)
SELECT seq, 'work', CONCAT('c', seq, '@', ELT(1 + h % 4, 'example.com', 'example.ru', 'mail.example', 'corp.example')), 0
FROM bench_row WHERE (h2 DIV 16) % 10 <> 0;

-- Numbers are a permutation of seq, so each is one contact's.
INSERT INTO contact_phone (contact_id, kind, typed, e164, position)
SELECT seq, 'mobile',
  CONCAT('+7 9', SUBSTRING(n, 1, 2), ' ', SUBSTRING(n, 3, 3), '-', SUBSTRING(n, 6, 2), '-', SUBSTRING(n, 8, 2)),
  CONCAT('+79', n), 0
FROM (SELECT seq, h2, LPAD((seq * 7919) % 1000000000, 9, '0') AS n FROM bench_row) x
WHERE (h2 DIV 32) % 5 <> 0;

INSERT IGNORE INTO crm_record_user (entity, record_id, user_id, kind)
SELECT 'contact', c.id, o.user_id, 'manager'
FROM contact c JOIN bench_owner o ON o.k = 0
WHERE c.id % 200 = 7 AND c.owner_id <> o.user_id;
UPDATE contact SET has_users = 1 WHERE id % 200 = 7;

DROP TEMPORARY TABLE bench_row;
DROP TEMPORARY TABLE bench_owner;
