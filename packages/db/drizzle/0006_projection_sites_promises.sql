ALTER TABLE `case_projections` ADD `completed_site_id` text;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rated_site_id` text;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `promise_due_on` text;--> statement-breakpoint
CREATE INDEX `case_projections_completed_site_idx` ON `case_projections` (`completed_site_id`);--> statement-breakpoint
CREATE INDEX `case_projections_promise_due_idx` ON `case_projections` (`promise_due_on`);--> statement-breakpoint
-- Rows projected before these columns: the machine lets only the pick-up site (or the handling
-- site when none is named) complete a case, so that is where a completed case was completed;
-- a rating is opened by the staff who hand the result over. Promise due dates live only in the
-- documents: an older row gets one at its case's next write.
UPDATE `case_projections` SET `completed_site_id` = COALESCE(`pickup_site_id`, `handling_site_id`) WHERE `status` = 'COMPLETED';--> statement-breakpoint
UPDATE `case_projections` SET `rated_site_id` = COALESCE(`completed_site_id`, `pickup_site_id`, `handling_site_id`) WHERE `rating_level` IS NOT NULL;
