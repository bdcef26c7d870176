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
CREATE INDEX `complaint_docs_target_staff_idx` ON `complaint_docs` (`target_staff_id`);