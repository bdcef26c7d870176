DROP INDEX `case_scope_site_idx`;--> statement-breakpoint
CREATE INDEX `case_scope_site_case_idx` ON `case_scope` (`site_id`,`case_id`);