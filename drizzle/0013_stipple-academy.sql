-- Stipple Academy: the platform's own open cohort, where learners who sign up without a clinic
-- belong, assessed by platform instructors whom a platform admin invites (decision 030).
-- Fixed ids: app/modules/clinics/academy.ts.
INSERT OR IGNORE INTO `organisations` (`id`, `name`, `is_demo`, `require_standardisation`, `created_at`)
VALUES ('stipple-academy', 'Stipple Academy', 0, 1, CAST(strftime('%s', 'now') AS INTEGER) * 1000);
--> statement-breakpoint
INSERT OR IGNORE INTO `cohorts` (`id`, `organisation_id`, `name`, `starts_on`, `created_at`)
VALUES ('stipple-academy-open', 'stipple-academy', 'Stipple Academy (open)', '2026-01-01', CAST(strftime('%s', 'now') AS INTEGER) * 1000);
