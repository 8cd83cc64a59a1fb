CREATE TABLE `certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`user_id` text NOT NULL,
	`course_slug` text NOT NULL,
	`organisation_id` text,
	`holder_name` text NOT NULL,
	`programme_title` text NOT NULL,
	`issuer_name` text,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`supersedes_id` text,
	`superseded_at` integer,
	`revoked_at` integer,
	`revoked_by` text,
	`revocation_reason` text,
	`revocation_note` text,
	`reminded_90_at` integer,
	`reminded_30_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`supersedes_id`) REFERENCES `certificates`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_unique` ON `certificates` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_first_per_course` ON `certificates` (`user_id`,`course_slug`) WHERE supersedes_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_supersedes_unique` ON `certificates` (`supersedes_id`) WHERE supersedes_id is not null;--> statement-breakpoint
CREATE INDEX `certificates_user_idx` ON `certificates` (`user_id`);--> statement-breakpoint
CREATE INDEX `certificates_org_idx` ON `certificates` (`organisation_id`,`expires_at`);--> statement-breakpoint
CREATE TABLE `supervised_case_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`position` integer NOT NULL,
	`storage_key` text NOT NULL,
	`thumb_key` text NOT NULL,
	`content_type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `supervised_cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `supervised_case_photos_case_idx` ON `supervised_case_photos` (`case_id`);--> statement-breakpoint
CREATE TABLE `supervised_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`course_slug` text NOT NULL,
	`supervisor_id` text,
	`performed_on` text NOT NULL,
	`session_number` integer NOT NULL,
	`area` text NOT NULL,
	`hair_loss_scale` text NOT NULL,
	`hair_loss_stage` text NOT NULL,
	`fitzpatrick` integer NOT NULL,
	`needle` text NOT NULL,
	`pigment` text NOT NULL,
	`dilution` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`notes` text NOT NULL,
	`consent_confirmed_at` integer NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`return_comment` text,
	`reviewed_by` text,
	`reviewed_at` integer,
	`countersigned_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`learner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supervisor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `supervised_cases_learner_idx` ON `supervised_cases` (`learner_id`,`course_slug`);--> statement-breakpoint
CREATE INDEX `supervised_cases_status_idx` ON `supervised_cases` (`status`,`updated_at`);