DROP INDEX `tasks_queue_idx`;--> statement-breakpoint
ALTER TABLE `cockpit_tasks` ADD `duration_ms` integer GENERATED ALWAYS AS (coalesce(completed_at - started_at, -1)) VIRTUAL NOT NULL;--> statement-breakpoint
CREATE INDEX `tasks_duration_idx` ON `cockpit_tasks` (`duration_ms`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_status_duration_idx` ON `cockpit_tasks` (`status`,`duration_ms`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_priority_idx` ON `cockpit_tasks` (`priority_rank`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_queue_idx` ON `cockpit_tasks` (`status`,`priority_rank`,`created_at`,`id`);