CREATE TABLE `absences` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`site_id` text NOT NULL,
	`kind` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` text NOT NULL,
	`cancelled_at` text,
	`cancelled_by` text
);
--> statement-breakpoint
CREATE INDEX `absences_site_to_idx` ON `absences` (`site_id`,`to_date`);--> statement-breakpoint
CREATE INDEX `absences_to_idx` ON `absences` (`to_date`);--> statement-breakpoint
CREATE INDEX `absences_user_idx` ON `absences` (`user_id`,`from_date`);--> statement-breakpoint
ALTER TABLE `users` ADD `backup_user_id` text;