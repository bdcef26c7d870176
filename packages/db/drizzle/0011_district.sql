CREATE TABLE `district_staff` (
	`user_id` text PRIMARY KEY NOT NULL,
	`street_id` text NOT NULL,
	`site_id` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`active` integer NOT NULL,
	`reported_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `district_staff_street_idx` ON `district_staff` (`street_id`);--> statement-breakpoint
CREATE TABLE `reported_sync` (
	`site_id` text PRIMARY KEY NOT NULL,
	`street_id` text NOT NULL,
	`last_seen_at` text,
	`last_push_at` text,
	`last_pull_at` text,
	`reported_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reported_sync_street_idx` ON `reported_sync` (`street_id`);