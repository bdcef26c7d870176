CREATE TABLE `case_scope` (
	`case_id` text NOT NULL,
	`site_id` text NOT NULL,
	`added_at` text NOT NULL,
	PRIMARY KEY(`case_id`, `site_id`)
);
--> statement-breakpoint
CREATE INDEX `case_scope_site_idx` ON `case_scope` (`site_id`);--> statement-breakpoint
CREATE TABLE `enrolment_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text
);
--> statement-breakpoint
CREATE INDEX `enrolment_codes_site_idx` ON `enrolment_codes` (`site_id`);--> statement-breakpoint
CREATE TABLE `site_feed` (
	`feed_seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`change_seq` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `site_feed_site_change_idx` ON `site_feed` (`site_id`,`change_seq`);--> statement-breakpoint
CREATE INDEX `site_feed_site_seq_idx` ON `site_feed` (`site_id`,`feed_seq`);--> statement-breakpoint
CREATE TABLE `stations` (
	`site_id` text PRIMARY KEY NOT NULL,
	`credential_hash` text NOT NULL,
	`actor_ids` text NOT NULL,
	`enrolled_at` text NOT NULL,
	`revoked_at` text,
	`last_seen_at` text,
	`last_push_at` text,
	`last_pull_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stations_credential_hash_unique` ON `stations` (`credential_hash`);--> statement-breakpoint
DROP INDEX `changes_actor_idx`;--> statement-breakpoint
CREATE INDEX `changes_actor_seq_idx` ON `changes` (`actor`,`seq`);