/* Events between plugins: publish by name, subscribers in enabled plugins are called in order. */
#ifndef CRM_EVENT_H
#define CRM_EVENT_H

#include <stdint.h>
#include <libxml/tree.h>
#include "crm/request.h"

typedef struct crm_event crm_event;

/* A new event named name (e.g. "contact.deleting") about record id of entity type. */
crm_event *crm_event_new(crm_req *r, const char *name, const char *entity, int64_t id);
/* Attach a named string argument (copied). */
void crm_event_set(crm_event *ev, const char *key, const char *value);
/* Read an argument, or NULL. */
const char *crm_event_get(const crm_event *ev, const char *key);
/* The distinct positive ids of the comma list in argument key, at most max, in their order
 * (anything else between the commas is passed over); *n tells how many. Never NULL. */
int64_t *crm_event_ids(const crm_event *ev, const char *key, size_t max, size_t *n);
const char *crm_event_name(const crm_event *ev);
const char *crm_event_entity(const crm_event *ev);
int64_t crm_event_id(const crm_event *ev);
/* A node subscribers may fill with answers (candidates found, records made). */
xmlNodePtr crm_event_result(crm_event *ev);
/* Called by a subscriber to refuse the action; msg is an i18n key. */
void crm_event_veto(crm_event *ev, const char *msg);
/* Deliver to every enabled subscriber; stops at the first veto and returns
 * CRM_EVETO with the message in *veto_msg (translated), else 0. */
int crm_event_publish(crm_req *r, crm_event *ev, const char **veto_msg);

#endif
