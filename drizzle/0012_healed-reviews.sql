CREATE TABLE `healed_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`reviewed_on` text NOT NULL,
	`healed_colour` text NOT NULL,
	`retention` text NOT NULL,
	`spread` text NOT NULL,
	`reaction` integer NOT NULL,
	`next_step` text NOT NULL,
	`notes` text NOT NULL,
	`consent_confirmed_at` integer NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`return_comment` text,
	`reviewed_by` text,
	`reviewed_at` integer,
	`countersigned_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `supervised_cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `healed_reviews_case_id_unique` ON `healed_reviews` (`case_id`);--> statement-breakpoint
CREATE INDEX `healed_reviews_status_idx` ON `healed_reviews` (`status`,`updated_at`);--> statement-breakpoint
ALTER TABLE `supervised_case_photos` ADD `stage` text DEFAULT 'session' NOT NULL;