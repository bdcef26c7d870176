ALTER TABLE `case_projections` ADD `rating_channels` text;--> statement-breakpoint
-- Before the qr channel every recorded rating was given at a counter (offline): a rated case
-- projected earlier counts its rating there until it is projected again. (A case rated at two
-- offline stages shows one until then: the old projection kept only one.)
UPDATE `case_projections` SET `rating_channels` = json_array(json_object('channel', 'offline', 'siteId', COALESCE(`rated_site_id`, `completed_site_id`, `handling_site_id`))) WHERE `rating_level` IS NOT NULL;
