ALTER TABLE `case_scope` ADD `filled` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `case_scope_unfilled_idx` ON `case_scope` (`case_id`) WHERE "case_scope"."filled" = 0;