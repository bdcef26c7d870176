CREATE TABLE `case_rule_checks` (
	`case_id` text PRIMARY KEY NOT NULL,
	`checked_on` text NOT NULL,
	`since_on` text
);
--> statement-breakpoint
CREATE TABLE `reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`rule` text NOT NULL,
	`case_id` text NOT NULL,
	`case_number` text NOT NULL,
	`item_name` text NOT NULL,
	`site_id` text NOT NULL,
	`recipient_user_id` text NOT NULL,
	`due_on` text NOT NULL,
	`fires_on` text NOT NULL,
	`severity` text NOT NULL,
	`text_zh` text NOT NULL,
	`text_en` text NOT NULL,
	`created_at` text NOT NULL,
	`read_at` text
);
--> statement-breakpoint
CREATE INDEX `reminders_recipient_read_idx` ON `reminders` (`recipient_user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `reminders_case_idx` ON `reminders` (`case_id`);--> statement-breakpoint
CREATE TABLE `sms_log` (
	`id` text PRIMARY KEY NOT NULL,
	`rule` text NOT NULL,
	`case_id` text NOT NULL,
	`case_number` text NOT NULL,
	`template` text NOT NULL,
	`phone_masked` text NOT NULL,
	`text` text NOT NULL,
	`fires_on` text NOT NULL,
	`sent_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sms_log_sent_idx` ON `sms_log` (`sent_at`);--> statement-breakpoint
CREATE INDEX `sms_log_case_idx` ON `sms_log` (`case_id`);--> statement-breakpoint
ALTER TABLE `case_projections` ADD `legal_due_on` text;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `legal_on_time` integer;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `next_rule_on` text;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `forward_due_on` text;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `rule_state` text;--> statement-breakpoint
CREATE INDEX `case_projections_legal_due_on_idx` ON `case_projections` (`legal_due_on`);--> statement-breakpoint
CREATE INDEX `case_projections_next_rule_idx` ON `case_projections` (`next_rule_on`);--> statement-breakpoint
-- Cases projected before the scheduler existed have no next day yet; they are never looked at
-- here either (no case_rule_checks row), so the first pass reads every open one (from its
-- document: rule_state is null until the case is projected again). Their legal dates are
-- filled by each node's deadline refresh at its next start; closed cases keep null.
UPDATE `case_projections` SET `next_rule_on` = '0000-01-01' WHERE `status` NOT IN ('REJECTED_AT_INTAKE', 'COMPLETED', 'WITHDRAWN', 'TERMINATED');
