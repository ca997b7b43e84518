/* Building the XML that stylesheets turn into pages; all text is escaped. */
#ifndef CRM_XML_H
#define CRM_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>

/* A child element with text content (escaped); text may be NULL for an empty element. */
xmlNodePtr crm_xml_add(xmlNodePtr parent, const char *name, const char *text);
/* A child element whose text is printf-formatted. */
xmlNodePtr crm_xml_addf(xmlNodePtr parent, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A child element holding an integer. */
xmlNodePtr crm_xml_add_int(xmlNodePtr parent, const char *name, int64_t v);
/* Set an attribute (escaped); NULL value removes nothing and sets nothing. */
void crm_xml_attr(xmlNodePtr node, const char *name, const char *value);
/* Set an integer attribute. */
void crm_xml_attr_int(xmlNodePtr node, const char *name, int64_t v);

/* A <form> for the theme's widget, posting to action. */
xmlNodePtr crm_form(xmlNodePtr parent, const char *action);
/* A <field> of the theme's form widget: label is an i18n key, value may be NULL;
 * returns it for more attributes (required, error, autocomplete, ...). */
xmlNodePtr crm_form_field(xmlNodePtr form, const char *name, const char *label, const char *type,
			  const char *value);
/* A required one-line field "name" of at most max characters, labelled label, holding
 * value, with its error key (NULL for none). */
xmlNodePtr crm_form_name(xmlNodePtr form, const char *label, const char *value, size_t max, const char *error);
/* A submit button labelled with an i18n key. */
xmlNodePtr crm_form_submit(xmlNodePtr form, const char *label);
/* Record a per-field error under errors: <error field="field">key</error>. */
void crm_form_error(xmlNodePtr errors, const char *field, const char *key);
/* The error key recorded for field under errors, or NULL. */
const char *crm_form_error_of(xmlNodePtr errors, const char *field);
/* An <option value="value">label</option> of a select field. */
xmlNodePtr crm_form_option(xmlNodePtr select, const char *value, const char *label);
/* A record form's closing buttons: save (then=card), on a new record also one labelled
 * more (then=new, secondary), and a cancel link to cancel_href. */
void crm_form_save_buttons(xmlNodePtr form, bool is_new, const char *more, const char *cancel_href);

#endif
