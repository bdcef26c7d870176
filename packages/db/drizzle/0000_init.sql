CREATE TABLE `attachments` (
	`hash` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`original_name` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`case_id` text
);
--> statement-breakpoint
CREATE INDEX `attachments_case_idx` ON `attachments` (`case_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` text NOT NULL,
	`site_id` text NOT NULL,
	`action` text NOT NULL,
	`case_id` text,
	`request_id` text,
	`detail` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_case_idx` ON `audit_log` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_user_idx` ON `audit_log` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`id`);--> statement-breakpoint
CREATE TABLE `case_counters` (
	`site_id` text NOT NULL,
	`day` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `day`)
);
--> statement-breakpoint
CREATE TABLE `case_docs` (
	`case_id` text PRIMARY KEY NOT NULL,
	`snapshot` blob,
	`snapshot_seq` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_projections` (
	`case_id` text PRIMARY KEY NOT NULL,
	`case_number` text NOT NULL,
	`item_code` text NOT NULL,
	`item_name` text NOT NULL,
	`item_version` integer NOT NULL,
	`status` text NOT NULL,
	`deferred` integer NOT NULL,
	`outstanding_deferred` integer NOT NULL,
	`origin_site_id` text NOT NULL,
	`handling_site_id` text NOT NULL,
	`pickup_site_id` text,
	`first_responder_id` text NOT NULL,
	`assignee_id` text,
	`applicant_name_masked` text NOT NULL,
	`applicant_id_masked` text NOT NULL,
	`applicant_id_hash` text NOT NULL,
	`phone_masked` text NOT NULL,
	`phone_last4` text NOT NULL,
	`submitted_at` text NOT NULL,
	`accepted_at` text,
	`decided_at` text,
	`completed_at` text,
	`closed_at` text,
	`due_on` text,
	`yellow_from` text,
	`paused` integer NOT NULL,
	`frozen_colour` text,
	`on_time` integer,
	`calendar_uncertain` integer NOT NULL,
	`conflict` integer NOT NULL,
	`rating_level` integer,
	`event_count` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_projections_case_number_uq` ON `case_projections` (`case_number`);--> statement-breakpoint
CREATE INDEX `case_projections_status_idx` ON `case_projections` (`status`);--> statement-breakpoint
CREATE INDEX `case_projections_item_code_idx` ON `case_projections` (`item_code`);--> statement-breakpoint
CREATE INDEX `case_projections_handling_site_idx` ON `case_projections` (`handling_site_id`);--> statement-breakpoint
CREATE INDEX `case_projections_origin_site_idx` ON `case_projections` (`origin_site_id`);--> statement-breakpoint
CREATE INDEX `case_projections_pickup_site_idx` ON `case_projections` (`pickup_site_id`);--> statement-breakpoint
CREATE INDEX `case_projections_due_on_idx` ON `case_projections` (`due_on`);--> statement-breakpoint
CREATE INDEX `case_projections_applicant_id_hash_idx` ON `case_projections` (`applicant_id_hash`);--> statement-breakpoint
CREATE INDEX `case_projections_applicant_name_idx` ON `case_projections` (`applicant_name_masked`);--> statement-breakpoint
CREATE INDEX `case_projections_submitted_at_idx` ON `case_projections` (`submitted_at`);--> statement-breakpoint
CREATE INDEX `case_projections_updated_at_idx` ON `case_projections` (`updated_at`);--> statement-breakpoint
CREATE INDEX `case_projections_assignee_idx` ON `case_projections` (`assignee_id`);--> statement-breakpoint
CREATE TABLE `catalog_items` (
	`code` text NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`json` text NOT NULL,
	`effective_from` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`code`, `version`)
);
--> statement-breakpoint
CREATE TABLE `changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`hash` text NOT NULL,
	`actor` text NOT NULL,
	`bytes` blob NOT NULL,
	`size` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `changes_hash_unique` ON `changes` (`hash`);--> statement-breakpoint
CREATE INDEX `changes_case_seq_idx` ON `changes` (`case_id`,`seq`);--> statement-breakpoint
CREATE INDEX `changes_actor_idx` ON `changes` (`actor`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`site_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` text,
	`division_code` text NOT NULL,
	`address` text NOT NULL,
	`phone` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sites_parent_idx` ON `sites` (`parent_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`pin_hash` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE INDEX `users_site_idx` ON `users` (`site_id`);