#!/usr/bin/env python3
"""Demo contacts for `make run`: a few hundred Russian and English persons and companies
on tenant "default", owned by the demo owner and manager (scripts/demo.sh).

The data is generated from a fixed seed, so every run makes the same contacts; a
setting marks the tenant once they are loaded, and a second run changes nothing.
Phone numbers are stored as typed and in E.164, as libphonenumber reads them with the
default country RU (numbers of other countries are typed with their "+").
Emails use reserved .example domains: a demo must never mail anyone.

Usage: demo.py CRM_CONF
"""
import random
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "scripts"))
from demolib import Demo, q  # noqa: E402

SEED = 20241123
MARK = "demo.contacts"

# ===== the raw material =====

RU_MEN = ["Александр", "Алексей", "Андрей", "Артём", "Борис", "Вадим", "Василий", "Виктор", "Владимир",
          "Дмитрий", "Евгений", "Игорь", "Илья", "Кирилл", "Константин", "Максим", "Михаил", "Никита",
          "Николай", "Олег", "Павел", "Роман", "Сергей", "Станислав", "Тимур", "Юрий"]
RU_WOMEN = ["Анастасия", "Анна", "Валентина", "Вера", "Галина", "Дарья", "Екатерина", "Елена", "Ирина",
            "Ксения", "Лариса", "Людмила", "Марина", "Мария", "Наталья", "Ольга", "Полина", "Светлана",
            "Софья", "Татьяна", "Юлия"]
# The man's form; a woman's is made by the rules below.
RU_SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
               "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
               "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
               "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
               "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
               "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев",
               "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев",
               "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков", "Миронов",
               "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов",
               "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов",
               "Мартынов", "Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин", "Исаев", "Чернышёв",
               "Быков", "Маслов", "Родионов", "Коновалов", "Лазарев", "Воронин", "Климов", "Филатов",
               "Пономарёв", "Голубев", "Кудрявцев", "Прохоров", "Наумов", "Потапов", "Журавлёв", "Овчинников",
               "Трофимов", "Леонов", "Соболев", "Ермаков", "Колесников", "Гончаров", "Емельянов", "Никифоров",
               "Грачёв", "Котов", "Гришин", "Ефремов", "Архипов", "Громов", "Кириллов", "Малышев", "Панов",
               "Моисеев", "Румянцев", "Акимов", "Кондратьев", "Бирюков", "Горбунов", "Анисимов", "Ерёмин",
               "Тихомиров", "Галкин", "Лукьянов", "Михеев", "Скворцов", "Юдин", "Белоусов", "Нестеров",
               "Симонов", "Прокофьев", "Харитонов", "Князев", "Цветков", "Левин", "Митрофанов", "Воронов",
               "Аксёнов", "Софронов", "Мальцев", "Логинов", "Горшков", "Савин", "Краснов", "Майоров",
               "Демидов", "Елисеев", "Рыбаков", "Сафонов", "Плотников", "Демин", "Хохлов", "Жданов",
               "Шевченко", "Бондаренко", "Ткаченко", "Кравченко", "Коваленко", "Черных", "Седых", "Ким"]
EN_MEN = ["James", "John", "Robert", "Michael", "William", "David", "Richard", "Thomas", "Daniel", "Matthew",
          "Andrew", "Oliver", "George", "Harry", "Jack", "Charles", "Edward", "Samuel", "Peter", "Mark"]
EN_WOMEN = ["Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Susan", "Jessica", "Sarah", "Karen", "Emily",
            "Olivia", "Amelia", "Sophie", "Charlotte", "Emma", "Grace", "Lucy", "Hannah", "Alice", "Rachel"]
EN_SURNAMES = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor",
               "Anderson", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
               "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker",
               "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans",
               "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers"]

# name, domain stem, city key
RU_COMPANIES = [
    ("ООО «Ромашка»", "romashka"), ("АО «СеверСтрой»", "severstroy"), ("ООО «Технопарк Инжиниринг»", "technopark-eng"),
    ("ООО «Вектор»", "vektor"), ("ЗАО «Уральские системы»", "uralsys"), ("ООО «Альфа Логистик»", "alfa-logistic"),
    ("ООО «Гранит»", "granit"), ("АО «Волжский трубный склад»", "vts"), ("ООО «Медиа Плюс»", "mediaplus"),
    ("ООО «Сибирский лес»", "sibles"), ("ООО «Кофейня на углу»", "coffee-corner"), ("ИП Соколова Е. А.", "sokolova-ea"),
    ("ООО «Строймаркет»", "stroymarket"), ("АО «Балтийская верфь сервис»", "baltverf"), ("ООО «Цифровые решения»", "digisol"),
    ("ООО «Агрохолдинг Заря»", "zarya-agro"), ("ООО «ТрансКом»", "transcom"), ("ООО «Эко Продукт»", "ecoproduct"),
    ("ООО «Мебельная фабрика Уют»", "uyut-mebel"), ("ООО «Северный ветер»", "nordwind"), ("АО «Энергосбыт Плюс»", "energoplus"),
    ("ООО «Фармация»", "pharmacia"), ("ООО «Аврора Тревел»", "aurora-travel"), ("ООО «Школа программирования Код»", "kod-school"),
    ("ООО «ПромАвтоматика»", "promavto"), ("ООО «Камский хлеб»", "kamhleb"), ("ООО «Студия дизайна Линия»", "liniya-design"),
    ("ООО «Клиника Здоровье»", "zdorovie-clinic"), ("ООО «Горизонт»", "gorizont"), ("АО «Нева Текстиль»", "neva-textile"),
    ("ООО «Бюро переводов Глобус»", "globus-translate"), ("ООО «Автоцентр Восток»", "avto-vostok"),
    ("ООО «Спектр»", "spektr"), ("ООО «Инфосфера»", "infosfera"), ("ООО «Молочный двор»", "molodvor"),
    ("ООО «Юридическая фирма Право»", "pravo-law"), ("ООО «Тёплый дом»", "teplydom"), ("ООО «Оптима»", "optima"),
    ("ООО «Рыбная компания Камчатка»", "kamchatka-fish"), ("ООО «Северо-Западный дистрибьютор»", "szd"),
    ("ИП Григорьев А. В.", "grigoriev-av"), ("ООО «Лаборатория качества»", "lab-quality"),
]
EN_COMPANIES = [
    ("Northwind Traders Ltd", "northwind"), ("Blue Harbor Logistics", "blueharbor"), ("Acme Robotics Inc.", "acme-robotics"),
    ("Greenfield Foods plc", "greenfield"), ("Silverline Software LLC", "silverline"), ("Oakridge Consulting", "oakridge"),
    ("Redstone Engineering Ltd", "redstone"), ("Brightwave Media", "brightwave"), ("Summit Medical Supplies", "summitmed"),
    ("Kingsway Furniture Ltd", "kingsway"), ("Harbourview Hotels", "harbourview"), ("Crescent Analytics", "crescent"),
    ("Maple & Stone Architects", "maplestone"), ("Pioneer Freight Inc.", "pioneerfreight"),
]

RU_CITIES = [
    # city, region code for landlines, streets
    ("Москва", "495", ["ул. Тверская", "Ленинский пр-т", "ул. Новый Арбат", "Кутузовский пр-т", "ул. Большая Якиманка"]),
    ("Москва", "499", ["ул. Бауманская", "Волоколамское ш.", "ул. Профсоюзная"]),
    ("Санкт-Петербург", "812", ["Невский пр-т", "Московский пр-т", "ул. Садовая", "Лиговский пр-т"]),
    ("Екатеринбург", "343", ["ул. Малышева", "пр-т Ленина", "ул. 8 Марта"]),
    ("Новосибирск", "383", ["Красный пр-т", "ул. Кирова", "ул. Фрунзе"]),
    ("Казань", "843", ["ул. Баумана", "ул. Пушкина", "пр-т Победы"]),
    ("Нижний Новгород", "831", ["ул. Большая Покровская", "ул. Родионова"]),
    ("Самара", "846", ["ул. Ленинградская", "Московское ш."]),
]
RU_MOBILE = ["903", "905", "906", "909", "910", "912", "915", "916", "917", "919", "920", "921", "925", "926",
             "929", "950", "953", "960", "961", "977", "980", "985", "999"]
EN_PLACES = [
    # city, street, postcode, phone maker
    ("London", "Baker Street", "NW1 6XE", "gb"), ("London", "Kingsway", "WC2B 6AA", "gb"),
    ("Manchester", "Deansgate", "M3 2BW", "gb"), ("New York", "Madison Avenue", "NY 10022", "us"),
    ("Boston", "Beacon Street", "MA 02108", "us"), ("Chicago", "Michigan Avenue", "IL 60611", "us"),
]
FREE_MAIL = ["mail.example", "inbox.example", "post.example"]
JOBS_RU = ["Генеральный директор", "Коммерческий директор", "Менеджер по закупкам", "Главный бухгалтер",
           "Руководитель отдела продаж", "Менеджер по продажам", "Офис-менеджер", "Инженер", "Юрист",
           "Маркетолог", "Логист", "Специалист по снабжению", "Технический директор", "Помощник руководителя"]
JOBS_EN = ["CEO", "Sales Director", "Procurement Manager", "Head of Operations", "Account Manager", "CFO",
           "Office Manager", "Marketing Lead", "Project Manager", "Purchasing Agent"]
TAGS = ["VIP", "партнёр", "выставка", "рассылка", "опт", "розница", "конференция", "newsletter", "referral"]
NOTES_RU = ["Просил перезвонить после праздников.", "Интересуется оптовыми поставками.",
            "Отправили коммерческое предложение.", "Встреча на выставке, обменялись визитками.",
            "Договорились о пробной поставке.", "Нужен счёт с НДС.", "Предпочитает связь в Telegram."]
NOTES_EN = ["Met at the trade fair in Berlin.", "Asked for a price list in USD.", "Prefers email over calls.",
            "Sent the proposal, follow up next week.", "Interested in a pilot project."]
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def translit(s):
    return "".join(TRANSLIT.get(c, c) for c in s.lower())


def feminine(surname):
    """The woman's form of a Russian surname (Иванов -> Иванова); others do not change."""
    for end, fem in (("ский", "ская"), ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина")):
        if surname.endswith(end):
            return surname[: -len(end)] + fem
    return surname


# ===== phone numbers, as typed and in E.164 =====

def ru_typed(code, num, rnd):
    """A Russian number (code: 3 digits, num: 7) written as people write it, and its E.164."""
    a, b, c = num[:3], num[3:5], num[5:]
    forms = ["+7 {0} {1}-{2}-{3}", "8 ({0}) {1}-{2}-{3}", "8{0}{1}{2}{3}", "+7{0}{1}{2}{3}",
             "8-{0}-{1}-{2}-{3}", "+7 ({0}) {1} {2} {3}"]
    return rnd.choice(forms).format(code, a, b, c), "+7" + code + num


def ru_mobile(rnd):
    return ru_typed(rnd.choice(RU_MOBILE), "%07d" % rnd.randrange(1000000, 9999999), rnd)


def ru_landline(code, rnd):
    return ru_typed(code, "%07d" % rnd.randrange(2000000, 9999999), rnd)


def foreign_phone(kind, rnd):
    """Numbers in the ranges the UK and the US keep for fiction, typed with their "+"."""
    n = rnd.randrange(100, 1000)
    if kind == "gb" and rnd.random() < 0.5:
        return "+44 20 7946 0%03d" % n, "+442079460%03d" % n
    if kind == "gb":
        return "+44 7700 900%03d" % n, "+447700900%03d" % n
    n = rnd.randrange(100, 200)
    return "+1 (212) 555-0%03d" % n, "+12125550%03d" % n


# ===== SQL =====



class Script:
    def __init__(self):
        self.lines = []
        self.n = 0

    def add(self, sql):
        self.lines.append(sql)

    def contact(self, c):
        """Insert contact c (a dict) with its items, tags, managers and history; its variable."""
        self.n += 1
        var = "@c%d" % self.n
        cols = ["kind", "first_name", "last_name", "name", "company_id", "job_title", "type_id", "temperature_id",
                "currency", "description", "owner_id", "visibility", "created_at"]
        vals = [q(c["kind"]), q(c.get("first_name", "")), q(c.get("last_name", "")), q(c["name"]),
                c.get("company", "NULL"), q(c.get("job_title", "")),
                "(SELECT id FROM contact_type WHERE name = %s)" % q(c["type"]) if c.get("type") else "NULL",
                "(SELECT id FROM contact_temperature WHERE name = %s)" % q(c["temperature"])
                if c.get("temperature") else "NULL",
                q(c["currency"]), q(c.get("description")), c["owner"], q(c["visibility"]),
                "NOW() - INTERVAL %d MINUTE" % c["age_min"]]
        self.add("INSERT INTO contact (%s) VALUES (%s);" % (", ".join(cols), ", ".join(vals)))
        self.add("SET %s = LAST_INSERT_ID();" % var)
        for i, (kind, email) in enumerate(c.get("emails", [])):
            self.add("INSERT INTO contact_email (contact_id, kind, email, position) VALUES (%s, %s, %s, %d);"
                     % (var, q(kind), q(email.lower()), i))
        for i, (kind, typed, e164) in enumerate(c.get("phones", [])):
            self.add("INSERT INTO contact_phone (contact_id, kind, typed, e164, position) VALUES (%s, %s, %s, %s, %d);"
                     % (var, q(kind), q(typed), q(e164), i))
        for i, (kind, url) in enumerate(c.get("links", [])):
            self.add("INSERT INTO contact_link (contact_id, kind, url, position) VALUES (%s, %s, %s, %d);"
                     % (var, q(kind), q(url), i))
        for i, (kind, address) in enumerate(c.get("addresses", [])):
            self.add("INSERT INTO contact_address (contact_id, kind, address, position) VALUES (%s, %s, %s, %d);"
                     % (var, q(kind), q(address), i))
        for tag in c.get("tags", []):
            self.add("INSERT IGNORE INTO crm_record_tag (entity, record_id, tag_id) "
                     "SELECT 'contact', %s, id FROM crm_tag WHERE name = %s;" % (var, q(tag)))
        for user in c.get("managers", []):
            self.add("INSERT IGNORE INTO crm_record_user (entity, record_id, user_id, kind) "
                     "VALUES ('contact', %s, %s, 'manager');" % (var, user))
            self.add("UPDATE contact SET has_users = 1 WHERE id = %s;" % var)
        self.add("INSERT INTO crm_history (entity, record_id, category_id, user_id, created_at, text) "
                 "SELECT 'contact', %s, id, %s, NOW() - INTERVAL %d MINUTE, %s FROM crm_history_category "
                 "WHERE code = 'created';" % (var, c["owner"], c["age_min"], q(c["name"])))
        for code, text, age in c.get("history", []):
            self.add("INSERT INTO crm_history (entity, record_id, category_id, user_id, created_at, text) "
                     "SELECT 'contact', %s, id, %s, NOW() - INTERVAL %d MINUTE, %s FROM crm_history_category "
                     "WHERE code = %s;" % (var, c["owner"], age, q(text), q(code)))
        return var


def generate():
    rnd = random.Random(SEED)
    s = Script()
    s.add("SET NAMES utf8mb4;")
    s.add("START TRANSACTION;")
    s.add("SET @owner = (SELECT id FROM crm_user WHERE login = 'owner');")
    s.add("SET @manager = (SELECT id FROM crm_user WHERE login = 'manager');")
    for tag in TAGS:
        s.add("INSERT IGNORE INTO crm_tag (name) VALUES (%s);" % q(tag))
    types = ["contacts.type.client", "contacts.type.partner", "contacts.type.supplier", "contacts.type.competitor"]
    temps = ["contacts.temp.cold", "contacts.temp.warm", "contacts.temp.hot"]

    def common(owner_pick=None):
        owner = owner_pick or rnd.choice(["@manager", "@manager", "@manager", "@owner", "@owner"])
        vis = rnd.choices(["public_read", "private", "public_write"], [55, 30, 15])[0]
        c = {
            "owner": owner, "visibility": vis, "age_min": rnd.randrange(60, 400 * 24 * 60),
            "type": rnd.choices(types + [None], [45, 15, 15, 5, 20])[0],
            "temperature": rnd.choice(temps + [None]),
            "tags": rnd.sample(TAGS, rnd.choices([0, 1, 2], [55, 35, 10])[0]),
        }
        if rnd.random() < 0.15:
            c["managers"] = ["@owner" if owner == "@manager" else "@manager"]
        return c

    def history(c, notes):
        items = []
        for _ in range(rnd.choices([0, 1, 2], [60, 30, 10])[0]):
            age = rnd.randrange(1, max(2, c["age_min"]))
            items.append((rnd.choice(["note", "call"]), rnd.choice(notes), age))
        c["history"] = items

    companies = []  # (variable, domain, city or place, english)
    for name, stem in RU_COMPANIES:
        city, code, streets = rnd.choice(RU_CITIES)
        domain = stem + ".example"
        c = common()
        c.update(kind="company", name=name, currency="RUB",
                 emails=[("work", rnd.choice(["info", "office", "sales", "zakaz"]) + "@" + domain)],
                 phones=[("work",) + ru_landline(code, rnd)],
                 links=[("site", "https://www." + domain)],
                 addresses=[("work", "г. %s, %s, д. %d%s" % (city, rnd.choice(streets), rnd.randrange(1, 120),
                                                             rnd.choice(["", ", офис %d" % rnd.randrange(1, 500)])))])
        if rnd.random() < 0.3:
            c["phones"].append(("mobile",) + ru_mobile(rnd))
        history(c, NOTES_RU)
        companies.append((s.contact(c), domain, code, False))
    for name, stem in EN_COMPANIES:
        # A "Ltd" is British and an "Inc." American; the others may be either.
        places = [p for p in EN_PLACES if (p[3] == "gb") == name.endswith(("Ltd", "plc"))] \
            if name.endswith(("Ltd", "plc", "Inc.", "LLC")) else EN_PLACES
        city, street, post, phone_kind = rnd.choice(places)
        domain = stem + ".example"
        c = common()
        c.update(kind="company", name=name, currency="GBP" if phone_kind == "gb" else "USD",
                 emails=[("work", rnd.choice(["info", "sales", "hello"]) + "@" + domain)],
                 phones=[("work",) + foreign_phone(phone_kind, rnd)],
                 links=[("site", "https://www." + domain), ("linkedin", "https://www.linkedin.com/company/" + stem)],
                 addresses=[("work", "%d %s, %s %s" % (rnd.randrange(1, 300), street, city, post))])
        history(c, NOTES_EN)
        companies.append((s.contact(c), domain, phone_kind, True))

    seen = set()
    for i in range(300):
        english = i % 5 == 4  # one in five
        woman = rnd.random() < 0.5
        while True:
            if english:
                first = rnd.choice(EN_WOMEN if woman else EN_MEN)
                last = rnd.choice(EN_SURNAMES)
            else:
                first = rnd.choice(RU_WOMEN if woman else RU_MEN)
                last = rnd.choice(RU_SURNAMES)
                last = feminine(last) if woman else last
            if (first, last) not in seen:
                seen.add((first, last))
                break
        c = common()
        c.update(kind="person", first_name=first, last_name=last, name="%s %s" % (last, first))
        login = ("%s.%s" % (first, last)).lower() if english else "%s.%s" % (translit(first), translit(last))
        login = login.replace("'", "")
        pool = [x for x in companies if x[3] == english]
        in_company = rnd.random() < 0.7
        phones = []
        if in_company:
            var, domain, where, _ = rnd.choice(pool)
            c["company"] = var
            c["job_title"] = rnd.choice(JOBS_EN if english else JOBS_RU)
            c["emails"] = [("work", login + "@" + domain)]
            if english:
                phones.append(("work",) + foreign_phone(where, rnd))
            else:
                phones.append(("work",) + ru_landline(where, rnd))
            if rnd.random() < 0.25:
                c["emails"].append(("home", login + "@" + rnd.choice(FREE_MAIL)))
        else:
            c["emails"] = [("home", login + "@" + rnd.choice(FREE_MAIL))]
        if english:
            if rnd.random() < 0.6:
                phones.append(("mobile",) + foreign_phone("gb" if rnd.random() < 0.5 else "us", rnd))
            c["currency"] = rnd.choice(["USD", "GBP", "EUR"])
        else:
            if rnd.random() < 0.85:
                phones.append(("mobile",) + ru_mobile(rnd))
            c["currency"] = "RUB"
            if rnd.random() < 0.2:
                c["links"] = [("telegram", "https://t.me/" + login.replace(".", "_"))]
            if rnd.random() < 0.1:
                city, _, streets = rnd.choice(RU_CITIES)
                c["addresses"] = [("home", "г. %s, %s, д. %d, кв. %d" % (city, rnd.choice(streets),
                                                                          rnd.randrange(1, 120),
                                                                          rnd.randrange(1, 300)))]
        c["phones"] = phones
        if rnd.random() < 0.1:
            c["description"] = rnd.choice(NOTES_EN if english else NOTES_RU)
        history(c, NOTES_EN if english else NOTES_RU)
        s.contact(c)

    s.add("INSERT INTO crm_setting (name, value) VALUES (%s, '1');" % q(MARK))
    s.add("COMMIT;")
    return "\n".join(s.lines) + "\n", s.n


def main():
    d = Demo('contacts', 'contact', MARK)
    if not d.start():
        return
    sql, n = generate()
    d.run(sql)
    print("Demo contacts: %d persons and companies loaded." % n)


if __name__ == "__main__":
    main()
