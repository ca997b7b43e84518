/* The event form: new and edit, "save and create new", per-field errors that keep what
 * was typed, participants kept or typed (resolved through crm_pick), restricted access
 * with its readers (notified when added). */
#include <stdlib.h>
#include <string.h>
#include "events.h"

static const char *const event_visibilities[] = {CRM_VIS_PUBLIC_READ, CRM_VIS_PUBLIC_WRITE, CRM_VIS_PRIVATE,
					  CRM_VIS_RESTRICTED, NULL};

/* The form as posted or as stored. */
typedef struct event_form {
	const char *name, *description, *starts, *ends, *visibility, *tags;
	const char *starts_utc, *ends_utc;     /* SQL text, when the dates read */
	int64_t owner;                         /* its author, who always reads it */
	int64_t *readers;                      /* users of a restricted event */
	size_t n_readers;
	int64_t *people;                       /* participants after the save */
	size_t n_people;
	const char *typed[EVENT_PICK_ROWS];    /* participants typed, not yet resolved */
	xmlNodePtr holder;                     /* detached: errors and the typed rows' fields */
	xmlNodePtr errors;
	xmlNodePtr pick[EVENT_PICK_ROWS];
	int n_errors;
} event_form;

static void free_node(void *n)
{
	xmlFreeNode(n);
}

static void form_init(crm_req *r, event_form *f)
{
	memset(f, 0, sizeof *f);
	f->holder = xmlNewNode(NULL, BAD_CAST "holder");
	crm_pool_cleanup(crm_req_pool(r), free_node, f->holder);
	f->errors = crm_xml_add(f->holder, "errors", NULL);
	for (size_t i = 0; i < EVENT_PICK_ROWS; i++)
		f->pick[i] = crm_xml_add(f->holder, "field", NULL);
}

static void add_error(event_form *f, const char *field, const char *key)
{
	crm_form_error(f->errors, field, key);
	f->n_errors++;
}

static const char *error_for(const event_form *f, const char *field)
{
	return crm_form_error_of(f->errors, field);
}

static bool listed(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

static bool has(const int64_t *ids, size_t n, int64_t v)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == v)
			return true;
	return false;
}

/* The contacts among ids the user may read (one "contact.describe"). */
static int64_t *readable(crm_req *r, const int64_t *ids, size_t n, size_t *out_n)
{
	crm_pool *p = crm_req_pool(r);
	int64_t *out = crm_palloc(p, (n ? n : 1) * sizeof *out);
	*out_n = 0;
	if (!n)
		return out;
	crm_event *ev = crm_event_new(r, "contact.describe", "contact", 0);
	crm_event_set(ev, "ids", event_id_list(p, ids, n));
	crm_event_publish(r, ev, NULL);
	for (xmlNodePtr c = crm_event_result(ev)->children; c; c = c->next) {
		xmlChar *v = c->type == XML_ELEMENT_NODE ? xmlGetProp(c, BAD_CAST "id") : NULL;
		int64_t id = v ? crm_id((const char *)v) : 0;
		xmlFree(v);
		if (id && has(ids, n, id) && !has(out, *out_n, id))
			out[(*out_n)++] = id;
	}
	return out;
}

/* Read and check the posted form; stored (id > 0) tells which participants the user
 * cannot see and therefore keeps without showing them. */
static int read_form(crm_req *r, event_form *f, int64_t id, crm_zone *tz)
{
	crm_pool *p = crm_req_pool(r);
	form_init(r, f);
	f->name = crm_input(r, "name");
	f->description = crm_req_form(r, "description");
	f->starts = crm_input(r, "starts");
	f->ends = crm_input(r, "ends");
	f->visibility = crm_input(r, "visibility");
	f->tags = crm_input(r, "tags");
	long chars = event_chars(f->name);
	if (!*f->name)
		add_error(f, "name", "events.name_required");
	else if (chars < 0 || chars > EVENT_NAME_MAX || !crm_one_line(f->name))
		add_error(f, "name", "events.name_invalid");
	if (f->description && (strlen(f->description) > EVENT_DESCRIPTION_MAX || event_chars(f->description) < 0))
		add_error(f, "description", "events.description_invalid");
	int64_t start = -1, end = -1;
	if (!*f->starts)
		add_error(f, "starts", "events.start_required");
	else if (strlen(f->starts) > 40 || !(f->starts_utc = crm_time_utc(p, tz, f->starts)))
		add_error(f, "starts", "events.date_invalid");
	else
		start = crm_time_from_sql(f->starts_utc);
	if (*f->ends) {
		if (strlen(f->ends) > 40 || !(f->ends_utc = crm_time_utc(p, tz, f->ends)))
			add_error(f, "ends", "events.date_invalid");
		else
			end = crm_time_from_sql(f->ends_utc);
	}
	if (start >= 0 && end >= 0 && end < start)
		add_error(f, "ends", "events.end_before_start");
	else if (start >= 0 && end >= 0 && end - start > (int64_t)EVENT_SPAN_DAYS * 86400)
		add_error(f, "ends", "events.span_too_long");
	if (!*f->visibility)
		f->visibility = CRM_VIS_PUBLIC_READ;
	else if (!listed(event_visibilities, f->visibility))
		add_error(f, "visibility", "events.visibility_invalid");
	f->readers = crm_input_ids(r, "reader", EVENT_USERS_MAX, &f->n_readers);
	if (f->n_readers) {
		crm_rows *ok = crm_db_query(r, "SELECT COUNT(*) FROM crm_user WHERE active = 1 AND id IN "
					    "(SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j)",
					    "s", crm_json_ids(p, f->readers, f->n_readers));
		if (!ok)
			return CRM_EDB;
		if (crm_id(crm_rows_get(ok, 0, 0)) != (int64_t)f->n_readers)
			add_error(f, "readers", "events.readers_invalid");
	}
	const char *tag_err = NULL;
	if (crm_tags_check(r, f->tags, &tag_err) < 0)
		add_error(f, "tags", tag_err ? tag_err : "core.tags.invalid");

	/* Participants: those kept (ticked), those the user cannot see (kept unseen), and
	 * the ones typed. */
	size_t n_kept, n_seen;
	int64_t *kept = crm_input_ids(r, "participant", EVENT_PARTICIPANTS_MAX, &n_kept);
	int64_t *stored = NULL;
	size_t n_stored = 0;
	if (id) {
		crm_rows *rows = crm_db_query(r, "SELECT contact_id FROM event_participant WHERE event_id = ?", "i", id);
		if (!rows)
			return CRM_EDB;
		stored = crm_palloc(p, (rows->n_rows ? rows->n_rows : 1) * sizeof *stored);
		for (size_t i = 0; i < rows->n_rows; i++)
			stored[n_stored++] = crm_id(crm_rows_get(rows, i, 0));
	}
	int64_t *all = crm_palloc(p, (n_kept + n_stored + 1) * sizeof *all);
	size_t n_all = 0;
	for (size_t i = 0; i < n_stored; i++)
		all[n_all++] = stored[i];
	for (size_t i = 0; i < n_kept; i++)
		if (!has(all, n_all, kept[i]))
			all[n_all++] = kept[i];
	int64_t *seen = readable(r, all, n_all, &n_seen);
	f->people = crm_palloc(p, (n_all + EVENT_PICK_ROWS + 1) * sizeof *f->people);
	for (size_t i = 0; i < n_stored; i++)
		if (!has(seen, n_seen, stored[i]))
			f->people[f->n_people++] = stored[i];
	for (size_t i = 0; i < n_kept; i++)
		if (has(seen, n_seen, kept[i]) && !has(f->people, f->n_people, kept[i]))
			f->people[f->n_people++] = kept[i];
	for (size_t i = 0; i < EVENT_PICK_ROWS; i++) {
		const char *name = crm_psprintf(p, "participant_%zu", i), *err = NULL;
		f->typed[i] = crm_input(r, name);
		if (strlen(f->typed[i]) > 200) {
			add_error(f, name, "events.contact_not_found");
			continue;
		}
		int64_t cid = event_pick_contact(r, name, f->typed[i], f->pick[i], &err);
		if (cid < 0 && !err)
			return (int)cid;
		if (err)
			add_error(f, name, err);
		else if (cid && !has(f->people, f->n_people, cid)) {
			f->people[f->n_people++] = cid;
			f->typed[i] = ""; /* resolved: shown ticked among the kept ones */
		} else if (cid) {
			f->typed[i] = "";
		}
	}
	if (f->n_people > EVENT_PARTICIPANTS_MAX)
		add_error(f, "participant_0", "events.too_many_participants");
	int n = crm_fields_check(r, "event", f->errors);
	if (n < 0)
		return n;
	f->n_errors += n;
	return 0;
}

/* The form as stored, for the edit page. */
static int stored_form(crm_req *r, const crm_rows *row, event_form *f, crm_zone *tz)
{
	crm_pool *p = crm_req_pool(r);
	form_init(r, f);
	int64_t id = crm_id(crm_rows_by(row, 0, "id"));
	f->name = crm_rows_by(row, 0, "name");
	f->description = crm_rows_by(row, 0, "description");
	f->starts = crm_time_local(p, tz, crm_rows_by(row, 0, "starts_at"), CRM_TIME_PICKER);
	f->ends = crm_time_local(p, tz, crm_rows_by(row, 0, "ends_at"), CRM_TIME_PICKER);
	f->visibility = crm_rows_by(row, 0, "visibility");
	f->owner = crm_id(crm_rows_by(row, 0, "owner_id"));
	const char *readers = event_readers(r, id);
	f->readers = crm_palloc(p, EVENT_USERS_MAX * sizeof *f->readers);
	for (const char *s = readers; *s && f->n_readers < EVENT_USERS_MAX;) {
		f->readers[f->n_readers++] = strtoll(s, NULL, 10);
		s = strchr(s, ',');
		s = s ? s + 1 : "";
	}
	crm_rows *rows = crm_db_query(r, "SELECT contact_id FROM event_participant WHERE event_id = ?", "i", id);
	if (!rows)
		return CRM_EDB;
	f->people = crm_palloc(p, (rows->n_rows + 1) * sizeof *f->people);
	for (size_t i = 0; i < rows->n_rows; i++)
		f->people[f->n_people++] = crm_id(crm_rows_get(rows, i, 0));
	for (size_t i = 0; i < EVENT_PICK_ROWS; i++)
		f->typed[i] = "";
	return 0;
}

/* ===== rendering ===== */

static xmlNodePtr field(xmlNodePtr parent, const event_form *f, const char *name, const char *label,
			const char *type, const char *value)
{
	xmlNodePtr x = crm_form_field(parent, name, label, type, value);
	crm_xml_attr(x, "error", error_for(f, name));
	return x;
}

static int form_page(crm_req *r, event_form *f, int64_t id, crm_zone *tz)
{
	crm_pool *p = crm_req_pool(r);
	crm_rows *users = crm_users_active(r);
	if (!users)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, id ? "events.edit" : "events.new", id ? "events.edit_title" : "events.new_title");
	xmlNodePtr info = crm_xml_add(c, "event", NULL);
	crm_xml_attr(info, "tz", crm_zone_name(tz));
	if (id) {
		crm_xml_attr_int(info, "id", id);
		crm_xml_attr(info, "name", f->name);
	}
	xmlNodePtr form = crm_form(c, id ? crm_psprintf(p, "/events/%lld/edit", (long long)id) : "/events/new");
	crm_xml_attr(form, "class", "event-form");
	crm_xml_attr(form, "id", "event");
	xmlNodePtr x = field(form, f, "name", "events.name", "text", f->name);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "maxlength", "200");
	crm_xml_attr(x, "autofocus", "1");
	xmlNodePtr when = crm_xml_add(form, "when", NULL);
	crm_xml_attr(when, "tz", crm_zone_name(tz));
	x = field(when, f, "starts", "events.starts", "datetime-local", f->starts);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "hint", "events.date_hint");
	x = field(when, f, "ends", "events.ends", "datetime-local", f->ends);
	crm_xml_attr(x, "hint", "events.ends_hint");
	x = field(form, f, "description", "events.description", "textarea", f->description);

	/* Participants: the kept ones ticked (with their names, as the user may read them),
	 * then rows to type more into. */
	xmlNodePtr pp = crm_xml_add(form, "participants", NULL);
	if (f->n_people) {
		crm_event *ev = crm_event_new(r, "contact.describe", "contact", 0);
		crm_event_set(ev, "ids", event_id_list(p, f->people, f->n_people));
		crm_event_publish(r, ev, NULL);
		size_t shown = 0;
		for (xmlNodePtr cn = crm_event_result(ev)->children; cn; cn = cn->next) {
			if (cn->type != XML_ELEMENT_NODE)
				continue;
			xmlChar *cid = xmlGetProp(cn, BAD_CAST "id"), *name = xmlGetProp(cn, BAD_CAST "name");
			xmlChar *co = xmlGetProp(cn, BAD_CAST "company");
			xmlNodePtr it = crm_xml_add(pp, "participant", (const char *)name);
			crm_xml_attr(it, "id", (const char *)cid);
			crm_xml_attr(it, "company", (const char *)co);
			xmlFree(cid);
			xmlFree(name);
			xmlFree(co);
			shown++;
		}
		if (f->n_people > shown)
			crm_xml_attr_int(pp, "hidden", (int64_t)(f->n_people - shown));
	}
	for (size_t i = 0; i < EVENT_PICK_ROWS; i++) {
		const char *name = crm_psprintf(p, "participant_%zu", i);
		xmlNodePtr pick = f->pick[i];
		xmlUnlinkNode(pick);
		xmlAddChild(pp, pick);
		crm_xml_attr(pick, "name", name);
		crm_xml_attr(pick, "label", "events.add_participant");
		crm_xml_attr(pick, "type", "text");
		crm_xml_attr(pick, "value", f->typed[i]);
		crm_xml_attr(pick, "maxlength", "200");
		crm_xml_attr(pick, "error", error_for(f, name));
		if (!i)
			crm_xml_attr(pick, "hint", "events.participant_hint");
	}

	x = crm_tags_xml(r, "event", id, form);
	if (x)
		crm_xml_attr(x, "error", error_for(f, "tags"));
	crm_fields_xml(r, "event", id, form);
	x = field(form, f, "visibility", "events.visibility", "select", f->visibility);
	for (const char *const *v = event_visibilities; *v; v++)
		crm_form_option(x, *v, crm_psprintf(p, "events.vis.%s", *v));
	crm_xml_attr(x, "hint", "events.visibility_hint");
	/* the author always reads it */
	xmlNodePtr rd = crm_form_users(form, "readers", users, f->readers, f->n_readers,
				       f->owner ? f->owner : crm_req_user(r));
	crm_xml_attr(rd, "error", error_for(f, "readers"));
	crm_form_save_buttons(form, !id, "events.save_and_new", id ? crm_psprintf(p, "/events/%lld", (long long)id) : "/events");
	if (f->n_errors) {
		crm_status(r, 422);
		crm_xml_attr(form, "error", "core.form_errors");
	}
	return 0;
}

/* ===== saving ===== */

/* Replace the participants with f's; contacts newly added get a history item. */
static int save_people(crm_req *r, int64_t id, const event_form *f)
{
	crm_pool *p = crm_req_pool(r);
	const char *json = crm_json_ids(p, f->people, f->n_people);
	crm_rows *before = crm_db_query(r, "SELECT contact_id FROM event_participant WHERE event_id = ?", "i", id);
	if (!before)
		return CRM_EDB;
	if (crm_db_exec(r, "DELETE FROM event_participant WHERE event_id = ? AND contact_id NOT IN "
			   "(SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j)", "is", id, json) < 0 ||
	    crm_db_exec(r, "INSERT IGNORE INTO event_participant (event_id, contact_id) "
			   "SELECT ?, j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j", "is", id, json) < 0)
		return CRM_EDB;
	int64_t *added = crm_palloc(p, (f->n_people + 1) * sizeof *added);
	const char **texts = crm_palloc(p, (f->n_people + 1) * sizeof *texts);
	size_t n = 0;
	const char *text = crm_psprintf(p, "%s: %s", crm_t(r, "events.history_participant"), f->name);
	for (size_t i = 0; i < f->n_people; i++) {
		bool was = false;
		for (size_t k = 0; k < before->n_rows && !was; k++)
			was = crm_id(crm_rows_get(before, k, 0)) == f->people[i];
		if (!was) {
			added[n] = f->people[i];
			texts[n++] = text;
		}
	}
	/* The contact's history is read by whoever reads the contact: only a public event's
	 * name may go there. */
	if (!strcmp(f->visibility, CRM_VIS_PRIVATE) || !strcmp(f->visibility, CRM_VIS_RESTRICTED))
		return 0;
	return n ? crm_history_add_many(r, "contact", added, n, "changed", texts) : 0;
}

/* Readers of a restricted event (none otherwise); those newly added are told, with the
 * event's name and link. */
static int save_readers(crm_req *r, int64_t id, const event_form *f)
{
	bool restricted = !strcmp(f->visibility, CRM_VIS_RESTRICTED);
	const char *before = event_readers(r, id);
	if (crm_access_set_users(r, "event", id, "reader", f->readers, restricted ? f->n_readers : 0, NULL) < 0)
		return CRM_EDB;
	if (!restricted)
		return 0;
	crm_pool *p = crm_req_pool(r);
	const char *url = crm_psprintf(p, "/events/%lld", (long long)id), *had = crm_psprintf(p, ",%s,", before);
	for (size_t i = 0; i < f->n_readers; i++) {
		if (f->readers[i] == crm_req_user(r) || strstr(had, crm_psprintf(p, ",%lld,", (long long)f->readers[i])))
			continue;
		if (crm_notify(r, f->readers[i], "events.notify_reader", f->name, url) < 0)
			return CRM_EDB;
	}
	return 0;
}

static int save_extras(crm_req *r, int64_t id, const event_form *f)
{
	if (save_people(r, id, f) < 0 || save_readers(r, id, f) < 0 || crm_tags_set(r, "event", id, f->tags) < 0 ||
	    crm_fields_save(r, "event", id) < 0)
		return CRM_EDB;
	return 0;
}

int events_new(crm_req *r)
{
	event_form f;
	form_init(r, &f);
	f.visibility = CRM_VIS_PUBLIC_READ;
	crm_zone *tz = crm_zone_user(r);
	/* A date picked on the calendar ("?date=2024-12-31") starts the form there. */
	const char *date = crm_req_query(r, "date");
	crm_civil day;
	if (date && crm_parse_date(date, &day))
		f.starts = crm_psprintf(crm_req_pool(r), "%04d-%02d-%02dT10:00", day.y, day.mo, day.d);
	int64_t contact = crm_id(crm_req_query(r, "contact"));
	if (contact) {
		f.people = crm_palloc(crm_req_pool(r), sizeof *f.people);
		f.people[f.n_people++] = contact; /* shown only when the user may read it */
	}
	for (size_t i = 0; i < EVENT_PICK_ROWS; i++)
		f.typed[i] = "";
	return form_page(r, &f, 0, tz);
}

int events_create(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	crm_zone *tz = crm_zone_user(r);
	event_form f;
	int rc = read_form(r, &f, 0, tz);
	if (rc < 0)
		return rc;
	if (f.n_errors)
		return form_page(r, &f, 0, tz);
	if (crm_db_begin(r) < 0 ||
	    crm_db_exec(r, "INSERT INTO event_item (name, description, starts_at, ends_at, owner_id, visibility) "
			   "VALUES (?, ?, ?, ?, ?, ?)", "ssssis", f.name,
			f.description && *f.description ? f.description : NULL, f.starts_utc, f.ends_utc,
			crm_req_user(r), f.visibility) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	if (save_extras(r, id, &f) < 0 || event_history(r, id, "created", f.name) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_form_created(r, "events.created_ok", "/events/new",
				crm_psprintf(p, "/events/%lld", (long long)id));
}

int events_edit(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = event_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	crm_zone *tz = crm_zone_user(r);
	event_form f;
	if (stored_form(r, row, &f, tz) < 0)
		return CRM_EDB;
	return form_page(r, &f, id, tz);
}

/* The names of the fields a save changed, for the history item. */
static const char *changes(crm_req *r, const crm_rows *old, const event_form *f)
{
	const crm_change cols[] = {
		{"name", f->name}, {"description", f->description && *f->description ? f->description : ""},
		{"starts_at", f->starts_utc}, {"ends_at", f->ends_utc ? f->ends_utc : ""}, {"visibility", f->visibility},
	};
	const char *out = crm_changed_labels(r, old, "events.col.", cols, CRM_LEN(cols));
	return *out ? out : crm_t(r, "events.col.details");
}

int events_save(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = event_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	crm_zone *tz = crm_zone_user(r);
	event_form f;
	rc = read_form(r, &f, id, tz);
	if (rc < 0)
		return rc;
	f.owner = crm_id(crm_rows_by(row, 0, "owner_id"));
	if (f.n_errors)
		return form_page(r, &f, id, tz);
	if (crm_db_begin(r) < 0 ||
	    crm_db_exec(r, "UPDATE event_item SET name = ?, description = ?, starts_at = ?, ends_at = ?, visibility = ? "
			   "WHERE id = ?", "sssssi", f.name, f.description && *f.description ? f.description : NULL,
			f.starts_utc, f.ends_utc, f.visibility, id) < 0 ||
	    save_extras(r, id, &f) < 0 || event_history(r, id, "changed", changes(r, row, &f)) < 0 ||
	    crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, crm_psprintf(p, "/events/%lld", (long long)id));
}
