"""A contact's text never runs as a spreadsheet formula in the CSV exports, whoever typed
it (a web form visitor, an import): cells starting with =, @, or + and - followed by
more than a number's characters are kept as text, while phone numbers and amounts
stay as they are."""
import re

import crmtest
from crmtest import Session, sql, test

PASSWORD = "formula pass 1"


@test
def formulas_in_names_are_kept_as_text_in_the_exports():
    login = crmtest.unique("fx")
    uid = crmtest.user_add(login, PASSWORD, role="admin")
    sql("UPDATE crm_user SET locale = 'en' WHERE id = %d" % uid)
    s = Session()
    s.login(login, PASSWORD, next="/contacts")
    tag = crmtest.unique("x")
    r = s.post("/contacts/new", {"kind": "person", "first_name": '+HYPERLINK("http://evil.example","x")',
                                 "last_name": "Fx%s" % tag, "job_title": "-2+3+cmd|' /C calc'!A0",
                                 "phone_0": "+7 (912) 345-67-89", "dup_ok": "1",
                                 "then": "card"})
    assert r.status == 303, (r.status, r.text[:500])
    cid = int(re.fullmatch(r"/contacts/(\d+)", r.header("Location")).group(1))
    for body in (s.get("/contacts/export?q=Fx%s" % tag).body,
                 s.post("/contacts/bulk", {"action": "export", "id": str(cid)}).body):
        text = body.decode("utf-8-sig")
        assert "Fx%s" % tag in text, text[:500]
        assert '"\'+HYPERLINK(""http://evil.example"",""x"")"' in text, text
        assert '"\'-2+3+cmd|\' /C calc\'!A0"' in text, text
        assert ",+7 (912) 345-67-89," in text, text
        assert ",+HYPERLINK" not in text and ",-2+3" not in text


if __name__ == "__main__":
    crmtest.main()
