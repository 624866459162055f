CREATE TABLE `cockpit_git_activity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`agent_id` text NOT NULL,
	`repo_id` text NOT NULL,
	`repo_name` text NOT NULL,
	`message` text
);
--> statement-breakpoint
CREATE INDEX `git_activity_at_idx` ON `cockpit_git_activity` (`at`);--> statement-breakpoint
CREATE INDEX `git_activity_repo_idx` ON `cockpit_git_activity` (`repo_id`,`at`);--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `unacknowledged_at` integer;--> statement-breakpoint
CREATE INDEX `alert_events_created_idx` ON `cockpit_alert_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `approvals_decided_idx` ON `cockpit_approvals` (`decided_at`,`id`);--> statement-breakpoint
CREATE INDEX `task_events_created_idx` ON `cockpit_task_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `agent_presence_log_at_idx` ON `cockpit_agent_presence_log` (`at`);