/* Money: amounts held as integer minor units (kopecks, cents) of an ISO 4217 currency,
 * read as people type them and written as they read them. */
#ifndef CRM_MONEY_H
#define CRM_MONEY_H

#include <stdbool.h>
#include <stdint.h>
#include "crm/pool.h"
#include "crm/request.h"

/* Digits before the decimal mark an amount may have (10^13 - 1 units of any currency:
 * a BIGINT column holds it, and a million of them still sum exactly in SQL). */
#define CRM_MONEY_MAX_DIGITS 13

/* crm_money_parse: a minus sign is accepted (refunds, corrections). */
#define CRM_MONEY_NEGATIVE 0x1u
/* crm_money_number: the minor digits even when they are zeros ("1,500.00"). */
#define CRM_MONEY_FRACTION 0x2u

/* The currencies forms offer, NULL-terminated, the most used first. */
extern const char *const crm_currencies[];
/* Whether code is one of crm_currencies. */
bool crm_currency_known(const char *code);
/* Digits after the decimal mark in currency: 0 (JPY, KRW...), 3 (KWD, BHD...), else 2. */
int crm_currency_digits(const char *currency);
/* The tenant's default currency: the setting currency.default when it is one of
 * crm_currencies, else RUB. */
const char *crm_currency_default(crm_req *r);

/* Read an amount of currency as typed ("150 000,50", "1,200.5", "1 200", "1'000",
 * no-break and thin spaces between groups) into *minor: 0, or CRM_EINVAL with *err_key
 * an i18n key: core.money.empty (blank input; test it first to make an amount optional),
 * core.money.invalid, core.money.negative (a minus without CRM_MONEY_NEGATIVE),
 * core.money.too_big (over CRM_MONEY_MAX_DIGITS), core.money.fraction_0/2/3 (more minor
 * digits than the currency has). A lone separator followed by three digits groups them
 * ("1,200" and "1.200" are 1200). */
int crm_money_parse(const char *typed, const char *currency, unsigned flags, int64_t *minor,
		    const char **err_key);
/* Minor units as a plain decimal with all the currency's digits ("150000.50", "-5.00",
 * "1500" for JPY): for inputs, CSV files and events. */
const char *crm_money_plain(crm_pool *p, int64_t minor, const char *currency);
/* Minor units as a number people of locale read: "150 000,50" (ru, no-break spaces),
 * "150,000.50" (en); the minor digits only when not zero unless CRM_MONEY_FRACTION. */
const char *crm_money_number(crm_pool *p, int64_t minor, const char *currency, const char *locale,
			     unsigned flags);
/* crm_money_number with the currency's sign after a no-break space: "150 000,50 ₽",
 * "1,200 $", "1,000 CHF" (the code for currencies without a sign of their own). */
const char *crm_money_text(crm_pool *p, int64_t minor, const char *currency, const char *locale);
/* crm_money_text of minor units as SQL gives them ("-12345", a BIGINT or a SUM of one,
 * exact at any length); "" for NULL, "" or anything else. */
const char *crm_money_text_sql(crm_pool *p, const char *minor, const char *currency, const char *locale);

#endif
