CREATE TABLE `cockpit_account_holds` (
	`account` text PRIMARY KEY NOT NULL,
	`until` integer NOT NULL,
	`reason` text,
	`agent_id` text,
	`task_id` text,
	`created_at` integer NOT NULL
);
