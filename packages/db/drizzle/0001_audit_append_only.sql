-- The audit log is append-only: rows are written once, inside the transaction of the action
-- they record, and never changed or removed. drizzle-kit does not model triggers, so this
-- migration is hand-written (drizzle-kit generate --custom --name audit_append_only).
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE is not allowed');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: DELETE is not allowed');
END;
