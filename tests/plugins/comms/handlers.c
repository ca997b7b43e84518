/* comms' handlers: each publishes one event (or calls crm_pick) and answers what came
 * back as plain text lines "attr|attr|..." the tests read, or a small form page. */
#include <stdlib.h>
#include <string.h>
#include <crm/crm.h>

static int text(crm_req *r, int status, const char *out)
{
	return crm_send(r, status, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

/* One line per result child: the named attributes joined by "|". */
static const char *lines(crm_req *r, crm_event *ev, const char *const *attrs)
{
	crm_pool *p = crm_req_pool(r);
	const char *out = "";
	for (xmlNodePtr n = crm_event_result(ev)->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		out = crm_psprintf(p, "%s%s", out, (const char *)n->name);
		for (const char *const *a = attrs; *a; a++) {
			xmlChar *v = xmlGetProp(n, BAD_CAST *a);
			out = crm_psprintf(p, "%s|%s", out, v ? (const char *)v : "");
			xmlFree(v);
		}
		out = crm_psprintf(p, "%s\n", out);
	}
	return out;
}

/* Copy the request's fields named in names into the event. */
static void args(crm_req *r, crm_event *ev, const char *const *names, int form)
{
	for (const char *const *k = names; *k; k++) {
		const char *v = form ? crm_req_form(r, *k) : crm_req_query(r, *k);
		if (v)
			crm_event_set(ev, *k, v);
	}
}

static const char *const contact_attrs[] = {"id", "name", "kind", "company_id", "company", "phone", "email",
					    "url", "exact", NULL};

/* GET /comms/describe?ids=1,2,3 */
int comms_describe(crm_req *r)
{
	crm_event *ev = crm_event_new(r, "contact.describe", "contact", 0);
	static const char *const names[] = {"ids", NULL};
	args(r, ev, names, 0);
	crm_event_publish(r, ev, NULL);
	return text(r, 200, lines(r, ev, contact_attrs));
}

/* GET /comms/search?q=..&kind=.. */
int comms_search(crm_req *r)
{
	crm_event *ev = crm_event_new(r, "contact.search", "contact", 0);
	static const char *const names[] = {"q", "kind", NULL};
	args(r, ev, names, 0);
	crm_event_publish(r, ev, NULL);
	return text(r, 200, lines(r, ev, contact_attrs));
}

/* GET /comms/pick?typed=..: a form with a contact field, resolved by crm_pick; the
 * result as <picked>id</picked>, and the candidates' select when several matched. */
int comms_pick(crm_req *r)
{
	const char *typed = crm_req_query(r, "typed");
	xmlNodePtr c = crm_page(r, "comms.pick", "comms.title");
	xmlNodePtr form = crm_form(c, "/comms/pick");
	crm_xml_attr(form, "method", "get");
	xmlNodePtr f = crm_form_field(form, "typed", "comms.contact", "text", typed);
	int64_t id = crm_pick(r, "contact", typed, f);
	if (id == CRM_ECONFLICT)
		crm_xml_attr(f, "error", "core.pick_several");
	crm_xml_add_int(c, "picked", id);
	return 0;
}

static const char *const lead_attrs[] = {"id", "name", "url", "company", "status", "funnel", NULL};

/* GET /comms/find?phone=..|email=.. */
int comms_find(crm_req *r)
{
	crm_event *ev = crm_event_new(r, "lead.find", "lead", 0);
	static const char *const names[] = {"phone", "email", NULL};
	args(r, ev, names, 0);
	crm_event_publish(r, ev, NULL);
	return text(r, 200, lines(r, ev, lead_attrs));
}

/* POST /comms/create: name, phone, email, source, description, funnel_id. */
int comms_create(crm_req *r)
{
	crm_event *ev = crm_event_new(r, "lead.create", "lead", 0);
	static const char *const names[] = {"name", "phone", "email", "source", "description", "funnel_id", NULL};
	args(r, ev, names, 1);
	const char *veto = NULL;
	if (crm_event_publish(r, ev, &veto) == CRM_EVETO)
		return text(r, 422, crm_psprintf(crm_req_pool(r), "veto|%s\n", veto));
	return text(r, 200, lines(r, ev, lead_attrs));
}

/* POST /comms/attach: lead, entity, record_id, title. */
int comms_attach(crm_req *r)
{
	const char *lead = crm_req_form(r, "lead");
	crm_event *ev = crm_event_new(r, "lead.attach", "lead", lead ? strtoll(lead, NULL, 10) : 0);
	static const char *const names[] = {"entity", "record_id", "title", NULL};
	args(r, ev, names, 1);
	const char *veto = NULL;
	if (crm_event_publish(r, ev, &veto) == CRM_EVETO)
		return text(r, 409, crm_psprintf(crm_req_pool(r), "veto|%s\n", veto));
	return text(r, 200, "ok\n");
}

/* The «Звонки» tab on a lead's card: the lead's id, to show the tab reached it. */
int comms_lead_panel(crm_req *r, int64_t id, xmlNodePtr node)
{
	(void)r;
	crm_xml_add_int(node, "lead", id);
	return 0;
}

/* The «Звонки» tab of the leads section: the current user's calls. */
int comms_section_panel(crm_req *r, int64_t id, xmlNodePtr node)
{
	(void)id;
	crm_xml_attr_int(crm_xml_add(node, "calls", "comms-section"), "user", crm_req_user(r));
	return 0;
}
