-- App fields (issue 9): a specialised library for mobile-internet apps
-- (CAPPVD; [registry] specialisation = app) records, for each report, 报送
-- and product, the app it is about.  Kept in the clear, like a report's
-- product and vendor: they name the app, not the flaw, and they are what
-- the library lists, searches and counts.
--   app_platform  android, ios, harmonyos, miniprogram (小程序),
--                 official_account (公众号), quickapp (快应用), or ''
ALTER TABLE reports ADD COLUMN app_name TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN app_package TEXT NOT NULL DEFAULT '';	-- package name or bundle id
ALTER TABLE reports ADD COLUMN app_version TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN app_platform TEXT NOT NULL DEFAULT '' CHECK (app_platform IN ('',
    'android', 'ios', 'harmonyos', 'miniprogram', 'official_account', 'quickapp'));
ALTER TABLE reports ADD COLUMN app_store TEXT NOT NULL DEFAULT '';	-- distribution channel or store
ALTER TABLE reports ADD COLUMN app_developer TEXT NOT NULL DEFAULT '';

ALTER TABLE received_submissions ADD COLUMN app_name TEXT NOT NULL DEFAULT '';
ALTER TABLE received_submissions ADD COLUMN app_package TEXT NOT NULL DEFAULT '';
ALTER TABLE received_submissions ADD COLUMN app_version TEXT NOT NULL DEFAULT '';
ALTER TABLE received_submissions ADD COLUMN app_platform TEXT NOT NULL DEFAULT '' CHECK (app_platform
    IN ('', 'android', 'ios', 'harmonyos', 'miniprogram', 'official_account', 'quickapp'));
ALTER TABLE received_submissions ADD COLUMN app_store TEXT NOT NULL DEFAULT '';
ALTER TABLE received_submissions ADD COLUMN app_developer TEXT NOT NULL DEFAULT '';
CREATE INDEX received_submissions_app ON received_submissions (app_platform, received_at);

ALTER TABLE products ADD COLUMN app_package TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN app_platform TEXT NOT NULL DEFAULT '' CHECK (app_platform IN ('',
    'android', 'ios', 'harmonyos', 'miniprogram', 'official_account', 'quickapp'));
ALTER TABLE products ADD COLUMN app_store TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN app_developer TEXT NOT NULL DEFAULT '';

-- The staff queue filters reports by platform (?platform=); a specialised
-- library's reports mostly carry one.
CREATE INDEX reports_app_platform ON reports (app_platform, leaf_index);
