/* /admin/settings: the portal's general settings (ADM-2): the organisation's name, the
 * default currency and the country phone numbers without a code are read in. Each is a
 * core setting; crm_setting_set audits every change. */
#include <string.h>
#include "admin.h"

#define ORG_NAME_MAX 200 /* characters */

/* ISO 4217 codes offered, the same the contact form offers (a default it does not
 * know would not reach new contacts); a stored code not listed stays selectable. */
static const char *const currencies[] = {
	"RUB", "USD", "EUR", "GBP", "CNY", "KZT", "BYN", "UAH", "CHF", "JPY", "TRY", "AED",
};

/* ISO 3166 regions libphonenumber knows, the CIS first. */
static const char *const countries[] = {
	"RU", "BY", "KZ", "UA", "UZ", "KG", "TJ", "AM", "AZ", "GE", "MD", "EE", "LV", "LT",
	"FI", "PL", "DE", "FR", "IT", "ES", "GB", "TR", "IL", "AE", "CN", "IN", "US",
};

typedef struct settings_form {
	const char *org_name, *currency, *country;
	const char *e_org_name, *e_currency, *e_country;
} settings_form;

static bool listed(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

/* Characters in a UTF-8 string (the core has already refused invalid UTF-8). */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A select of codes labelled "<prefix><code>", keeping a current value that is not listed. */
static xmlNodePtr code_select(crm_req *r, xmlNodePtr form, const char *name, const char *label,
			const char *const *codes, size_t n, const char *prefix, const char *value,
			const char *error)
{
	xmlNodePtr f = crm_form_field(form, name, label, "select", value);
	crm_xml_attr(f, "error", error);
	for (size_t i = 0; i < n; i++)
		crm_xml_attr(crm_xml_add(f, "option", crm_psprintf(crm_req_pool(r), "%s%s", prefix, codes[i])),
			     "value", codes[i]);
	if (*value && !listed(codes, n, value))
		crm_xml_attr(crm_xml_add(f, "option", value), "value", value);
	return f;
}

static int settings_page(crm_req *r, const settings_form *s)
{
	xmlNodePtr c = admin_page(r, "admin.settings", "admin.settings_title", "/admin/settings");
	xmlNodePtr f = crm_form(c, "/admin/settings");
	xmlNodePtr x = crm_form_field(f, "org_name", "admin.org_name", "text", s->org_name);
	crm_xml_attr(x, "maxlength", "200");
	crm_xml_attr(x, "hint", "admin.org_name_hint");
	crm_xml_attr(x, "error", s->e_org_name);
	x = code_select(r, f, "currency", "admin.currency_default", currencies, CRM_LEN(currencies),
			"admin.currency_", s->currency, s->e_currency);
	crm_xml_attr(x, "hint", "admin.currency_hint");
	x = code_select(r, f, "phone_country", "admin.phone_country", countries, CRM_LEN(countries),
			"admin.country_", s->country, s->e_country);
	crm_xml_attr(x, "hint", "admin.phone_country_hint");
	crm_form_submit(f, "core.save");
	if (s->e_org_name || s->e_currency || s->e_country)
		admin_form_failed(r, f);
	return 0;
}

int admin_settings(crm_req *r)
{
	settings_form s = {
		.org_name = crm_setting(r, "org.name", ""),
		.currency = crm_setting(r, "currency.default", "RUB"),
		.country = crm_setting(r, "phone.country", "RU"),
	};
	return settings_page(r, &s);
}

int admin_settings_save(crm_req *r)
{
	settings_form s = {
		.org_name = crm_input(r, "org_name"),
		.currency = crm_input(r, "currency"),
		.country = crm_input(r, "phone_country"),
	};
	if (utf8_chars(s.org_name) > ORG_NAME_MAX)
		s.e_org_name = "admin.org_name_long";
	/* A stored value that is no longer offered may be kept as it is. */
	if (!*s.currency || (!listed(currencies, CRM_LEN(currencies), s.currency) &&
			     strcmp(s.currency, crm_setting(r, "currency.default", ""))))
		s.e_currency = "admin.currency_invalid";
	if (!*s.country || (!listed(countries, CRM_LEN(countries), s.country) &&
			    strcmp(s.country, crm_setting(r, "phone.country", ""))))
		s.e_country = "admin.phone_country_invalid";
	if (s.e_org_name || s.e_currency || s.e_country)
		return settings_page(r, &s);
	/* All three or none, audit entries included. */
	if (crm_db_begin(r) < 0 || crm_setting_set(r, "org.name", s.org_name) < 0 ||
	    crm_setting_set(r, "currency.default", s.currency) < 0 ||
	    crm_setting_set(r, "phone.country", s.country) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.settings_saved");
	return crm_redirect(r, "/admin/settings");
}
