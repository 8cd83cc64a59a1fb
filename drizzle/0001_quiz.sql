CREATE TABLE `quiz_answers` (
	`attempt_id` text NOT NULL,
	`position` integer NOT NULL,
	`response` text NOT NULL,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `position`),
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`course_slug` text NOT NULL,
	`quiz_key` text NOT NULL,
	`bank_hash` text NOT NULL,
	`seed` text NOT NULL,
	`questions` text NOT NULL,
	`pass_mark` real NOT NULL,
	`started_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`submitted_at` integer,
	`score` real,
	`max_score` real,
	`passed` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quiz_attempts_user_idx` ON `quiz_attempts` (`user_id`,`course_slug`,`quiz_key`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_quiz_idx` ON `quiz_attempts` (`course_slug`,`quiz_key`,`submitted_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_one_open` ON `quiz_attempts` (`user_id`,`course_slug`,`quiz_key`) WHERE submitted_at is null;--> statement-breakpoint
CREATE TABLE `quiz_item_results` (
	`attempt_id` text NOT NULL,
	`position` integer NOT NULL,
	`question_ref` text NOT NULL,
	`score` real NOT NULL,
	`chosen` text,
	PRIMARY KEY(`attempt_id`, `position`),
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quiz_item_results_ref_idx` ON `quiz_item_results` (`question_ref`);