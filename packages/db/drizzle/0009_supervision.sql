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
