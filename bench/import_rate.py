"""The CSV import rate: a generated file of ROWS contacts (names, email, phone, job
title, a tag) goes through the wizard of a running stack, and the time from "start" to
the report is measured. Prints rows/s (the target is at least 5,000 rows/s).

Usage: CRM_STATE=DIR PORT=N BUILD=DIR PYTHONPATH=tests/system python3 bench/import_rate.py [ROWS]
"""
import random
import sys
import time

sys.path.insert(0, "tests/system")
from crmtest import sql, unique  # noqa: E402
from import_helpers import counts, import_id, person, start, upload, wait  # noqa: E402


def generate(n, tag):
    first = ["Анна", "Борис", "Виктор", "Галина", "Дмитрий", "Елена", "John", "Mary", "Peter", "Olga"]
    last = ["Иванов", "Петрова", "Сидоров", "Кузнецова", "Smith", "Brown", "Орлов", "Волкова"]
    jobs = ["Директор", "Менеджер", "Engineer", "Buyer", ""]
    out = ["first_name,last_name,email,phone,job_title,tags"]
    base = random.randrange(0, 999_000_000 - n)  # numbers no earlier run used, most likely
    for i in range(n):
        d = "%09d" % (base + i)
        out.append("%s,%s,c%d.%s@example.com,+7 9%s %s-%s-%s,%s,bench-%s"
                   % (first[i % 10], last[i % 8], i, tag, d[:2], d[2:5], d[5:7], d[7:], jobs[i % 5], tag))
    return ("\n".join(out) + "\n").encode()


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    tag = unique("b")
    data = generate(rows, tag)
    s, login, uid = person("admin", "bench")
    iid = import_id(upload(s, data, filename="bench.csv"))
    t0 = time.time()
    assert start(s, iid, policy="skip").status == 303
    page = wait(s, iid, timeout=600)
    wall = time.time() - t0
    got = counts(page.text)
    started, finished = sql("SELECT UNIX_TIMESTAMP(started_at), UNIX_TIMESTAMP(finished_at) FROM crm_import "
                            "WHERE id = %d" % iid)[0]
    run_s = max(float(finished) - float(started), 1)
    print("import of %d rows (%.1f MB): %s" % (rows, len(data) / 1e6, got))
    print("runner: %.0f s by its timestamps, %.0f rows/s; %.1f s from start to report (pick-up included), %.0f rows/s"
          % (run_s, rows / run_s, wall, rows / wall))


if __name__ == "__main__":
    main()
