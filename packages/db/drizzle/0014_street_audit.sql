-- A street's own audit log, relayed to its district, keeps each row's site (a station's push is
-- logged under the station's code) while its chain keeps the street's: the row is hashed with
-- its own site, so storing the chain's there would break it. Null: the row names its chain's site.
ALTER TABLE `station_audit_log` ADD `row_site_id` text;