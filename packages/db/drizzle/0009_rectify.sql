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
CREATE INDEX `case_projections_rectify_site_idx` ON `case_projections` (`rectify_site_id`);