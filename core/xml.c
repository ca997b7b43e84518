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
