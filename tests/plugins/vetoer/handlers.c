/* vetoer's handlers: the veto, the list action's target, a lookup and a card panel, each
 * answering in plain text or a small node the tests read. */
#include <stdio.h>
#include <string.h>
#include <crm/crm.h>

#define INVOICE_WORD "invoice"

/* "contact.deleting" carries the contact's name: refuse when it holds the word. */
int vetoer_on_deleting(crm_req *r, crm_event *ev)
{
	(void)r;
	const char *name = crm_event_get(ev, "name");
	if (name && strstr(name, INVOICE_WORD))
		crm_event_veto(ev, "vetoer.has_invoice");
	return 0;
}

/* "contact.merged": logged, so the tests see that subscribers hear of it. */
int vetoer_on_merged(crm_req *r, crm_event *ev)
{
	(void)r;
	crm_log("info", "vetoer: contact %s merged into %s", crm_event_get(ev, "from"), crm_event_get(ev, "into"));
	return 0;
}

/* POST /vetoer/bulk: the ticked ids, one per line. */
int vetoer_bulk(crm_req *r)
{
	const char *out = "ids:";
	for (const crm_field *f = crm_req_fields(r); f; f = f->next)
		if (!strcmp(f->name, "id"))
			out = crm_psprintf(crm_req_pool(r), "%s %s", out, f->value);
	return crm_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

/* GET /vetoer/lookup?phone=..|email=..: what "contact.lookup" answered, one line each. */
int vetoer_lookup(crm_req *r)
{
	crm_event *ev = crm_event_new(r, "contact.lookup", "contact", 0);
	const char *phone = crm_req_query(r, "phone"), *email = crm_req_query(r, "email");
	if (phone)
		crm_event_set(ev, "phone", phone);
	if (email)
		crm_event_set(ev, "email", email);
	crm_event_publish(r, ev, NULL);
	const char *out = "";
	for (xmlNodePtr n = crm_event_result(ev)->children; n; n = n->next) {
		xmlChar *id = xmlGetProp(n, BAD_CAST "id"), *name = xmlGetProp(n, BAD_CAST "name");
		xmlChar *url = xmlGetProp(n, BAD_CAST "url"), *company = xmlGetProp(n, BAD_CAST "company");
		out = crm_psprintf(crm_req_pool(r), "%s%s|%s|%s|%s\n", out, (char *)id, (char *)name, (char *)url,
				   company ? (char *)company : "");
		xmlFree(id);
		xmlFree(name);
		xmlFree(url);
		xmlFree(company);
	}
	return crm_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

/* A panel on the contact card: the contact's id, to show panels reach the card. */
int vetoer_panel(crm_req *r, int64_t id, xmlNodePtr node)
{
	(void)r;
	crm_xml_add_int(node, "contact", id);
	return 0;
}
