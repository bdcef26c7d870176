ALTER TABLE `audit_log` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;--> statement-breakpoint
-- Hand-written below the generated columns (drizzle-kit does not model triggers): an insert
-- must extend the chain — the next id, and prev_hash equal to the last row's hash (the genesis
-- value when there is none, or only rows from before the chain) — so two writers racing on a
-- stale tail cannot fork it; the loser's transaction aborts and audit-chain.ts retries it.
CREATE TRIGGER `audit_log_chain` BEFORE INSERT ON `audit_log`
WHEN NEW.hash IS NULL
	OR NEW.id IS NOT coalesce((SELECT max(id) FROM audit_log), 0) + 1
	OR NEW.prev_hash IS NOT coalesce(
		(SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
		'0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
	SELECT RAISE(ABORT, 'audit_log chain: an insert must carry the next id and the last row''s hash');
END;
