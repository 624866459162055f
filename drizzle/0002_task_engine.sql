CREATE TABLE `cockpit_task_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`agent_id` text NOT NULL,
	`assigned_at` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`outcome` text,
	`reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_task_attempt_idx` ON `cockpit_task_attempts` (`task_id`,`attempt`);--> statement-breakpoint
ALTER TABLE `cockpit_tasks` ADD `depends_on` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_tasks` ADD `parent_id` text;--> statement-breakpoint
ALTER TABLE `cockpit_tasks` ADD `kind` text DEFAULT 'task' NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_tasks` ADD `available_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_tasks` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `cockpit_tasks` ADD `timeout_ms` integer;--> statement-breakpoint
ALTER TABLE `cockpit_tasks` ADD `started_at` integer;--> statement-breakpoint
CREATE INDEX `tasks_parent_idx` ON `cockpit_tasks` (`parent_id`);