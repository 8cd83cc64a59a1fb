ALTER TABLE `certificates` ADD `transcript` text;--> statement-breakpoint
ALTER TABLE `certificates` ADD `transcript_public` integer DEFAULT false NOT NULL;