/* Writing the answer: wrap the page (menu, flash, user), render it, send headers and body. */
#include <stdlib.h>
#include <string.h>
#include "core.h"

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Status";
	}
}

typedef struct menu_item {
	const crm_menu_entry *e;
} menu_item;

static int by_order(const void *a, const void *b)
{
	const crm_menu_entry *x = ((const menu_item *)a)->e, *y = ((const menu_item *)b)->e;
	return x->order - y->order;
}

static bool valid_key(const char *k)
{
	if (!k || !*k || strlen(k) > 64)
		return false;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '_' || *k == '.'))
			return false;
	return true;
}

/* The flash cookie carries "kind:key" across a redirect; only catalog keys, never text. */
static void flash_cookie(crm_req *r)
{
	if (r->status == 303 && r->flash) {
		crm_header(r, "Set-Cookie",
			   crm_psprintf(r->pool, "crm_flash=%s:%s; Path=/; HttpOnly; SameSite=Lax",
					r->flash->name, r->flash->value));
		return;
	}
	const char *c = crm_req_cookie(r, "crm_flash");
	if (!c)
		return;
	const char *colon = strchr(c, ':');
	if (colon && valid_key(colon + 1))
		crm_flash(r, strncmp(c, "error", 5) ? "ok" : "error", colon + 1);
	if (r->page)
		crm_header(r, "Set-Cookie", "crm_flash=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

/* Numbers beside menu entries (a user's tasks due today, unread mail): whoever answers
 * "menu.counts" adds <count href="/tasks">3</count> to its result; one event a page. */
static void menu_counts(crm_req *r, xmlNodePtr menu)
{
	crm_event *ev = crm_event_new(r, "menu.counts", "", 0);
	if (crm_event_publish(r, ev, NULL) < 0)
		return;
	for (xmlNodePtr c = crm_event_result(ev)->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *href = xmlGetProp(c, BAD_CAST "href"), *n = xmlNodeGetContent(c);
		bool number = n && *n && strspn((const char *)n, "0123456789") == strlen((const char *)n);
		for (xmlNodePtr it = menu->children; it && href && number; it = it->next) {
			xmlChar *h = xmlGetProp(it, BAD_CAST "href");
			if (h && xmlStrEqual(h, href))
				crm_xml_attr(it, "count", (const char *)n);
			xmlFree(h);
		}
		xmlFree(href);
		xmlFree(n);
	}
}

static void wrap_page(crm_req *r)
{
	xmlNodePtr root = xmlDocGetRootElement(r->page);
	crm_xml_attr(root, "locale", r->locale);
	crm_xml_attr(root, "tenant", crm_req_tenant(r));
	crm_xml_attr(root, "path", r->path);
	crm_xml_attr_int(root, "status", r->status);
	if (r->user) {
		xmlNodePtr u = xmlNewNode(NULL, BAD_CAST "user");
		xmlAddPrevSibling(r->content, u);
		crm_xml_attr_int(u, "id", r->user);
		crm_xml_attr(u, "name", r->user_name);
		crm_xml_attr(u, "role", r->role);
		crm_xml_attr_int(u, "unread", r->unread);
		xmlNodePtr csrf = xmlNewTextChild(root, NULL, BAD_CAST "csrf", BAD_CAST r->csrf);
		xmlUnlinkNode(csrf);
		xmlAddPrevSibling(r->content, csrf);
	}
	xmlNodePtr menu = xmlNewNode(NULL, BAD_CAST "menu");
	xmlAddPrevSibling(r->content, menu);
	/* When the database is gone, the menu cannot know what is enabled: show none. */
	if (!r->db_failed) {
		menu_item items[256];
		size_t n = 0;
		for (size_t i = 0; i < crm_rt.n_plugins; i++) {
			const crm_loaded *l = &crm_rt.plugins[i];
			if (l->refused || !crm_plugin_enabled(r, (int)i))
				continue;
			for (size_t j = 0; j < l->desc->n_menu && n < CRM_LEN(items); j++)
				if (crm_req_can(r, l->desc->menu[j].permission))
					items[n++].e = &l->desc->menu[j];
		}
		qsort(items, n, sizeof *items, by_order);
		for (size_t i = 0; i < n; i++) {
			xmlNodePtr it = crm_xml_add(menu, "item", NULL);
			crm_xml_attr(it, "href", items[i].e->href);
			crm_xml_attr(it, "title", items[i].e->title);
			size_t hl = strlen(items[i].e->href);
			if (!strcmp(r->path, items[i].e->href) ||
			    (hl > 1 && !strncmp(r->path, items[i].e->href, hl) && r->path[hl] == '/'))
				crm_xml_attr(it, "active", "1");
		}
		if (r->user && n)
			menu_counts(r, menu);
	}
	for (const crm_field *f = r->flash; f; f = f->next) {
		xmlNodePtr fl = xmlNewTextChild(root, NULL, BAD_CAST "flash", BAD_CAST crm_t(r, f->value));
		xmlUnlinkNode(fl);
		xmlAddPrevSibling(r->content, fl);
		crm_xml_attr(fl, "kind", f->name);
	}
}

/* The decimal digits of v, written backwards from end (which gets the NUL). */
static const char *decimal(char *end, size_t v)
{
	*--end = 0;
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

static void put_header(FCGX_Stream *out, const char *name, const char *value)
{
	FCGX_PutS(name, out);
	FCGX_PutStr(": ", 2, out);
	FCGX_PutS(value, out);
	FCGX_PutStr("\r\n", 2, out);
}

/* Straight into libfcgi's buffer: every answer passes here, and printf-style formatting
 * cost more than the rest of a /ping (FCGX_FPrintF knows no %zu anyway). */
static void put_headers(crm_req *r, const char *ctype, size_t len)
{
	FCGX_Stream *out = r->fcgi->out;
	char status[24], length[24];
	FCGX_PutStr("Status: ", 8, out);
	FCGX_PutS(decimal(status + sizeof status, (size_t)(unsigned)r->status), out);
	FCGX_PutStr(" ", 1, out);
	FCGX_PutS(reason(r->status), out);
	FCGX_PutStr("\r\n", 2, out);
	put_header(out, "Content-Type", ctype);
	put_header(out, "Content-Length", decimal(length + sizeof length, len));
	for (const crm_hdr *h = r->headers; h; h = h->next)
		put_header(out, h->name, h->value);
	FCGX_PutS("X-Content-Type-Options: nosniff\r\nReferrer-Policy: same-origin\r\n\r\n", out);
}

void crm_respond(crm_req *r)
{
	if (!r->answered)
		crm_error(r, 500, "core.internal");
	flash_cookie(r);
	bool head = !strcmp(r->method, "HEAD");
	if (r->page) {
		wrap_page(r);
		const char *html;
		size_t len;
		if (crm_render_page(r, &html, &len) < 0) {
			crm_log("error", "rendering %s failed", r->path);
			static const char fallback[] = "Internal error: the page could not be rendered.\n";
			r->status = 500;
			put_headers(r, "text/plain; charset=utf-8", sizeof fallback - 1);
			if (!head)
				FCGX_PutStr(fallback, sizeof fallback - 1, r->fcgi->out);
			return;
		}
		crm_header(r, "Content-Security-Policy",
			   "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
		crm_header(r, "Cache-Control", "no-store");
		put_headers(r, "text/html; charset=utf-8", len);
		if (!head)
			FCGX_PutStr(html, (int)len, r->fcgi->out);
		return;
	}
	put_headers(r, r->content_type ? r->content_type : "text/plain; charset=utf-8", r->body_len);
	if (!head && r->body_len)
		FCGX_PutStr(r->body, (int)r->body_len, r->fcgi->out);
}
