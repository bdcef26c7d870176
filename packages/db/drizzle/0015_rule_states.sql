-- A projection's rule state moves to a table of its own: at 600–1,500 bytes it was two thirds of
-- every case_projections row, and each list that counts rows read it. Kept only where set.
CREATE TABLE `case_rule_states` (
	`case_id` text PRIMARY KEY NOT NULL,
	`rule_state` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `case_rule_states` (`case_id`, `rule_state`)
	SELECT `case_id`, `rule_state` FROM `case_projections` WHERE `rule_state` IS NOT NULL;
--> statement-breakpoint
ALTER TABLE `case_projections` DROP COLUMN `rule_state`;
