CREATE TABLE `quiz_attempt_grants` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`course_slug` text NOT NULL,
	`quiz_key` text NOT NULL,
	`granted_by` text,
	`after_attempts` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempt_grants_once` ON `quiz_attempt_grants` (`user_id`,`course_slug`,`quiz_key`,`after_attempts`);