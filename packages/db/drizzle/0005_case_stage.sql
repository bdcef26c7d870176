ALTER TABLE `case_projections` ADD `stage` text;--> statement-breakpoint
-- Hand-written below the generated column: projections are rebuilt only when a case changes,
-- so cases already forwarded get their stage now. An accepted case handled at a center came
-- there by 转报 (a transfer to the center itself is rare and shows the same way until its next change).
UPDATE `case_projections` SET `stage` = 'forwarded'
WHERE `status` = 'ACCEPTED' AND `handling_site_id` IN (SELECT `id` FROM `sites` WHERE `kind` = 'center');
