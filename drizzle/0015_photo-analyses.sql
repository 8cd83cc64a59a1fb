CREATE TABLE `photo_analyses` (
	`storage_key` text PRIMARY KEY NOT NULL,
	`measured` integer NOT NULL,
	`result` text NOT NULL,
	`created_at` integer NOT NULL
);
