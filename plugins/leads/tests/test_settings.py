"""The admins' settings: funnels with their statuses (a new funnel ends with the fixed
qualified and disqualified statuses, which cannot be renamed, moved or deleted; a status
or funnel holding leads stays), sources and disqualification reasons."""
import re

import crmtest
from crmtest import sql, t, test
from leads_helpers import lead, user


@test
def a_new_funnel_gets_its_final_statuses_and_leads_can_live_in_it():
    s, uid = user("ls", role="admin")
    name = crmtest.unique("Funnel ")
    r = s.post("/leads/settings/funnels", {"name": name})
    assert r.status == 303, r.text[:500]
    fid = int(re.search(r"/funnels/(\d+)$", r.header("Location")).group(1))
    kinds = sql("SELECT kind FROM lead_status WHERE funnel_id = %d ORDER BY position" % fid)
    assert kinds == [["open"], ["qualified"], ["disqualified"]], kinds
    assert s.post("/leads/settings/funnels", {"name": name}).status == 422, "names are unique"
    r = s.post("/leads/settings/funnels/%d/statuses" % fid, {"name": "Demo given"})
    assert r.status == 303
    kinds = sql("SELECT name, kind FROM lead_status WHERE funnel_id = %d ORDER BY position" % fid)
    assert kinds[1] == ["Demo given", "open"] and kinds[-1][1] == "disqualified", kinds
    final = sql("SELECT id FROM lead_status WHERE funnel_id = %d AND kind = 'qualified'" % fid)[0][0]
    for path in ("rename", "move", "delete"):
        r = s.post("/leads/settings/statuses/%s/%s" % (final, path), {"name": "x", "dir": "up"})
        assert r.status == 303 and sql("SELECT name FROM lead_status WHERE id = %s" % final) == [["leads.status.qualified"]]
    demo = sql("SELECT id FROM lead_status WHERE funnel_id = %d AND name = 'Demo given'" % fid)[0][0]
    lid = lead(s, funnel_id=str(fid), status_id=demo)
    assert sql("SELECT funnel_id, status_id FROM lead WHERE id = %d" % lid) == [[str(fid), demo]]
    # Statuses and funnels holding leads stay.
    assert s.post("/leads/settings/statuses/%s/delete" % demo, {}).status == 303
    assert sql("SELECT COUNT(*) FROM lead_status WHERE id = %s" % demo) == [["1"]]
    assert s.post("/leads/settings/funnels/%d/delete" % fid, {}).status == 303
    assert sql("SELECT COUNT(*) FROM lead_funnel WHERE id = %d" % fid) == [["1"]]
    page = s.get("/leads/settings/funnels/%d" % fid)
    assert page.status == 200 and "Demo given" in page.text
    # Once empty, the funnel goes with its statuses.
    s.post("/leads/%d/delete" % lid, {})
    assert s.post("/leads/settings/funnels/%d/delete" % fid, {}).status == 303
    assert sql("SELECT COUNT(*) FROM lead_status WHERE funnel_id = %d" % fid) == [["0"]]


@test
def sources_and_reasons_are_edited_by_admins_only():
    s, uid = user("ls", role="admin")
    plain, _ = user()
    for lst in ("sources", "reasons"):
        assert plain.get("/leads/settings/" + lst).status == 403
        name = crmtest.unique("Entry ")
        assert s.post("/leads/settings/" + lst, {"name": name}).status == 303
        page = s.get("/leads/settings/" + lst)
        assert page.status == 200 and name in page.text
        r = s.post("/leads/settings/" + lst, {"name": ""})
        assert r.status == 422 and t("core.choices.name_required") in r.text
    assert s.get("/leads/settings/nowhere").status == 404
    page = s.get("/leads/settings/reasons").text
    assert "No budget" in page, "seeded reasons show translated"


if __name__ == "__main__":
    crmtest.main()
