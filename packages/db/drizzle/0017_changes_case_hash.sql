DROP INDEX `changes_hash_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `changes_case_hash_uq` ON `changes` (`case_id`,`hash`);