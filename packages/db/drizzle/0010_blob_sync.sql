CREATE TABLE `case_attachments` (
	`case_id` text NOT NULL,
	`hash` text NOT NULL,
	`material_code` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`name` text NOT NULL,
	`page` integer,
	PRIMARY KEY(`case_id`, `hash`)
);
--> statement-breakpoint
CREATE INDEX `case_attachments_hash_idx` ON `case_attachments` (`hash`);--> statement-breakpoint
ALTER TABLE `attachments` ADD `synced_at` text;--> statement-breakpoint
CREATE INDEX `attachments_unsynced_idx` ON `attachments` (`synced_at`,`created_at`);