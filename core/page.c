/* What handlers answer with: a page to render, a redirect, bytes, or an error page. */
#include <stdio.h>
#include <string.h>
#include "core.h"

static void free_doc(void *doc)
{
	xmlFreeDoc(doc);
}

static xmlNodePtr new_page(crm_req *r, const char *view, const char *title)
{
	if (r->page) {
		/* A second page in one request (an error after a start): begin again. */
		xmlNodePtr old = xmlDocGetRootElement(r->page);
		xmlUnlinkNode(old);
		xmlFreeNode(old);
	} else {
		r->page = xmlNewDoc(BAD_CAST "1.0");
		crm_pool_cleanup(r->pool, free_doc, r->page);
	}
	xmlNodePtr root = xmlNewDocNode(r->page, NULL, BAD_CAST "page", NULL);
	xmlDocSetRootElement(r->page, root);
	crm_xml_attr(root, "view", view);
	crm_xml_add(root, "title", title);
	r->content = crm_xml_add(root, "content", NULL);
	r->body = NULL;
	r->answered = true;
	return r->content;
}

xmlNodePtr crm_page(crm_req *r, const char *view, const char *title)
{
	return new_page(r, view, title);
}

xmlNodePtr crm_page_root(crm_req *r)
{
	return r->page ? xmlDocGetRootElement(r->page) : NULL;
}

void crm_page_panels(crm_req *r, const char *entity, int64_t id)
{
	xmlNodePtr root = crm_page_root(r);
	if (!root)
		return;
	for (size_t i = 1; i < crm_rt.n_plugins; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused || !crm_plugin_enabled(r, (int)i))
			continue;
		for (size_t j = 0; j < l->desc->n_panels; j++) {
			const crm_panel *p = &l->desc->panels[j];
			if (strcmp(p->entity, entity) || !crm_req_can(r, p->permission))
				continue;
			xmlNodePtr node = crm_xml_add(root, "panel", NULL);
			crm_xml_attr(node, "name", p->name);
			crm_xml_attr(node, "title", p->title);
			if (p->fill(r, id, node) < 0) {
				crm_log("warn", "panel %s failed for %s %lld", p->name, entity, (long long)id);
				xmlUnlinkNode(node);
				xmlFreeNode(node);
			}
		}
	}
}

void crm_status(crm_req *r, int status)
{
	r->status = status;
}

void crm_header(crm_req *r, const char *name, const char *value)
{
	crm_hdr *h = crm_palloc(r->pool, sizeof *h);
	h->name = crm_pstrdup(r->pool, name);
	h->value = crm_pstrdup(r->pool, value);
	h->next = r->headers;
	r->headers = h;
}

int crm_redirect(crm_req *r, const char *path)
{
	/* Local paths only: an open redirect would let others borrow our name. */
	if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		path = "/";
	r->status = 303;
	crm_header(r, "Location", path);
	r->body = "";
	r->body_len = 0;
	r->content_type = "text/plain; charset=utf-8";
	r->answered = true;
	return 0;
}

void crm_flash(crm_req *r, const char *kind, const char *key)
{
	crm_field *f = crm_palloc(r->pool, sizeof *f);
	f->name = strcmp(kind, "error") ? "ok" : "error";
	f->value = crm_pstrdup(r->pool, key);
	f->next = r->flash;
	r->flash = f;
}

int crm_send(crm_req *r, int status, const char *content_type, const char *body, size_t len,
	     const char *filename)
{
	r->status = status;
	r->content_type = crm_pstrdup(r->pool, content_type);
	r->body = body;
	r->body_len = len;
	r->answered = true;
	if (filename) {
		/* RFC 6266: an ASCII fallback plus the UTF-8 name, percent-encoded. */
		const char *enc = crm_url_encode(r->pool, filename);
		char *ascii = crm_pstrdup(r->pool, filename);
		for (char *a = ascii; *a; a++)
			if ((unsigned char)*a >= 0x80 || *a == '"' || *a == '\\' || *a < 0x20)
				*a = '_';
		crm_header(r, "Content-Disposition",
			   crm_psprintf(r->pool, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, enc));
	}
	return 0;
}

int crm_error(crm_req *r, int status, const char *key)
{
	xmlNodePtr c = new_page(r, "core.error", "core.error_title");
	r->status = status;
	xmlNodePtr e = crm_xml_add(c, "error", NULL);
	crm_xml_attr_int(e, "status", status);
	crm_xml_add(e, "message", crm_t(r, key));
	return 0;
}

char *crm_url_encode(crm_pool *p, const char *s)
{
	char *out = crm_palloc(p, strlen(s) * 3 + 1), *e = out;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		    strchr("-._~/", *c))
			*e++ = (char)*c;
		else
			e += sprintf(e, "%%%02X", *c);
	}
	return out;
}
