CREATE TABLE `cockpit_agents` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`connected` integer DEFAULT false NOT NULL,
	`capabilities` text DEFAULT '[]' NOT NULL,
	`metadata` text,
	`max_concurrency` integer DEFAULT 1 NOT NULL,
	`key_id` text,
	`connected_at` integer,
	`last_ping_at` integer,
	`last_seen_at` integer NOT NULL,
	`disconnected_at` integer
);
--> statement-breakpoint
CREATE INDEX `agents_connected_idx` ON `cockpit_agents` (`connected`,`status`);--> statement-breakpoint
CREATE TABLE `cockpit_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`severity` text NOT NULL,
	`title` text NOT NULL,
	`message` text,
	`source` text,
	`agent_id` text,
	`metadata` text,
	`acknowledged` integer DEFAULT false NOT NULL,
	`acknowledged_by` text,
	`acknowledged_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alerts_created_idx` ON `cockpit_alerts` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `alerts_sev_ack_created_idx` ON `cockpit_alerts` (`severity`,`acknowledged`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `alerts_ack_created_idx` ON `cockpit_alerts` (`acknowledged`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `cockpit_api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_idx` ON `cockpit_api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `cockpit_audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`detail` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_created_idx` ON `cockpit_audit_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `cockpit_git_repos` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`repo_id` text NOT NULL,
	`path` text NOT NULL,
	`name` text NOT NULL,
	`branch` text,
	`status` text,
	`uncommitted_count` integer DEFAULT 0 NOT NULL,
	`ahead_count` integer DEFAULT 0 NOT NULL,
	`behind_count` integer DEFAULT 0 NOT NULL,
	`modified_files` text DEFAULT '[]' NOT NULL,
	`last_checked` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `repos_agent_path_idx` ON `cockpit_git_repos` (`agent_id`,`path`);--> statement-breakpoint
CREATE INDEX `repos_status_idx` ON `cockpit_git_repos` (`status`,`last_checked`,`id`);--> statement-breakpoint
CREATE INDEX `repos_checked_idx` ON `cockpit_git_repos` (`last_checked`,`id`);--> statement-breakpoint
CREATE TABLE `cockpit_hub_events` (
	`id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `hub_events_received_idx` ON `cockpit_hub_events` (`received_at`);--> statement-breakpoint
CREATE TABLE `cockpit_task_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` text NOT NULL,
	`type` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`agent_id` text,
	`attempt` integer,
	`message` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `task_events_task_idx` ON `cockpit_task_events` (`task_id`,`id`);--> statement-breakpoint
CREATE TABLE `cockpit_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`executor` text NOT NULL,
	`payload` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`priority` text DEFAULT 'medium' NOT NULL,
	`priority_rank` integer DEFAULT 2 NOT NULL,
	`requires` text DEFAULT '[]' NOT NULL,
	`target_agent_id` text,
	`assigned_agent_id` text,
	`attempt` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer DEFAULT 1 NOT NULL,
	`result` text,
	`logs` text,
	`error` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`assigned_at` integer,
	`completed_at` integer
);
--> statement-breakpoint
CREATE INDEX `tasks_created_idx` ON `cockpit_tasks` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_status_created_idx` ON `cockpit_tasks` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_executor_created_idx` ON `cockpit_tasks` (`executor`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_queue_idx` ON `cockpit_tasks` (`status`,`priority_rank`,`created_at`);--> statement-breakpoint
CREATE INDEX `tasks_agent_status_idx` ON `cockpit_tasks` (`assigned_agent_id`,`status`);