"""How admins reach the contacts settings: the list's "Settings" button opens the tabs
of contact types, temperature levels and web forms, so the web forms need no menu entry
of their own; CRM users see none of it."""
import re

import crmtest
from crmtest import Session, sql, test

PASSWORD = "tabs pass 1"


def signed_in(role):
    login = crmtest.unique("tab")
    uid = crmtest.user_add(login, PASSWORD, role=role)
    sql("UPDATE crm_user SET locale = 'en' WHERE id = %d" % uid)
    s = Session()
    s.login(login, PASSWORD, next="/contacts")
    return s


def tabs(page):
    """[(href, current)] of the settings tabs on a page."""
    nav = re.search(r'<nav class="actions contacts-tabs"[^>]*>(.*?)</nav>', page, re.S)
    assert nav, page[:2000]
    return [(href, "aria-current" in attrs) for attrs, href in
            ((m.group(0), m.group(1)) for m in re.finditer(r'<a href="([^"]+)"[^>]*>', nav.group(1)))]


@test
def admins_reach_the_web_forms_in_two_clicks_from_the_contacts_list():
    s = signed_in("admin")
    listed = s.get("/contacts")
    assert listed.status == 200
    # No menu entry (nor any other link) for the web forms on the list itself...
    assert 'href="/contacts/webforms"' not in listed.text
    # ...but its Settings button leads to the tabs, one of which is the web forms.
    assert 'href="/contacts/settings/types"' in listed.text
    page = s.get("/contacts/settings/types")
    assert page.status == 200
    assert tabs(page.text) == [("/contacts/settings/types", True), ("/contacts/settings/temperatures", False),
                               ("/contacts/webforms", False)], tabs(page.text)
    forms = s.get("/contacts/webforms")
    assert forms.status == 200
    assert tabs(forms.text) == [("/contacts/settings/types", False), ("/contacts/settings/temperatures", False),
                                ("/contacts/webforms", True)], tabs(forms.text)
    assert tabs(s.get("/contacts/settings/temperatures").text)[1] == ("/contacts/settings/temperatures", True)


@test
def crm_users_see_neither_the_settings_nor_the_web_forms():
    s = signed_in("user")
    listed = s.get("/contacts")
    assert listed.status == 200
    assert "/contacts/settings" not in listed.text and "/contacts/webforms" not in listed.text
    for path in ("/contacts/settings/types", "/contacts/webforms"):
        assert s.get(path).status == 403, path


if __name__ == "__main__":
    crmtest.main()
