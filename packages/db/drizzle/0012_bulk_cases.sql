CREATE TABLE `bulk_cases` (
	`case_id` text NOT NULL,
	`sender` text NOT NULL,
	`changes` blob,
	`change_count` integer NOT NULL,
	`claimed` integer NOT NULL,
	`state` text NOT NULL,
	`kind` text,
	`reason` text,
	`received_at` text NOT NULL,
	`checked_at` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`case_id`, `sender`)
);
--> statement-breakpoint
CREATE INDEX `bulk_cases_waiting_idx` ON `bulk_cases` (`checked_at`) WHERE "bulk_cases"."state" = 'waiting';--> statement-breakpoint
CREATE INDEX `bulk_cases_sender_state_idx` ON `bulk_cases` (`sender`,`state`);