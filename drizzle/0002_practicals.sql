CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`link` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`) WHERE read_at is null;--> statement-breakpoint
CREATE TABLE `review_drafts` (
	`submission_id` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`data` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`submission_id`, `reviewer_id`),
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `staged_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`course_slug` text NOT NULL,
	`practical_slug` text NOT NULL,
	`storage_key` text NOT NULL,
	`thumb_key` text NOT NULL,
	`content_type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` integer NOT NULL,
	`original_name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staged_photos_owner_idx` ON `staged_photos` (`user_id`,`course_slug`,`practical_slug`);--> statement-breakpoint
CREATE TABLE `submission_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`position` integer NOT NULL,
	`storage_key` text NOT NULL,
	`thumb_key` text NOT NULL,
	`content_type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `submission_photos_submission_idx` ON `submission_photos` (`submission_id`);--> statement-breakpoint
CREATE TABLE `submission_pins` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`photo_id` text NOT NULL,
	`number` integer NOT NULL,
	`x` real NOT NULL,
	`y` real NOT NULL,
	`comment` text NOT NULL,
	`criterion_id` text,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`photo_id`) REFERENCES `submission_photos`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `submission_pins_submission_idx` ON `submission_pins` (`submission_id`);--> statement-breakpoint
CREATE TABLE `submission_scores` (
	`submission_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`level_index` integer NOT NULL,
	`points` real NOT NULL,
	PRIMARY KEY(`submission_id`, `criterion_id`),
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`course_slug` text NOT NULL,
	`practical_slug` text NOT NULL,
	`version` integer NOT NULL,
	`note` text NOT NULL,
	`consent_confirmed_at` integer NOT NULL,
	`brief_hash` text NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`created_at` integer NOT NULL,
	`claimed_by` text,
	`claim_expires_at` integer,
	`graded_by` text,
	`graded_at` integer,
	`verdict` text,
	`feedback` text,
	`points` real,
	`max_points` real,
	FOREIGN KEY (`learner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`claimed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`graded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_version_unique` ON `submissions` (`learner_id`,`course_slug`,`practical_slug`,`version`);--> statement-breakpoint
CREATE INDEX `submissions_queue_idx` ON `submissions` (`status`,`created_at`);