-- Rows projected before these columns have no legal dates (they live in the documents): each
-- node re-projects its open cases once at its next start (deadline refresh, packages/api), and
-- closed cases keep null, so they carry no verdict against the legal limit.
ALTER TABLE `case_projections` ADD `legal_due_on` text;--> statement-breakpoint
ALTER TABLE `case_projections` ADD `legal_on_time` integer;--> statement-breakpoint
CREATE INDEX `case_projections_legal_due_on_idx` ON `case_projections` (`legal_due_on`);
