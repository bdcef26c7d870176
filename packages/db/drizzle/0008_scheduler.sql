ALTER TABLE `case_projections` ADD `next_rule_on` text;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `forward_due_on` text;--> statement-breakpoint
CREATE INDEX `case_projections_next_rule_idx` ON `case_projections` (`next_rule_on`);CREATE INDEX `case_projections_next_rule_idx` ON `case_projections` (`next_rule_on`);--> statement-breakpoint
-- Cases projected before the scheduler existed: its first pass looks at every open one once
-- and sets the real day (the scheduler writes next_rule_on after each evaluation).
UPDATE `case_projections` SET `next_rule_on` = '0000-01-01' WHERE `status` NOT IN ('REJECTED_AT_INTAKE', 'COMPLETED', 'WITHDRAWN', 'TERMINATED');
