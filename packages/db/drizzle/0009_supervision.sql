CREATE TABLE `complaint_docs` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`stage` text NOT NULL,
	`site_id` text NOT NULL,
	`target_site_id` text,
	`target_staff_id` text,
	`target_case_id` text,
	`coordinator_id` text,
	`registered_at` text NOT NULL,
	`closed_on` text,
	`substantiated` integer,
	`state` text NOT NULL,
	`complainant` text,
	`doc` blob NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaint_docs_seq_idx` ON `complaint_docs` (`seq`);--> statement-breakpoint
CREATE INDEX `complaint_docs_site_idx` ON `complaint_docs` (`site_id`);--> statement-breakpoint
CREATE INDEX `complaint_docs_target_site_idx` ON `complaint_docs` (`target_site_id`);--> statement-breakpoint
CREATE INDEX `complaint_docs_target_staff_idx` ON `complaint_docs` (`target_staff_id`);--> statement-breakpoint
CREATE TABLE `station_audit_log` (
	`site_id` text NOT NULL,
	`id` integer NOT NULL,
	`at` text NOT NULL,
	`user_id` text NOT NULL,
	`action` text NOT NULL,
	`case_id` text,
	`request_id` text,
	`detail` text NOT NULL,
	`prev_hash` text,
	`hash` text,
	PRIMARY KEY(`site_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `station_audit_log_case_idx` ON `station_audit_log` (`site_id`,`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `station_audit_log_user_idx` ON `station_audit_log` (`site_id`,`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `station_audit_log_action_idx` ON `station_audit_log` (`site_id`,`action`,`id`);--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rating_channels` text;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rectify_site_id` text;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rectify_state` text;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rectify_level` integer;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rectify_rated_on` text;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rectify_open` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rectify_due_on` text;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rectify_bad` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rectify_closed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rectify_real_name` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rectify_called_back` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rating_excluded` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `case_projections_rectify_site_idx` ON `case_projections` (`rectify_site_id`);--> statement-breakpoint
-- Before the qr channel every recorded rating was given at a counter (offline): a rated case
-- projected earlier counts its rating there until it is projected again. (A case rated at two
-- offline stages shows one until then: the old projection kept only one.)
UPDATE `case_projections` SET `rating_channels` = json_array(json_object('channel', 'offline', 'siteId', COALESCE(`rated_site_id`, `completed_site_id`, `handling_site_id`))) WHERE `rating_level` IS NOT NULL;
--> statement-breakpoint
-- A station's audit rows at the hub are as append-only as the hub's own log (0001), and each
-- insert must continue that station's chain (as 0004 does for audit_log): the next id of the
-- site, linked to the site's last hash — or, before any chained row, a row without a hash.
-- drizzle-kit does not model triggers; these were appended to the generated migration by hand.
CREATE TRIGGER `station_audit_log_no_update` BEFORE UPDATE ON `station_audit_log`
BEGIN
	SELECT RAISE(ABORT, 'station_audit_log is append-only: UPDATE is not allowed');
END;
--> statement-breakpoint
CREATE TRIGGER `station_audit_log_no_delete` BEFORE DELETE ON `station_audit_log`
BEGIN
	SELECT RAISE(ABORT, 'station_audit_log is append-only: DELETE is not allowed');
END;
--> statement-breakpoint
CREATE TRIGGER `station_audit_log_chain` BEFORE INSERT ON `station_audit_log`
WHEN NEW.id IS NOT coalesce((SELECT max(id) FROM station_audit_log WHERE site_id = NEW.site_id), 0) + 1
	OR (NEW.hash IS NULL AND EXISTS (
		SELECT 1 FROM station_audit_log WHERE site_id = NEW.site_id AND hash IS NOT NULL))
	OR (NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT coalesce(
		(SELECT hash FROM station_audit_log WHERE site_id = NEW.site_id ORDER BY id DESC LIMIT 1),
		'0000000000000000000000000000000000000000000000000000000000000000'))
BEGIN
	SELECT RAISE(ABORT, 'station_audit_log chain: an insert must carry the site''s next id and last hash');
END;
