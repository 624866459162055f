CREATE TABLE `cockpit_merge_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`identity` text NOT NULL,
	`head_a` text NOT NULL,
	`head_b` text NOT NULL,
	`verdict` text NOT NULL,
	`conflicts` text NOT NULL,
	`reason` text,
	`agent_id` text,
	`task_id` text,
	`tried` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
