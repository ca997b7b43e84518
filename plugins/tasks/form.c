/* The task form: new (blank or for a record, from a card's panel) and edit; the due time
 * from a preset or a typed date in the user's zone; the linked record typed by name or
 * "#number"; per-field errors that keep what was typed. */
#include <stdlib.h>
#include <string.h>
#include "tasks.h"

static const char *const presets[] = {"date", "today", "3days", "week"};
static const int preset_days[] = {0, 0, 3, 7};

static void add_error(task_form *f, const char *field, const char *key)
{
	crm_form_error(f->errors, field, key);
	f->n_errors++;
}

static const char *error_for(const task_form *f, const char *field)
{
	return crm_form_error_of(f->errors, field);
}

static int remind_minutes(const char *s)
{
	if (!strcmp(s, "never"))
		return -1;
	int64_t v = crm_id(s);
	for (size_t i = 0; i < tasks_n_remind_choices; i++)
		if (tasks_remind_choices[i] == v)
			return (int)v;
	return -2;
}

void task_form_defaults(crm_req *r, task_form *f)
{
	crm_pool *p = crm_req_pool(r);
	memset(f, 0, sizeof *f);
	f->errors = tasks_node(r, "errors");
	f->candidates = tasks_node(r, "candidates");
	crm_civil today = crm_zone_local(crm_zone_user(r), crm_time_now());
	f->title = f->category = f->description = f->entity = f->record = f->record_was = f->record_keep = "";
	f->due = "date";
	f->due_date = crm_psprintf(p, "%04d-%02d-%02d", today.y, today.mo, today.d);
	f->due_time = "18:00";
	f->remind = "1440";
	f->assignee = tasks_id_text(r, crm_req_user(r));
	f->notify = true;
}

/* The linked record: the candidate picked from a select, the record the form came with
 * (its text untouched), "#id" or what the entity's plugin finds for the typed text. */
static int read_record(crm_req *r, task_form *f)
{
	crm_pool *p = crm_req_pool(r);
	f->entity = crm_input(r, "entity");
	f->record = crm_input(r, "record");
	f->record_was = crm_input(r, "record_was");
	f->record_keep = crm_input(r, "record_keep");
	if (!*f->entity) {
		/* "Nothing" unlinks a task that had a record; a name typed alone needs its type. */
		if (*f->record && !*f->record_keep)
			add_error(f, "entity", "tasks.entity_required");
		else
			f->record = f->record_was = f->record_keep = "";
		return 0;
	}
	const crm_entity_type *e = tasks_entity(r, f->entity);
	if (!e) {
		add_error(f, "entity", "tasks.entity_invalid");
		return 0;
	}
	int64_t id = crm_id(crm_input(r, "record_id"));
	const char *colon = strchr(f->record_keep, ':');
	if (!id && colon && !strcmp(f->record, f->record_was) && (size_t)(colon - f->record_keep) == strlen(e->name) &&
	    !strncmp(f->record_keep, e->name, strlen(e->name)))
		id = crm_id(colon + 1);
	if (!id && f->record[0] == '#')
		id = crm_id(f->record + 1);
	if (!id && *f->record) {
		if (crm_utf8_chars(f->record) > 200) {
			add_error(f, "record", "tasks.record_none");
			return 0;
		}
		int64_t got = crm_pick(r, e->name, f->record, f->candidates);
		if (got == CRM_ECONFLICT) {
			add_error(f, "record", "tasks.record_several");
			return 0;
		}
		if (got < 0)
			return CRM_EDB;
		id = got;
	}
	if (!id) {
		add_error(f, "record", *f->record ? "tasks.record_none" : "tasks.record_required");
		return 0;
	}
	int ok = crm_access_check(r, e->table, e->name, id, CRM_READ);
	if (ok < 0)
		return ok;
	if (!ok) {
		add_error(f, "record", "tasks.record_none");
		return 0;
	}
	f->record_id = id;
	/* Shown again if another field sends the form back: the record stays as resolved. */
	f->record_keep = crm_psprintf(p, "%s:%lld", e->name, (long long)id);
	f->record_was = f->record;
	return 0;
}

int task_form_read(crm_req *r, task_form *f, bool with_record)
{
	memset(f, 0, sizeof *f);
	f->errors = tasks_node(r, "errors");
	f->candidates = tasks_node(r, "candidates");
	f->title = crm_input(r, "title");
	f->category = crm_input(r, "category_id");
	f->due = crm_input(r, "due");
	f->due_date = crm_input(r, "due_date");
	f->due_time = crm_input(r, "due_time");
	f->remind = crm_input(r, "remind");
	f->assignee = crm_input(r, "assignee_id");
	const char *d = crm_req_form(r, "description");
	f->description = d ? d : "";
	f->notify = !strcmp(crm_input(r, "notify"), "1");
	f->entity = f->record = f->record_was = f->record_keep = "";

	if (!*f->title)
		add_error(f, "title", "tasks.title_required");
	else if (crm_utf8_chars(f->title) > TASK_TITLE_MAX || !crm_one_line(f->title))
		add_error(f, "title", "tasks.title_too_long");
	if (strlen(f->description) > TASK_DESCRIPTION_MAX)
		add_error(f, "description", "tasks.description_too_long");
	if (*f->category) {
		f->category_id = crm_id(f->category);
		crm_rows *c = f->category_id ? crm_db_query(r, "SELECT 1 FROM task_category WHERE id = ?", "i", f->category_id) : NULL;
		if (f->category_id && !c)
			return CRM_EDB;
		if (!c || !c->n_rows)
			add_error(f, "category_id", "tasks.category_invalid");
	}
	f->remind_minutes = remind_minutes(f->remind);
	if (f->remind_minutes < -1)
		add_error(f, "remind", "tasks.remind_invalid");
	f->assignee_id = crm_id(f->assignee);
	if (!*f->assignee)
		f->assignee_id = crm_req_user(r);
	crm_rows *u = f->assignee_id ? crm_db_query(r, "SELECT 1 FROM crm_user WHERE id = ? AND active = 1", "i", f->assignee_id) : NULL;
	if (f->assignee_id && !u)
		return CRM_EDB;
	if (!u || !u->n_rows)
		add_error(f, "assignee_id", "tasks.assignee_invalid");

	/* The due time: a preset counts days from the user's today; else the typed date. */
	size_t preset = CRM_LEN(presets);
	for (size_t i = 0; i < CRM_LEN(presets); i++)
		if (!strcmp(f->due, presets[i]))
			preset = i;
	if (preset == CRM_LEN(presets)) {
		f->due = "date";
		preset = 0;
	}
	crm_zone *z = crm_zone_user(r);
	crm_civil c = {0};
	bool time_ok = crm_parse_time(f->due_time, &c);
	if (!time_ok)
		add_error(f, "due_time", *f->due_time ? "tasks.time_invalid" : "tasks.time_required");
	bool date_ok = true;
	if (preset == 0) {
		date_ok = crm_parse_date(f->due_date, &c);
		if (!date_ok)
			add_error(f, "due_date", *f->due_date ? "tasks.date_invalid" : "tasks.date_required");
	} else {
		crm_civil today = crm_zone_local(z, crm_time_now());
		crm_civil day = crm_civil_add_days(today, preset_days[preset]);
		c.y = day.y;
		c.mo = day.mo;
		c.d = day.d;
	}
	if (time_ok && date_ok) {
		f->due_at = crm_zone_utc(z, &c);
		if (f->due_at < 0)
			add_error(f, "due_date", "tasks.date_invalid");
	}
	return with_record ? read_record(r, f) : 0;
}

/* ===== rendering ===== */

static xmlNodePtr field(xmlNodePtr parent, const task_form *f, const char *name, const char *label,
			const char *type, const char *value)
{
	xmlNodePtr x = crm_form_field(parent, name, label, type, value);
	crm_xml_attr(x, "error", error_for(f, name));
	return x;
}


int task_form_fields(crm_req *r, xmlNodePtr form, const task_form *f, bool with_record)
{
	crm_pool *p = crm_req_pool(r);
	crm_rows *cats = crm_db_query(r, "SELECT id, name FROM task_category ORDER BY position, id", "");
	crm_rows *users = crm_users_active(r);
	if (!cats || !users)
		return CRM_EDB;
	xmlNodePtr x = field(form, f, "title", "tasks.title_field", "text", f->title);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "maxlength", "255");
	crm_xml_attr(x, "autofocus", "1");
	x = field(form, f, "category_id", "tasks.category", "select", f->category);
	crm_form_option(x, "", "tasks.no_category");
	for (size_t i = 0; i < cats->n_rows; i++)
		crm_form_option(x, crm_rows_get(cats, i, 0), crm_rows_get(cats, i, 1));

	if (with_record) {
		xmlNodePtr box = crm_xml_add(form, "record-box", NULL);
		const crm_entity_type *e[TASKS_ENTITIES_MAX];
		size_t n = tasks_entities(r, e, CRM_LEN(e));
		x = field(box, f, "entity", "tasks.record_type", "select", f->entity);
		crm_form_option(x, "", "tasks.no_record");
		for (size_t i = 0; i < n; i++)
			crm_form_option(x, e[i]->name, e[i]->title);
		x = field(box, f, "record", "tasks.record", "text", f->record);
		crm_xml_attr(x, "maxlength", "200");
		crm_xml_attr(x, "hint", "tasks.record_hint");
		if (f->candidates && f->candidates->children) {
			x = field(box, f, "record_id", "tasks.record_pick", "select", NULL);
			for (xmlNodePtr o = f->candidates->children; o; o = o->next)
				xmlAddChild(x, xmlCopyNode(o, 1));
		}
		crm_form_field(box, "record_was", NULL, "hidden", f->record_was);
		crm_form_field(box, "record_keep", NULL, "hidden", f->record_keep);
	}

	xmlNodePtr due = crm_xml_add(form, "due-box", NULL);
	crm_xml_attr(due, "value", f->due);
	crm_xml_attr(due, "error", error_for(f, "due"));
	/* Each preset's date in the user's zone: the page's script shows it in the date field. */
	crm_civil today = crm_zone_local(crm_zone_user(r), crm_time_now());
	for (size_t i = 0; i < CRM_LEN(presets); i++) {
		xmlNodePtr pr = crm_xml_add(due, "preset", NULL);
		crm_xml_attr(pr, "value", presets[i]);
		if (i) {
			crm_civil d = crm_civil_add_days(today, preset_days[i]);
			crm_xml_attr(pr, "date", crm_psprintf(p, "%04d-%02d-%02d", d.y, d.mo, d.d));
		}
	}
	x = field(due, f, "due_date", "tasks.due_date", "date", f->due_date);
	crm_xml_attr(x, "hint", "tasks.due_date_hint");
	x = field(due, f, "due_time", "tasks.due_time", "time", f->due_time);
	crm_xml_attr(x, "required", "1");

	x = field(form, f, "remind", "tasks.remind", "select", f->remind);
	for (size_t i = 0; i < tasks_n_remind_choices; i++) {
		int m = tasks_remind_choices[i];
		crm_form_option(x, m < 0 ? "never" : crm_psprintf(p, "%d", m),
		       m < 0 ? "tasks.remind_never" : crm_psprintf(p, "tasks.remind_%d", m));
	}
	x = field(form, f, "assignee_id", "tasks.assignee", "select", f->assignee);
	for (size_t i = 0; i < users->n_rows; i++)
		crm_form_option(x, crm_rows_get(users, i, 0), crm_rows_get(users, i, 1));
	x = field(form, f, "notify", "tasks.notify", "checkbox", "1");
	if (f->notify)
		crm_xml_attr(x, "checked", "1");
	crm_xml_attr(x, "hint", "tasks.notify_hint");
	field(form, f, "description", "tasks.description", "textarea", f->description);
	if (f->n_errors) {
		crm_status(r, 422);
		crm_xml_attr(form, "error", "core.form_errors");
	}
	return 0;
}

/* The page around the form: new (id 0) or edit. */
static int form_page(crm_req *r, const task_form *f, int64_t id, const char *back)
{
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr c = crm_page(r, "tasks.form", id ? "tasks.edit_title" : "tasks.new_title");
	xmlNodePtr info = crm_xml_add(c, "task", NULL);
	if (id) {
		crm_xml_attr_int(info, "id", id);
		crm_xml_attr(info, "title", f->title);
	}
	xmlNodePtr form = crm_form(c, id ? crm_psprintf(p, "/tasks/%lld/edit", (long long)id) : "/tasks/new");
	crm_xml_attr(form, "class", "task-form");
	crm_xml_attr(form, "id", "task");
	int rc = task_form_fields(r, form, f, true);
	if (rc < 0)
		return rc;
	if (*back)
		crm_form_field(form, "back", NULL, "hidden", back);
	crm_form_submit(form, id ? "core.save" : "tasks.create");
	crm_xml_attr(crm_xml_add(form, "cancel", NULL), "href",
		     *back ? back : id ? crm_psprintf(p, "/tasks/%lld", (long long)id) : "/tasks");
	return 0;
}

int tasks_new(crm_req *r)
{
	task_form f;
	task_form_defaults(r, &f);
	const char *back = tasks_back(crm_query_input(r, "back"), "");
	const char *entity = crm_query_input(r, "entity");
	int64_t id = crm_id(crm_query_input(r, "id"));
	if (*entity || id) {
		/* From a card: the record is fixed unless the person types another. */
		const crm_entity_type *e = tasks_entity(r, entity);
		int ok = e && id ? crm_access_check(r, e->table, e->name, id, CRM_READ) : 0;
		if (ok < 0)
			return ok;
		if (!ok)
			return crm_error(r, 404, "core.not_found");
		const char *label = tasks_label(r, e->name, id);
		f.entity = e->name;
		f.record = f.record_was = *label ? label : crm_psprintf(crm_req_pool(r), "%s #%lld", crm_t(r, e->title), (long long)id);
		f.record_keep = crm_psprintf(crm_req_pool(r), "%s:%lld", e->name, (long long)id);
		if (!*back)
			back = tasks_back(tasks_record_url(r, e, id), "");
	}
	return form_page(r, &f, 0, back);
}

int tasks_create(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	task_form f;
	const char *back = tasks_back(crm_input(r, "back"), "");
	int rc = task_form_read(r, &f, true);
	if (rc < 0)
		return rc;
	if (f.n_errors)
		return form_page(r, &f, 0, back);
	int64_t now = crm_time_now();
	if (crm_db_begin(r) < 0 ||
	    crm_db_exec(r, "INSERT INTO task (title, category_id, entity, record_id, due_at, remind_minutes, remind_at, "
			   "assignee_id, description, owner_id, visibility, created_at, updated_at) "
			   "VALUES (?, NULLIF(?, 0), NULLIF(?, ''), NULLIF(?, 0), ?, ?, ?, ?, ?, ?, 'private', UTC_TIMESTAMP(), UTC_TIMESTAMP())",
			"sisissssss", f.title, f.category_id, f.record_id ? f.entity : "", f.record_id,
			crm_time_sql(p, f.due_at), f.remind_minutes < 0 ? NULL : crm_psprintf(p, "%d", f.remind_minutes),
			task_remind_at(p, f.due_at, f.remind_minutes, now), tasks_id_text(r, f.assignee_id),
			*f.description ? f.description : NULL, tasks_id_text(r, crm_req_user(r))) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	const char *url = crm_psprintf(p, "/tasks/%lld", (long long)id);
	if (task_history(r, f.entity, f.record_id, "tasks.history_created", f.title, id) < 0)
		return CRM_EDB;
	if (f.notify && f.assignee_id != crm_req_user(r) && crm_notify(r, f.assignee_id, "tasks.notify_assigned", f.title, url) < 0)
		return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "tasks.created");
	return crm_redirect(r, *back ? back : url);
}

/* The form as stored. */
static void stored_form(crm_req *r, const crm_rows *row, task_form *f)
{
	crm_pool *p = crm_req_pool(r);
	task_form_defaults(r, f);
	crm_zone *z = crm_zone_user(r);
	f->title = crm_rows_by(row, 0, "title");
	f->category = crm_rows_by(row, 0, "category_id") ? crm_rows_by(row, 0, "category_id") : "";
	f->due = "date";
	f->due_date = crm_time_local(p, z, crm_rows_by(row, 0, "due_at"), CRM_TIME_DATE);
	f->due_time = crm_time_local(p, z, crm_rows_by(row, 0, "due_at"), CRM_TIME_CLOCK);
	const char *m = crm_rows_by(row, 0, "remind_minutes");
	f->remind = m ? m : "never";
	f->assignee = crm_rows_by(row, 0, "assignee_id");
	f->description = crm_rows_by(row, 0, "description") ? crm_rows_by(row, 0, "description") : "";
	f->notify = false;
	const char *entity = crm_rows_by(row, 0, "entity");
	int64_t rid = crm_id(crm_rows_by(row, 0, "record_id"));
	if (entity && rid) {
		const crm_entity_type *e = tasks_entity(r, entity);
		const char *label = tasks_label(r, entity, rid);
		f->entity = entity;
		f->record = f->record_was = *label ? label : crm_psprintf(p, "%s #%lld", e ? crm_t(r, e->title) : entity, (long long)rid);
		f->record_keep = crm_psprintf(p, "%s:%lld", entity, (long long)rid);
	}
}

int tasks_edit(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = task_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	task_form f;
	stored_form(r, row, &f);
	return form_page(r, &f, id, tasks_back(crm_query_input(r, "back"), ""));
}

int tasks_save(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = task_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	task_form f;
	const char *back = tasks_back(crm_input(r, "back"), "");
	rc = task_form_read(r, &f, true);
	if (rc < 0)
		return rc;
	if (f.n_errors)
		return form_page(r, &f, id, back);
	/* A new due time or lead time sends the reminder again; other changes keep it sent. */
	const char *old_m = crm_rows_by(row, 0, "remind_minutes");
	int64_t old_due = crm_time_from_sql(crm_rows_by(row, 0, "due_at"));
	bool done = !strcmp(crm_rows_by(row, 0, "done"), "1");
	bool rearm = old_due != f.due_at || (old_m ? atoi(old_m) : -1) != f.remind_minutes;
	const char *remind_at = done ? NULL : task_remind_at(p, f.due_at, f.remind_minutes, crm_time_now());
	if (!rearm)
		remind_at = crm_rows_by(row, 0, "remind_at");
	int64_t old_assignee = crm_id(crm_rows_by(row, 0, "assignee_id"));
	if (crm_db_begin(r) < 0 ||
	    crm_db_exec(r, "UPDATE task SET title = ?, category_id = NULLIF(?, 0), entity = NULLIF(?, ''), "
			   "record_id = NULLIF(?, 0), due_at = ?, remind_minutes = ?, remind_at = ?, "
			   "reminded_at = IF(?, NULL, reminded_at), assignee_id = ?, description = ?, "
			   "updated_at = UTC_TIMESTAMP() WHERE id = ?",
			"sisisssiisi", f.title, f.category_id, f.record_id ? f.entity : "", f.record_id,
			crm_time_sql(p, f.due_at), f.remind_minutes < 0 ? NULL : crm_psprintf(p, "%d", f.remind_minutes),
			remind_at, (int64_t)rearm, f.assignee_id, *f.description ? f.description : NULL, id) < 0)
		return CRM_EDB;
	const char *url = crm_psprintf(p, "/tasks/%lld", (long long)id);
	if (f.notify && f.assignee_id != crm_req_user(r) &&
	    crm_notify(r, f.assignee_id, f.assignee_id == old_assignee ? "tasks.notify_changed" : "tasks.notify_assigned",
		       f.title, url) < 0)
		return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, *back ? back : url);
}
