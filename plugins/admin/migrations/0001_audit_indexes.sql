-- The audit page filters the core's log by action or by user, newest first, by keyset.
CREATE INDEX IF NOT EXISTS admin_audit_action ON crm_audit (action, id);
CREATE INDEX IF NOT EXISTS admin_audit_user ON crm_audit (user_id, id);
