/* XML building helpers: every text goes through libxml2's escaping calls. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "crm/xml.h"

xmlNodePtr crm_xml_add(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text);
}

xmlNodePtr crm_xml_addf(xmlNodePtr parent, const char *name, const char *fmt, ...)
{
	char buf[512], *s = buf;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return crm_xml_add(parent, name, "");
	if ((size_t)n >= sizeof buf) {
		s = malloc((size_t)n + 1);
		if (!s)
			abort();
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	xmlNodePtr node = crm_xml_add(parent, name, s);
	if (s != buf)
		free(s);
	return node;
}

xmlNodePtr crm_xml_add_int(xmlNodePtr parent, const char *name, int64_t v)
{
	return crm_xml_addf(parent, name, "%" PRId64, v);
}

void crm_xml_attr(xmlNodePtr node, const char *name, const char *value)
{
	if (value)
		xmlSetProp(node, BAD_CAST name, BAD_CAST value);
}

void crm_xml_attr_int(xmlNodePtr node, const char *name, int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%" PRId64, v);
	xmlSetProp(node, BAD_CAST name, BAD_CAST buf);
}

xmlNodePtr crm_form(xmlNodePtr parent, const char *action)
{
	xmlNodePtr f = crm_xml_add(parent, "form", NULL);
	crm_xml_attr(f, "action", action);
	crm_xml_attr(f, "method", "post");
	return f;
}

xmlNodePtr crm_form_field(xmlNodePtr form, const char *name, const char *label, const char *type,
			  const char *value)
{
	xmlNodePtr f = crm_xml_add(form, "field", NULL);
	crm_xml_attr(f, "name", name);
	crm_xml_attr(f, "label", label);
	crm_xml_attr(f, "type", type);
	crm_xml_attr(f, "value", value);
	return f;
}

xmlNodePtr crm_form_submit(xmlNodePtr form, const char *label)
{
	xmlNodePtr s = crm_xml_add(form, "submit", NULL);
	crm_xml_attr(s, "label", label);
	return s;
}
