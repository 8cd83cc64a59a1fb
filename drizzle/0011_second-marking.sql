CREATE TABLE `benchmarks` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`organisation_id` text,
	`course_slug` text NOT NULL,
	`practical_slug` text NOT NULL,
	`scores` text NOT NULL,
	`verdict` text NOT NULL,
	`note` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `benchmarks_practical_idx` ON `benchmarks` (`course_slug`,`practical_slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `benchmarks_submission_unique` ON `benchmarks` (`submission_id`);--> statement-breakpoint
CREATE TABLE `grades` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`marker_id` text,
	`kind` text NOT NULL,
	`verdict` text NOT NULL,
	`scores` text NOT NULL,
	`points` real NOT NULL,
	`max_points` real NOT NULL,
	`feedback` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`marker_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grades_submission_kind_unique` ON `grades` (`submission_id`,`kind`);--> statement-breakpoint
CREATE INDEX `grades_marker_idx` ON `grades` (`marker_id`);--> statement-breakpoint
CREATE TABLE `second_marking_rates` (
	`scope` text NOT NULL,
	`course_slug` text NOT NULL,
	`practical_slug` text NOT NULL,
	`rate` integer NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `course_slug`, `practical_slug`),
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `standardisation_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`instructor_id` text NOT NULL,
	`organisation_id` text,
	`course_slug` text NOT NULL,
	`practical_slug` text NOT NULL,
	`started_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`instructor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `standardisation_runs_instructor_idx` ON `standardisation_runs` (`instructor_id`,`practical_slug`);--> statement-breakpoint
CREATE TABLE `standardisation_scores` (
	`run_id` text NOT NULL,
	`benchmark_id` text NOT NULL,
	`scores` text NOT NULL,
	`verdict` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `benchmark_id`),
	FOREIGN KEY (`run_id`) REFERENCES `standardisation_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`benchmark_id`) REFERENCES `benchmarks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `memberships` ADD `lead` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `require_standardisation` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `submission_pins` ADD `grade_id` text REFERENCES grades(id);--> statement-breakpoint
ALTER TABLE `submissions` ADD `benchmark_consent_at` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `second_marking_rate` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `second_marked` integer;--> statement-breakpoint
-- Work graded before second marking existed keeps its grade as the first (and only) marker's.
INSERT INTO `grades` (`id`, `submission_id`, `marker_id`, `kind`, `verdict`, `scores`, `points`, `max_points`, `feedback`, `reason`, `created_at`)
SELECT lower(hex(randomblob(15))), s.`id`, s.`graded_by`, 'first', s.`verdict`,
  coalesce((SELECT json_group_object(sc.`criterion_id`, sc.`level_index`) FROM `submission_scores` sc WHERE sc.`submission_id` = s.`id`), '{}'),
  coalesce(s.`points`, 0), coalesce(s.`max_points`, 0), coalesce(s.`feedback`, ''), NULL, coalesce(s.`graded_at`, s.`created_at`)
FROM `submissions` s WHERE s.`verdict` IS NOT NULL;--> statement-breakpoint
UPDATE `submission_pins` SET `grade_id` = (SELECT g.`id` FROM `grades` g WHERE g.`submission_id` = `submission_pins`.`submission_id` AND g.`kind` = 'first');--> statement-breakpoint
UPDATE `submissions` SET `second_marked` = 0 WHERE `verdict` IS NOT NULL;
