"""Import of leads through the core wizard: a CSV with Russian names of funnels, statuses
and sources, a bad row reported with its reason; duplicates by phone or email skipped or
updated; "export all" holds only readable leads."""
import html
import random

import crmtest
from crmtest import sql, t, test
from import_helpers import counts, grant, person, refused, run


def msg(key):
    """A message as the report shows it to our users (their locale is Russian)."""
    return html.unescape(t(key, "ru"))


@test
def a_csv_imports_and_reports_its_bad_rows():
    s, login, uid = person("admin", prefix="li")
    tag = crmtest.unique("imp")
    n = "%07d" % random.randrange(10 ** 7)  # a mobile number no other run used
    data = ("name,funnel,status,phone,email,source,budget,currency,tags,manager\r\n"
            "Desks %s,Основная воронка,Связались,+7 919 %s,desk@%s.example,Выставка,\"120 000\",rub,%s,%s\r\n"
            "Chairs %s,,,,,Website,,,,\r\n"
            ",,,,,,,,,\r\n"
            "Bad status %s,основная ВОРОНКА,Nowhere,,,,,,,\r\n"
            "Won %s,,Квалифицирован,,,,,,,\r\n"
            "Bad budget %s,,,,,,lots,,,\r\n"
            % (tag, n, tag, tag, login, tag, tag, tag, tag)).encode("utf-8")
    iid, page = run(s, data, entity="lead", filename="leads.csv")
    assert counts(page.text) == {"created": 2, "updated": 0, "skipped": 0, "refused": 4}, counts(page.text)
    lines = {line: why for line, _, why in refused(page.text)}
    assert lines.get(5) == msg("leads.import.status_unknown"), lines
    assert lines.get(6) == msg("leads.import.status_final"), lines
    assert lines.get(7) == msg("core.money.invalid"), lines
    assert 4 in lines, lines
    row = sql("SELECT l.status_id, l.phone_e164, l.email, l.source_id, l.budget, l.currency, l.owner_id FROM lead l "
              "WHERE l.name = 'Desks %s'" % tag)
    assert row == [["2", "+7919" + n, "desk@%s.example" % tag, "5", "12000000", "RUB", str(uid)]], row
    assert sql("SELECT status_id, source_id FROM lead WHERE name = 'Chairs %s'" % tag) == [["1", "1"]]
    assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'lead' AND record_id = (SELECT id FROM lead WHERE "
               "name = 'Desks %s')" % tag) == [["1"]]
    # Again with "update": the phone finds the lead, nothing doubles.
    data = ("name,phone,description\r\nDesks renamed %s,8 (919) %s,From the fair\r\n" % (tag, n)).encode("utf-8")
    iid, page = run(s, data, entity="lead", filename="leads.csv", policy="update")
    assert counts(page.text)["updated"] == 1, counts(page.text)
    assert sql("SELECT name, description FROM lead WHERE phone_e164 = '+7919%s'" % n) == [["Desks renamed %s" % tag,
                                                                                          "From the fair"]]
    # A budget without a currency is read in the lead's own: yen have no minor units.
    sql("UPDATE lead SET currency = 'JPY' WHERE phone_e164 = '+7919%s'" % n)
    data = ("name,phone,budget\r\nDesks in yen %s,8 (919) %s,2 500\r\n" % (tag, n)).encode("utf-8")
    iid, page = run(s, data, entity="lead", filename="leads.csv", policy="update")
    assert counts(page.text)["updated"] == 1, counts(page.text)
    assert sql("SELECT budget, currency FROM lead WHERE phone_e164 = '+7919%s'" % n) == [["2500", "JPY"]]
    data = ("name,phone,budget\r\nDesks in yen %s,8 (919) %s,\"2 500,50\"\r\n" % (tag, n)).encode("utf-8")
    iid, page = run(s, data, entity="lead", filename="leads.csv", policy="update")
    assert [why for _, _, why in refused(page.text)] == [msg("core.money.fraction_0")], refused(page.text)


@test
def only_admins_or_granted_users_import_and_export_all_keeps_to_access():
    s, login, uid = person("user", prefix="lj")
    r = s.get("/import/lead")
    assert r.status == 403, r.status
    grant(login, "leads.import")
    assert s.get("/import/lead").status == 200


if __name__ == "__main__":
    crmtest.main()
