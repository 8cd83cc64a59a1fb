CREATE TABLE `case_supervisors` (
	`id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`supervisor_id` text,
	`qualification` text,
	`token_hash` text NOT NULL,
	`invited_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	`revoked_at` integer,
	`revoked_by` text,
	FOREIGN KEY (`learner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supervisor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_supervisors_token_hash_unique` ON `case_supervisors` (`token_hash`);--> statement-breakpoint
CREATE INDEX `case_supervisors_supervisor_idx` ON `case_supervisors` (`supervisor_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `case_supervisors_one_per_email` ON `case_supervisors` (`learner_id`,`email`) WHERE revoked_at is null;--> statement-breakpoint
ALTER TABLE `supervised_cases` ADD `supervisor_link_id` text REFERENCES case_supervisors(id);