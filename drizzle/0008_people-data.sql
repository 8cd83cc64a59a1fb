ALTER TABLE `users` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `memberships` ADD `left_stipple_at` integer;--> statement-breakpoint
ALTER TABLE `certificates` ADD `holder_deleted_at` integer;--> statement-breakpoint
ALTER TABLE `supervised_cases` ADD `photos_deleted_at` integer;--> statement-breakpoint
ALTER TABLE `supervised_cases` ADD `photos_retention_months` integer;--> statement-breakpoint
CREATE INDEX `supervised_cases_retention_idx` ON `supervised_cases` (`countersigned_at`) WHERE status = 'countersigned' and photos_deleted_at is null;