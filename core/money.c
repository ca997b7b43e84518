/* Money as integer minor units: currencies and their minor digits, amounts as people type
 * them, and amounts written for a locale, a form or a CSV file. */
#include <ctype.h>
#include <string.h>
#include "crm/money.h"
#include "crm/plugin.h"
#include "crm/settings.h"

const char *const crm_currencies[] = {
	"RUB", "USD", "EUR", "GBP", "CNY", "KZT", "BYN", "UAH", "CHF", "JPY", "TRY", "AED", NULL,
};

bool crm_currency_known(const char *code)
{
	for (const char *const *c = crm_currencies; code && *c; c++)
		if (!strcmp(*c, code))
			return true;
	return false;
}

int crm_currency_digits(const char *currency)
{
	/* ISO 4217's exceptions to two minor digits among currencies still in use. */
	static const char *const none[] = {"JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX", "XAF", "XOF", "XPF",
					   "KMF", "GNF", "RWF", "DJF", "VUV", "BIF"};
	static const char *const three[] = {"KWD", "BHD", "OMR", "JOD", "TND", "IQD", "LYD"};
	for (size_t i = 0; currency && i < sizeof none / sizeof *none; i++)
		if (!strcmp(none[i], currency))
			return 0;
	for (size_t i = 0; currency && i < sizeof three / sizeof *three; i++)
		if (!strcmp(three[i], currency))
			return 3;
	return 2;
}

const char *crm_currency_default(crm_req *r)
{
	const char *cur = crm_setting(r, "currency.default", "RUB");
	return crm_currency_known(cur) ? cur : "RUB";
}

/* ===== reading ===== */

/* Length of a blank at s people put between digit groups or around an amount: a space,
 * a tab, an apostrophe (Swiss), a no-break (U+00A0), narrow no-break (U+202F) or thin
 * (U+2009) space, as keyboards, spreadsheets and locales write them; 0 else. */
static size_t blank_at(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\'')
		return 1;
	if (s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xAF || s[2] == 0x89))
		return 3;
	return 0;
}

/* Bytes of input at most: longer is no amount anyone types. */
#define TYPED_MAX 64

static int refuse(const char **err_key, const char *key)
{
	if (err_key)
		*err_key = key;
	return CRM_EINVAL;
}

int crm_money_parse(const char *typed, const char *currency, unsigned flags, int64_t *minor,
		    const char **err_key)
{
	const unsigned char *s = (const unsigned char *)(typed ? typed : "");
	if (strlen((const char *)s) > TYPED_MAX)
		return refuse(err_key, "core.money.invalid");
	/* Blanks around the amount go, blanks inside become one ' '. */
	char buf[TYPED_MAX + 1];
	size_t n = 0;
	bool neg = false, blank = false;
	for (size_t k; *s; s += k ? k : 1) {
		k = blank_at(s);
		if (k) {
			blank = n > 0;
			continue;
		}
		if (!n && !neg && (*s == '-' || (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92))) {
			neg = true; /* "-" or U+2212, right before the digits */
			k = *s == '-' ? 1 : 3;
			if (blank_at(s + k) || !s[k])
				return refuse(err_key, "core.money.invalid");
			continue;
		}
		if (!isdigit(*s) && *s != ',' && *s != '.')
			return refuse(err_key, "core.money.invalid");
		if (blank)
			buf[n++] = ' ';
		blank = false;
		buf[n++] = (char)*s;
	}
	buf[n] = 0;
	if (!n)
		return refuse(err_key, neg ? "core.money.invalid" : "core.money.empty");

	/* The decimal mark: the last ',' or '.', unless it groups digits: it does when the
	 * same character appears before it, or when it is the only one, three digits follow,
	 * the whole part is not "0" and the currency has no three minor digits ("1,200" and
	 * "1.200" are 1200 roubles; "0,125" a fraction; "1.500" dinars one and a half). */
	int digits = crm_currency_digits(currency);
	char *mark = NULL;
	size_t marks = 0;
	bool mixed = false; /* both kinds: the last is the decimal one */
	for (char *c = buf; *c; c++)
		if (*c == ',' || *c == '.') {
			mixed |= mark && *mark != *c;
			mark = c;
			marks++;
		}
	const char *frac = "";
	if (mark) {
		size_t after = strlen(mark + 1);
		if (strspn(mark + 1, "0123456789") != after)
			return refuse(err_key, "core.money.invalid");
		bool zero_whole = mark == buf || strspn(buf, "0") == (size_t)(mark - buf);
		bool groups = !mixed && (marks > 1 || (after == 3 && !zero_whole && digits != 3));
		if (!groups) {
			if (!after || mark == buf)
				return refuse(err_key, "core.money.invalid");
			frac = mark + 1;
			*mark = 0;
		}
	}
	/* The whole part: digit groups of three after the first, all split the same way. */
	char sep = 0, whole[TYPED_MAX + 1];
	size_t nw = 0, run = 0, groups = 0;
	for (const char *c = buf;; c++) {
		if (isdigit((unsigned char)*c)) {
			whole[nw++] = *c;
			run++;
			continue;
		}
		if (*c && sep && *c != sep)
			return refuse(err_key, "core.money.invalid");
		if (groups ? run != 3 : (*c && (!run || run > 3 || whole[0] == '0')))
			return refuse(err_key, "core.money.invalid");
		if (!*c)
			break;
		sep = *c;
		groups++;
		run = 0;
	}
	whole[nw] = 0;
	if (!nw)
		return refuse(err_key, "core.money.invalid");

	size_t nf = strlen(frac);
	while (nf > (size_t)digits && frac[nf - 1] == '0')
		nf--; /* "1500.00" of yen is still 1500 */
	if (nf > (size_t)digits)
		return refuse(err_key, digits == 0 ? "core.money.fraction_0" : digits == 3 ? "core.money.fraction_3" : "core.money.fraction_2");
	const char *w = whole;
	while (*w == '0' && w[1])
		w++;
	if (strlen(w) > CRM_MONEY_MAX_DIGITS)
		return refuse(err_key, "core.money.too_big");
	int64_t v = 0;
	for (; *w; w++)
		v = v * 10 + (*w - '0');
	for (int i = 0; i < digits; i++)
		v = v * 10 + ((size_t)i < nf ? frac[i] - '0' : 0);
	if (neg && v && !(flags & CRM_MONEY_NEGATIVE))
		return refuse(err_key, "core.money.negative");
	*minor = neg ? -v : v;
	return 0;
}

/* ===== writing ===== */

/* The sign people see after an amount; the code for the others. */
static const char *sign_of(const char *currency)
{
	static const struct { const char *code, *sign; } signs[] = {
		{"RUB", "₽"}, {"USD", "$"}, {"EUR", "€"}, {"GBP", "£"}, {"CNY", "¥"}, {"JPY", "¥"},
		{"KZT", "₸"}, {"UAH", "₴"}, {"TRY", "₺"}, {"BYN", "Br"}, {"KRW", "₩"}, {"INR", "₹"},
	};
	for (size_t i = 0; currency && i < sizeof signs / sizeof *signs; i++)
		if (!strcmp(signs[i].code, currency))
			return signs[i].sign;
	return currency ? currency : "";
}

/* Minor units as "-" and digits (any length) into a number: grouped by group (NULL: not
 * grouped), point between the whole and the minor digits, those only when not zeros
 * unless all. NULL when minor is not a number. */
static char *number_of(crm_pool *p, const char *minor, int digits, const char *group, const char *point,
		       const char *minus, bool all)
{
	bool neg = *minor == '-';
	const char *d = minor + neg;
	size_t len = strlen(d);
	if (!len || strspn(d, "0123456789") != len)
		return NULL;
	while (*d == '0' && len > 1) {
		d++;
		len--;
	}
	/* The digits, zero-padded so that a whole part is always there ("5" cents: "0.05"). */
	size_t pad = len <= (size_t)digits ? (size_t)digits + 1 - len : 0;
	size_t total = len + pad, nwhole = total - (size_t)digits;
	char *all_digits = crm_palloc(p, total + 1);
	memset(all_digits, '0', pad);
	memcpy(all_digits + pad, d, len + 1);
	const char *fr = all_digits + nwhole;
	bool show_frac = digits > 0 && (all || strspn(fr, "0") != (size_t)digits);
	bool is_zero = strspn(all_digits, "0") == total;
	size_t gl = group ? strlen(group) : 0;
	char *out = crm_palloc(p, strlen(minus) + nwhole * (gl + 1) + strlen(point) + (size_t)digits + 1), *o = out;
	if (neg && !is_zero)
		o = stpcpy(o, minus);
	for (size_t i = 0; i < nwhole; i++) {
		if (group && i && (nwhole - i) % 3 == 0)
			o = stpcpy(o, group);
		*o++ = all_digits[i];
	}
	if (show_frac) {
		o = stpcpy(o, point);
		memcpy(o, fr, (size_t)digits);
		o += digits;
	}
	*o = 0;
	return out;
}

static const char *int_text(crm_pool *p, int64_t v)
{
	return crm_psprintf(p, "%lld", (long long)v);
}

const char *crm_money_plain(crm_pool *p, int64_t minor, const char *currency)
{
	return number_of(p, int_text(p, minor), crm_currency_digits(currency), NULL, ".", "-", true);
}

/* A number in locale's way: no-break spaces and a comma in Russian, commas and a point else. */
static const char *localized(crm_pool *p, const char *minor, const char *currency, const char *locale, bool all)
{
	bool ru = locale && !strcmp(locale, "ru");
	return number_of(p, minor, crm_currency_digits(currency), ru ? "\xC2\xA0" : ",", ru ? "," : ".",
			 "\xE2\x88\x92", all);
}

const char *crm_money_number(crm_pool *p, int64_t minor, const char *currency, const char *locale, unsigned flags)
{
	return localized(p, int_text(p, minor), currency, locale, flags & CRM_MONEY_FRACTION);
}

const char *crm_money_text_sql(crm_pool *p, const char *minor, const char *currency, const char *locale)
{
	const char *n = minor ? localized(p, minor, currency, locale, false) : NULL;
	if (!n)
		return "";
	const char *sign = sign_of(currency);
	return *sign ? crm_psprintf(p, "%s\xC2\xA0%s", n, sign) : n;
}

const char *crm_money_text(crm_pool *p, int64_t minor, const char *currency, const char *locale)
{
	return crm_money_text_sql(p, int_text(p, minor), currency, locale);
}
